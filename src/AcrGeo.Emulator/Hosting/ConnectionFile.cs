using System.Text.Json;
using AcrGeo.Emulator.Identity;

namespace AcrGeo.Emulator.Hosting;

/// <summary>
/// <c>connection.json</c> in the data folder: what a client needs to find and sign in to this emulator with no
/// arguments (Connect-AcrGeo -Emulator, Start-AcrGeoEmulator, scripts). It holds the emulator's own throwaway
/// credentials (the service principal's secret and the managed-identity header), so only the owner may read it, and
/// it goes when the emulator stops. Written last on start, so its presence means the emulator is listening.
/// </summary>
sealed class ConnectionFile(string dataDirectory)
{
    public const string FileName = "connection.json";

    public string Path { get; } = System.IO.Path.Combine(dataDirectory, FileName);

    public void Write(AzureEmulator emulator)
    {
        var baseUrl = emulator.BaseUri.ToString().TrimEnd('/');
        var identity = emulator.Identity;
        EmulatorCertificate.WriteAtomically(Path, JsonSerializer.Serialize(new
        {
            baseUrl,
            proxy = emulator.ProxyUri?.ToString().TrimEnd('/'),
            certificate = emulator.CertificatePath,
            tenantId = identity.TenantId,
            subscriptionId = identity.SubscriptionId,
            clientId = identity.ClientId,
            clientSecret = identity.ClientSecret,
            identityEndpoint = $"{baseUrl}/msi/token",
            identityHeader = identity.IdentityHeader,
            processId = Environment.ProcessId,
            version = HealthEndpoint.Version,
        }), ownerOnly: true);
    }

    public void Delete() => File.Delete(Path);
}

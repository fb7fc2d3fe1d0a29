using System;
using System.IO;
using System.Security;
using System.Text.Json;

namespace AcrGeo.Connection;

/// <summary>
/// The connection file a running emulator writes to its data folder (owner-readable only), so that
/// <c>Connect-AcrGeo -Emulator</c> needs no arguments.
/// </summary>
public sealed class EmulatorInfo
{
    public const string FileName = "connection.json";

    public Uri BaseUri { get; private set; } = null!;
    public string CertificatePath { get; private set; } = "";
    public string TenantId { get; private set; } = "";
    public string SubscriptionId { get; private set; } = "";
    public string ClientId { get; private set; } = "";
    public SecureString ClientSecret { get; private set; } = new();

    /// <summary>The emulator's default data folder, the same one the emulator program uses.</summary>
    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "AcrGeo", "emulator");

    public static EmulatorInfo Read(string? directory = null)
    {
        var path = Path.Combine(directory ?? DefaultDirectory, FileName);
        if (!File.Exists(path))
            throw new AcrGeoException(ErrorIds.InvalidConnection, AcrErrorCategory.ObjectNotFound,
                $"No running emulator was found: '{path}' does not exist. Start one with " +
                "'dotnet run --project src/AcrGeo.Emulator' (or give -EmulatorDataDirectory where it keeps its data).", path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        return new EmulatorInfo
        {
            BaseUri = new Uri(root.GetProperty("baseUrl").GetString()!),
            CertificatePath = root.GetProperty("certificate").GetString()!,
            TenantId = root.GetProperty("tenantId").GetString()!,
            SubscriptionId = root.GetProperty("subscriptionId").GetString()!,
            ClientId = root.GetProperty("clientId").GetString()!,
            ClientSecret = SecureText.From(root.GetProperty("clientSecret").GetString()),
        };
    }

    /// <summary>Settings that sign in to this emulator as its service principal.</summary>
    public ConnectionSettings ToSettings() => new()
    {
        SubscriptionId = SubscriptionId,
        TenantId = TenantId,
        Credential = CredentialKind.ServicePrincipal,
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        Cloud = CloudEndpoints.Emulator(BaseUri),
        TrustedCertificatePath = CertificatePath,
    };
}

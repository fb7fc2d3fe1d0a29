using System;
using System.IO;
using System.Security;
using System.Text.Json;

namespace AcrGeo.Connection;

/// <summary>
/// The connection file a running emulator writes to its data folder (owner-readable only), so that
/// <c>Connect-AcrGeo -Emulator</c> needs no arguments. It holds the emulator's credential; only the secret-free facts
/// are public here, the secret stays a SecureString.
/// </summary>
public sealed class EmulatorInfo
{
    public const string FileName = "connection.json";

    public Uri BaseUri { get; private set; } = null!;
    public Uri? ProxyUri { get; private set; }
    public string CertificatePath { get; private set; } = "";
    public string TenantId { get; private set; } = "";
    public string SubscriptionId { get; private set; } = "";
    public string ClientId { get; private set; } = "";
    public Uri IdentityEndpoint { get; private set; } = null!;
    /// <summary>The emulator's process, when it wrote one (emulators before the .NET tool did not).</summary>
    public int? ProcessId { get; private set; }
    public string? Version { get; private set; }
    internal SecureString ClientSecret { get; private set; } = new();

    /// <summary>The emulator's default data folder, the same one the emulator program uses.</summary>
    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "AcrGeo", "emulator");

    public static string PathIn(string? directory) => Path.Combine(directory ?? DefaultDirectory, FileName);

    public static EmulatorInfo Read(string? directory = null)
    {
        var path = PathIn(directory);
        if (!File.Exists(path))
            throw new AcrGeoException(ErrorIds.InvalidConnection, AcrErrorCategory.ObjectNotFound,
                $"No running emulator was found: '{path}' does not exist. Start one with Start-AcrGeoEmulator (or run " +
                "acrgeo-emulator, the .NET tool AcrGeo.Emulator), or give -EmulatorDataDirectory where it keeps its data.", path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var baseUri = new Uri(root.GetProperty("baseUrl").GetString()!);
        return new EmulatorInfo
        {
            BaseUri = baseUri,
            ProxyUri = Optional(root, "proxy") is { } proxy ? new Uri(proxy) : null,
            CertificatePath = root.GetProperty("certificate").GetString()!,
            TenantId = root.GetProperty("tenantId").GetString()!,
            SubscriptionId = root.GetProperty("subscriptionId").GetString()!,
            ClientId = root.GetProperty("clientId").GetString()!,
            IdentityEndpoint = new Uri(Optional(root, "identityEndpoint") ?? baseUri.ToString().TrimEnd('/') + "/msi/token"),
            ProcessId = root.TryGetProperty("processId", out var processId) && processId.ValueKind == JsonValueKind.Number
                ? processId.GetInt32()
                : null,
            Version = Optional(root, "version"),
            ClientSecret = SecureText.From(root.GetProperty("clientSecret").GetString()),
        };
    }

    static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

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

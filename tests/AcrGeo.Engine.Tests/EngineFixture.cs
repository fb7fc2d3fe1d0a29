using System.Security;
using AcrGeo.Connection;
using AcrGeo.Emulator.Admin;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Engine.Tests;

/// <summary>
/// The engine against an in-process emulator on its own port, on the real clock with short delays, polling fast.
/// One per test class; tests within a class run one after another, so the request log is theirs alone.
/// </summary>
public class EngineFixture : IAsyncLifetime
{
    public AzureEmulator Emulator { get; private set; } = null!;
    public AcrGeoConnection Connection { get; private set; } = null!;
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "acrgeo-engine-tests", Guid.NewGuid().ToString("N"));

    protected virtual EmulatorSettings Timings => new()
    {
        ProvisioningDelay = TimeSpan.FromMilliseconds(300),
        SyncDelay = TimeSpan.FromMilliseconds(300),
        RetryAfterSeconds = 0,
    };

    /// <summary>Where the emulator persists its state; null keeps it in memory.</summary>
    public virtual string? StateFile => null;

    public async Task InitializeAsync()
    {
        Emulator = await AzureEmulator.StartAsync(new EmulatorOptions { DataDirectory = DataDirectory, StatePath = StateFile, Settings = Timings });
        Connection = Connect();
    }

    /// <summary>A connection to this emulator as its service principal; settings can be adjusted per test.</summary>
    public AcrGeoConnection Connect(Action<ConnectionSettings>? adjust = null, string? secret = null)
    {
        var settings = new ConnectionSettings
        {
            SubscriptionId = Emulator.Identity.SubscriptionId,
            TenantId = Emulator.Identity.TenantId,
            Credential = CredentialKind.ServicePrincipal,
            ClientId = Emulator.Identity.ClientId,
            ClientSecret = Secure(secret ?? Emulator.Identity.ClientSecret),
            Cloud = CloudEndpoints.Emulator(Emulator.BaseUri),
            TrustedCertificatePath = Emulator.CertificatePath,
            PollInterval = TimeSpan.FromMilliseconds(50),
            RetryDelay = TimeSpan.FromMilliseconds(50),
        };
        adjust?.Invoke(settings);
        return AcrGeoConnection.Open(settings);
    }

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>A new resource group and registry, created through the engine.</summary>
    public async Task<AcrRegistry> NewRegistryAsync(string sku = "Premium", string location = "westus")
    {
        var group = "rg" + Guid.NewGuid().ToString("N")[..8];
        await new ResourceGroupOperations(Connection).EnsureAsync(group, location, OperationContext.None);
        return await new RegistryOperations(Connection).CreateAsync(new RegistryRequest
        {
            Name = "reg" + Guid.NewGuid().ToString("N")[..12], ResourceGroupName = group, Location = location, Sku = sku,
        }, OperationContext.None);
    }

    /// <summary>A token as the emulator's own service principal, for checks the product does not make itself.</summary>
    public async Task<string> ArmTokenAsync(string scope = "https://management.azure.com/.default")
    {
        using var http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.Thumbprint == Emulator.Certificate.Thumbprint,
        });
        var response = await http.PostAsync(new Uri(Emulator.BaseUri, $"/{Emulator.Identity.TenantId}/oauth2/v2.0/token"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = Emulator.Identity.ClientId,
                ["client_secret"] = Emulator.Identity.ClientSecret, ["scope"] = scope,
            }));
        return (string)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!;
    }

    /// <summary>Signs in as a principal with client credentials; the status says whether the directory accepts the password.</summary>
    public async Task<(System.Net.HttpStatusCode Status, string? Token)> SignInAsync(string appId, string password)
    {
        using var http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.Thumbprint == Emulator.Certificate.Thumbprint,
        });
        var response = await http.PostAsync(new Uri(Emulator.BaseUri, $"/{Emulator.Identity.TenantId}/oauth2/v2.0/token"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = appId, ["client_secret"] = password,
                ["scope"] = "https://management.azure.com/.default",
            }));
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, (string?)body?["access_token"]);
    }

    /// <summary>The requests the emulator saw since the last <see cref="ClearLog"/>, token requests left out.</summary>
    public IReadOnlyList<RequestLogEntry> ArmRequests =>
        Emulator.Requests.Snapshot().Where(r => !r.Path.Contains("/oauth2/")).ToList();

    public void ClearLog() => Emulator.Requests.Clear();

    public async Task DisposeAsync()
    {
        Connection.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>The same, with the emulator persisting its state to a file in the data directory.</summary>
public sealed class StatefulEngineFixture : EngineFixture
{
    public override string? StateFile => Path.Combine(DataDirectory, "state.json");
}

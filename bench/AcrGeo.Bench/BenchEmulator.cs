using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using AcrGeo.Connection;
using AcrGeo.Emulator.Admin;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Bench;

/// <summary>
/// The emulator the benchmark runs against (in-process, 127.0.0.1, a free port, a temporary data directory), and
/// the untimed set-up: resource groups and registries, made with no provisioning delay so set-up costs nothing.
/// </summary>
sealed class BenchEmulator : IAsyncDisposable
{
    readonly TimeSpan provisioningDelay;
    readonly int retryAfterSeconds;
    readonly HttpClient http;
    AcrGeoConnection? setupConnection;

    BenchEmulator(AzureEmulator emulator, string dataDirectory)
    {
        Emulator = emulator;
        DataDirectory = dataDirectory;
        provisioningDelay = emulator.Settings.ProvisioningDelay;
        retryAfterSeconds = emulator.Settings.RetryAfterSeconds;
        http = new HttpClient(new HttpClientHandler
        {
            UseProxy = false,
            ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.Thumbprint == emulator.Certificate.Thumbprint,
        });
    }

    public AzureEmulator Emulator { get; }
    public string DataDirectory { get; }

    public static async Task<BenchEmulator> StartAsync(EmulatorSettings settings)
    {
        var dir = Path.Combine(Path.GetTempPath(), "acrgeo-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var emulator = await AzureEmulator.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = dir, Settings = settings });
        return new BenchEmulator(emulator, dir);
    }

    /// <summary>A new connection as the emulator's service principal: nothing is sent until the first call.</summary>
    public AcrGeoConnection Connect(TimeSpan pollInterval, int maxParallel) => AcrGeoConnection.Open(new ConnectionSettings
    {
        SubscriptionId = Emulator.Identity.SubscriptionId,
        TenantId = Emulator.Identity.TenantId,
        Credential = CredentialKind.ServicePrincipal,
        ClientId = Emulator.Identity.ClientId,
        ClientSecret = Secure(Emulator.Identity.ClientSecret),
        Cloud = CloudEndpoints.Emulator(Emulator.BaseUri),
        TrustedCertificatePath = Emulator.CertificatePath,
        PollInterval = pollInterval,
        MaxParallelOperations = maxParallel,
    });

    static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>
    /// A fresh resource group and Premium registry in <paramref name="home"/>. Made with no provisioning delay and
    /// no Retry-After (restored afterwards), so a run's set-up takes milliseconds and is never part of a timing.
    /// </summary>
    public async Task<AcrRegistry> NewRegistryAsync(string home)
    {
        var settings = Emulator.Settings;
        settings.ProvisioningDelay = TimeSpan.Zero;
        settings.RetryAfterSeconds = 0;
        try
        {
            var group = "rgbench" + Guid.NewGuid().ToString("N")[..8];
            using (var request = new HttpRequestMessage(HttpMethod.Put,
                       new Uri(Emulator.BaseUri, $"/subscriptions/{Emulator.Identity.SubscriptionId}/resourcegroups/{group}?api-version=2021-04-01")))
            {
                // Resource groups are outside the product's surface: a raw PUT with a token, as the engine tests do.
                request.Content = new StringContent($"{{\"location\":\"{home}\"}}", Encoding.UTF8, "application/json");
                request.Headers.Authorization = new("Bearer", await TokenAsync());
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
            }
            setupConnection ??= Connect(TimeSpan.Zero, 10);
            return await new RegistryOperations(setupConnection).CreateAsync(new RegistryRequest
            {
                Name = "regbench" + Guid.NewGuid().ToString("N")[..10], ResourceGroupName = group, Location = home, Sku = "Premium",
            }, OperationContext.None);
        }
        finally
        {
            settings.ProvisioningDelay = provisioningDelay;
            settings.RetryAfterSeconds = retryAfterSeconds;
        }
    }

    async Task<string> TokenAsync()
    {
        using var response = await http.PostAsync(new Uri(Emulator.BaseUri, $"/{Emulator.Identity.TenantId}/oauth2/v2.0/token"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = Emulator.Identity.ClientId,
                ["client_secret"] = Emulator.Identity.ClientSecret,
                ["scope"] = "https://management.azure.com/.default",
            }));
        response.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!;
    }

    public void ClearLog() => Emulator.Requests.Clear();

    public IReadOnlyList<RequestLogEntry> Log() => Emulator.Requests.Snapshot();

    public async ValueTask DisposeAsync()
    {
        setupConnection?.Dispose();
        http.Dispose();
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Hosting;

namespace AcrGeo.Emulator.Tests;

/// <summary>
/// An emulator in-process on its own port, with a manual clock and known timings, and an ARM client that trusts
/// exactly its certificate. Each test class gets its own (IClassFixture), so tests never see each other's state.
/// </summary>
public class EmulatorFixture : IAsyncLifetime
{
    public static readonly TimeSpan ProvisioningDelay = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan SyncDelay = TimeSpan.FromSeconds(30);

    public ManualClock Clock { get; } = new();
    public AzureEmulator Emulator { get; private set; } = null!;
    public ArmClient Arm { get; private set; } = null!;
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "acrgeo-tests", Guid.NewGuid().ToString("N"));
    public string Subscription => Emulator.Identity.SubscriptionId;

    protected virtual string? StatePath => null;

    /// <summary>Null: no CONNECT proxy; 0: one on any free port.</summary>
    protected virtual int? ProxyPort => null;

    public async Task InitializeAsync()
    {
        await StartAsync();
        await Arm.SignInAsync();
    }

    async Task StartAsync()
    {
        Emulator = await AzureEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = DataDirectory,
            StatePath = StatePath,
            ProxyPort = ProxyPort,
            Clock = Clock,
            Settings = new EmulatorSettings { ProvisioningDelay = ProvisioningDelay, SyncDelay = SyncDelay, RetryAfterSeconds = 0 },
        });
        Arm = new ArmClient(Emulator);
    }

    /// <summary>Stops the emulator and starts a new one on the same state file, data directory and clock
    /// (on a new port); the client keeps the token it had, as a client across a restart would.</summary>
    public async Task RestartAsync()
    {
        var token = Arm.Token;
        Arm.Dispose();
        await Emulator.DisposeAsync();
        await StartAsync();
        Arm.Token = token;
    }

    public async Task DisposeAsync()
    {
        Arm.Dispose();
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}

/// <summary>A plain HTTPS client for the emulator: raw requests, so tests see exactly what ARM clients see.</summary>
public sealed class ArmClient : IDisposable
{
    readonly AzureEmulator emulator;
    public HttpClient Http { get; }
    public string? Token { get; set; }

    public ArmClient(AzureEmulator emulator)
    {
        this.emulator = emulator;
        var pinned = emulator.Certificate.Thumbprint;
        Http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == pinned,
        })
        { BaseAddress = emulator.BaseUri };
    }

    public async Task<string> GetTokenAsync(string scope = "https://management.azure.com/.default", string? clientId = null,
        string? secret = null, string? tenant = null)
    {
        var response = await Http.PostAsync($"/{tenant ?? emulator.Identity.TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId ?? emulator.Identity.ClientId,
                ["client_secret"] = secret ?? emulator.Identity.ClientSecret,
                ["scope"] = scope,
            }));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (string?)body["access_token"] ?? throw new InvalidOperationException($"No token: {body.ToJsonString()}");
    }

    public async Task SignInAsync() => Token = await GetTokenAsync();

    public async Task<ArmResponse> SendAsync(HttpMethod method, string path, object? body = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        var bearer = token ?? Token;
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (body is not null)
            request.Content = new StringContent(body as string ?? System.Text.Json.JsonSerializer.Serialize(body),
                Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ArmResponse(response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text),
            response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase), text);
    }

    public Task<ArmResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);
    public Task<ArmResponse> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);
    public Task<ArmResponse> PatchAsync(string path, object body) => SendAsync(HttpMethod.Patch, path, body);
    public Task<ArmResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);
    public Task<ArmResponse> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    public void Dispose() => Http.Dispose();
}

public sealed record ArmResponse(HttpStatusCode Status, JsonNode? Body, IReadOnlyDictionary<string, string> Headers, string Text)
{
    public string? ErrorCode => (string?)Body?["error"]?["code"];
    public string? ErrorMessage => (string?)Body?["error"]?["message"];
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcrGeo.Conformance.Tests.Recordings;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.Tests;

namespace AcrGeo.Conformance.Tests.EmulatorConformance;

/// <summary>What replaying one recording against the emulator found.</summary>
public sealed record ReplayReport(
    string Recording,
    IReadOnlyList<(RecordedExchange Exchange, string Kind)> Compared,
    IReadOnlyList<(RecordedExchange Exchange, string Reason)> OutOfScope,
    IReadOnlyList<Difference> Differences,
    int PathsCompared);

/// <summary>
/// Replays a recording, request by request and in order, against a fresh emulator with Azure's default settings, and
/// compares each answer with the recorded one. The recording's own earlier requests arrange what later ones need; what
/// its test harness made outside it (a resource group, a vault, a secret) is made from the recorded answer that shows it.
/// Identifiers Azure chose (subscription, tenant, object ids, operation URLs) are mapped to the emulator's as they appear.
/// Time is the emulator's manual clock, moved to the phase the recorded answer shows (still in progress, provisioned
/// but syncing, settled), so in-progress answers are compared with in-progress answers.
/// </summary>
public sealed partial class EmulatorReplay : IAsyncDisposable
{
    static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(500);
    static readonly string[] InProgress = ["Creating", "Updating", "Deleting", "InProgress", "Pending", "Accepted", "RegisteringDns"];
    static readonly string[] Terminal = ["Succeeded", "Failed", "Canceled"];

    readonly AzureEmulator emulator;
    readonly ManualClock clock;
    readonly HttpClient http;
    readonly Dictionary<string, string> tokens = new();
    readonly Dictionary<string, string> identifiers = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, string> operationUrls = new(StringComparer.OrdinalIgnoreCase);
    DateTimeOffset lastOperationStart;

    EmulatorReplay(AzureEmulator emulator, ManualClock clock)
    {
        this.emulator = emulator;
        this.clock = clock;
        var pinned = emulator.Certificate.Thumbprint;
        http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == pinned,
        });
        lastOperationStart = clock.GetUtcNow();
    }

    EmulatorSettings Settings => emulator.Settings;

    public static async Task<ReplayReport> RunAsync(Recording recording)
    {
        var clock = new ManualClock();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "acrgeo-conformance", Guid.NewGuid().ToString("N"));
        var emulator = await AzureEmulator.StartAsync(new EmulatorOptions { DataDirectory = dataDirectory, Clock = clock });
        await using var replay = new EmulatorReplay(emulator, clock);
        try
        {
            return await replay.ReplayAsync(recording);
        }
        finally
        {
            await emulator.DisposeAsync();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }
    }

    async Task<ReplayReport> ReplayAsync(Recording recording)
    {
        MapAccountIdentifiers(recording);
        var compared = new List<(RecordedExchange, string)>();
        var outOfScope = new List<(RecordedExchange, string)>();
        var differences = new List<Difference>();
        var paths = 0;
        foreach (var exchange in recording.Exchanges)
        {
            if (ExchangeKind.OutOfScope(exchange) is { } reason)
            {
                outOfScope.Add((exchange, reason));
                continue;
            }
            var kind = ExchangeKind.Of(exchange);
            var answer = await SendAsync(exchange);
            for (var attempt = 0; attempt < 3 && await ArrangeAsync(exchange, answer); attempt++)
                answer = await SendAsync(exchange);
            Correlate(exchange, answer);
            var recorded = new Answer(exchange.Status, exchange.ResponseHeaders, exchange.ResponseBody, exchange.KeepsRetryAfter);
            var (found, count) = ShapeComparer.Compare(exchange.Name, kind, recorded, answer, Substitute);
            compared.Add((exchange, kind));
            differences.AddRange(found);
            paths += count;
        }
        return new ReplayReport(recording.Name, compared, outOfScope, differences, paths);
    }

    /// <summary>The recording's subscriptions and tenants are the emulator's; its caller is the emulator's principal.</summary>
    void MapAccountIdentifiers(Recording recording)
    {
        var identity = emulator.Identity;
        foreach (var exchange in recording.Exchanges)
        {
            foreach (Match m in SubscriptionInPath().Matches(exchange.Uri.AbsolutePath + " " + exchange.ResponseBody))
                identifiers.TryAdd(m.Groups[1].Value, identity.SubscriptionId);
            foreach (Match m in TenantValue().Matches(exchange.RequestBody + " " + exchange.ResponseBody + " " + exchange.Uri.AbsolutePath))
                identifiers.TryAdd(m.Groups[1].Value, identity.TenantId);
            // Access policies in the recording were the recording's caller's: here they are the emulator principal's.
            foreach (Match m in PolicyObjectId().Matches(exchange.RequestBody + " " + exchange.ResponseBody))
                identifiers.TryAdd(m.Groups[1].Value, identity.PrincipalObjectId);
        }
    }

    async Task<Answer> SendAsync(RecordedExchange exchange)
    {
        var service = ExchangeKind.ServiceOf(exchange.Uri);
        var target = operationUrls.TryGetValue(exchange.Uri.AbsolutePath, out var operationUrl)
            ? new Uri(operationUrl)
            : new Uri(emulator.BaseUri, Substitute(exchange.Uri.PathAndQuery));
        AlignClock(exchange);

        using var request = new HttpRequestMessage(new HttpMethod(exchange.Method), target);
        if (service == ExchangeKind.Service.Vault) request.Headers.Host = VaultHost(exchange.Uri);
        // A recorded 401 is a challenge to a request sent without a token, as Key Vault clients send their first.
        if (exchange.Status != 401) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(service));
        if (exchange.RequestBody is { Length: > 0 } body)
            request.Content = new StringContent(Substitute(body), Encoding.UTF8,
                exchange.RequestHeaders.GetValueOrDefault("Content-Type")?.Split(';')[0] is { Length: > 0 } type ? type : "application/json");
        using var response = await http.SendAsync(request);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var text = await response.Content.ReadAsStringAsync();
        var answer = new Answer((int)response.StatusCode, headers, text);
        if (exchange.Method != "GET" && (answer.Header("Azure-AsyncOperation") ?? answer.Header("Location")) is not null
            || answer.Status is 201 or 202 && exchange.Method != "GET")
            lastOperationStart = clock.GetUtcNow();
        return answer;
    }

    /// <summary>
    /// Moves the clock to the phase the recorded answer shows: a replica Syncing is provisioned but not yet synced, a
    /// Ready one synced; an operation or resource that reached a terminal state is provisioned; one still in progress
    /// needs no time at all.
    /// </summary>
    void AlignClock(RecordedExchange exchange)
    {
        var states = States(Parse(exchange.ResponseBody)).ToList();
        TimeSpan? phase = null;
        if (states.Any(s => s is ("displayStatus", "Syncing"))) phase = Settings.ProvisioningDelay + Moment;
        else if (states.Any(s => s is ("displayStatus", "Ready"))) phase = Settings.ProvisioningDelay + Settings.SyncDelay + Moment;
        else if (states.Any(s => InProgress.Contains(s.Value)) || exchange.Status == 202 && exchange.Method == "GET") phase = null;
        // A resource reported gone has finished going.
        else if (exchange.Status == 404 && exchange.Method == "GET") phase = Settings.ProvisioningDelay + Moment;
        else if (states.Any(s => Terminal.Contains(s.Value) || s is ("state", "Running"))
                 || exchange.Method == "GET" && exchange.Status == 200 && operationUrls.ContainsKey(exchange.Uri.AbsolutePath))
            phase = Settings.ProvisioningDelay + Moment;
        if (phase is { } after && lastOperationStart + after > clock.GetUtcNow())
            clock.Advance(lastOperationStart + after - clock.GetUtcNow());
    }

    static IEnumerable<(string Name, string Value)> States(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key is "status" or "provisioningState" or "displayStatus" or "state" && value is JsonValue v
                        && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
                        yield return (key, v.GetValue<string>());
                    foreach (var inner in States(value)) yield return inner;
                }
                break;
            case JsonArray a:
                foreach (var inner in a.SelectMany(States)) yield return inner;
                break;
        }
    }

    /// <summary>
    /// Makes what a recorded success shows to exist when the emulator does not have it (made outside the recording by its
    /// test harness): a resource group, a resource from its recorded body, a vault, a secret. Says whether it made anything.
    /// </summary>
    async Task<bool> ArrangeAsync(RecordedExchange exchange, Answer answer)
    {
        var code = (string?)Parse(answer.Body)?["error"]?["code"];
        var message = (string?)Parse(answer.Body)?["error"]?["message"] ?? "";
        // Azure's host name resolved: the vault existed, whatever it then answered.
        if (code == "VaultNotFound" && exchange.Status != 404)
            return await ArrangeVaultAsync(VaultHost(exchange.Uri).Split('.')[0]);
        if (answer.Status != 404 || exchange.Status is < 200 or >= 300) return false;
        var recorded = Parse(exchange.ResponseBody) as JsonObject;
        var path = Substitute(exchange.Uri.AbsolutePath);
        var apiVersion = System.Web.HttpUtility.ParseQueryString(exchange.Uri.Query)["api-version"];
        switch (ExchangeKind.ServiceOf(exchange.Uri), code)
        {
            case (ExchangeKind.Service.Arm, "ResourceGroupNotFound"):
                var group = ResourceGroupPath().Match(path).Value;
                var location = (string?)recorded?["location"] ?? (string?)Parse(exchange.RequestBody)?["location"] ?? "westus";
                var groupBody = new JsonObject { ["location"] = location };
                if (path.Equals(group, StringComparison.OrdinalIgnoreCase) && recorded?["tags"] is { } tags) groupBody["tags"] = tags.DeepClone();
                return await ArrangeArmAsync(group, "2021-04-01", groupBody);
            case (ExchangeKind.Service.Arm, "ResourceNotFound") when ParentRegistry().Match(path) is { Success: true } parent
                                                                     && !path.Equals(parent.Value, StringComparison.OrdinalIgnoreCase)
                                                                     && message.Contains($"registries/{parent.Groups[1].Value}'", StringComparison.OrdinalIgnoreCase):
                // A recorded answer about a replication or webhook shows its Premium registry existed.
                return await ArrangeArmAsync(parent.Value, "2023-07-01", new JsonObject
                {
                    ["location"] = "westus", ["sku"] = new JsonObject { ["name"] = "Premium" },
                });
            case (ExchangeKind.Service.Vault, "SecretNotFound"):
                return await ArrangeSecretAsync(exchange, recorded, path);
            case (ExchangeKind.Service.Arm, _) when exchange.Method == "GET" && recorded is { } resource && resource.ContainsKey("location")
                                                      && resource.ContainsKey("id"):
                var body = new JsonObject();
                foreach (var key in new[] { "location", "sku", "tags", "properties", "identity", "kind" })
                    if (resource[key] is { } value) body[key] = JsonNode.Parse(Substitute(value.ToJsonString()));
                return await ArrangeArmAsync(path, apiVersion ?? "2021-04-01", body);
            default:
                return false;
        }
    }

    async Task<bool> ArrangeVaultAsync(string vault)
    {
        var arranged = $"/subscriptions/{emulator.Identity.SubscriptionId}/resourceGroups/conformance-arranged";
        await ArrangeArmAsync(arranged, "2021-04-01", new JsonObject { ["location"] = "westus" });
        return await ArrangeArmAsync($"{arranged}/providers/Microsoft.KeyVault/vaults/{vault}", "2023-02-01", new JsonObject
        {
            ["location"] = "westus",
            ["properties"] = new JsonObject
            {
                ["tenantId"] = emulator.Identity.TenantId,
                ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" },
                ["accessPolicies"] = new JsonArray(new JsonObject
                {
                    ["tenantId"] = emulator.Identity.TenantId,
                    ["objectId"] = emulator.Identity.PrincipalObjectId,
                    ["permissions"] = new JsonObject { ["secrets"] = new JsonArray("all") },
                }),
            },
        });
    }

    async Task<bool> ArrangeSecretAsync(RecordedExchange exchange, JsonObject? recorded, string path)
    {
        if (recorded?["value"] is not { } value) return false;
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(emulator.BaseUri, path.TrimEnd('/') + "?api-version=7.4"));
        put.Headers.Host = VaultHost(exchange.Uri);
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ExchangeKind.Service.Vault));
        put.Content = new StringContent(new JsonObject { ["value"] = value.DeepClone() }.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(put);
        return response.IsSuccessStatusCode;
    }

    async Task<bool> ArrangeArmAsync(string path, string apiVersion, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(emulator.BaseUri, $"{path}?api-version={apiVersion}"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ExchangeKind.Service.Arm));
        using var response = await http.SendAsync(request);
        // What the harness made was there, settled, before the recording began.
        clock.Advance(Settings.ProvisioningDelay + Settings.SyncDelay + Moment);
        lastOperationStart = clock.GetUtcNow() - Settings.ProvisioningDelay - Settings.SyncDelay - Moment;
        return response.IsSuccessStatusCode;
    }

    /// <summary>Learns the emulator's names for what Azure named: GUIDs at the same place in both answers, operation URLs.</summary>
    void Correlate(RecordedExchange exchange, Answer answer)
    {
        foreach (var header in new[] { "Azure-AsyncOperation", "Location" })
            if (exchange.ResponseHeader(header) is { } recordedUrl && answer.Header(header) is { } emulatorUrl
                && Uri.TryCreate(recordedUrl, UriKind.Absolute, out var recordedUri))
            {
                operationUrls[recordedUri.AbsolutePath] = emulatorUrl;
                Pair(recordedUrl, emulatorUrl);
            }
        Walk(Parse(exchange.ResponseBody), Parse(answer.Body));

        void Walk(JsonNode? recorded, JsonNode? actual)
        {
            switch (recorded, actual)
            {
                case (JsonObject r, JsonObject a):
                    foreach (var (key, value) in r)
                        if (a.TryGetPropertyValue(key, out var other)) Walk(value, other);
                    break;
                case (JsonArray r, JsonArray a) when r.Count == a.Count:
                    for (var i = 0; i < r.Count; i++) Walk(r[i], a[i]);
                    break;
                case (JsonValue r, JsonValue a) when r.GetValueKind() == System.Text.Json.JsonValueKind.String
                                                     && a.GetValueKind() == System.Text.Json.JsonValueKind.String:
                    Pair(r.GetValue<string>(), a.GetValue<string>());
                    break;
            }
        }
    }

    void Pair(string recorded, string actual)
    {
        var from = AnyGuid().Matches(recorded).Select(m => m.Value).ToList();
        var to = AnyGuid().Matches(actual).Select(m => m.Value).ToList();
        if (from.Count != to.Count) return;
        for (var i = 0; i < from.Count; i++)
            if (!from[i].Equals(to[i], StringComparison.OrdinalIgnoreCase)) identifiers.TryAdd(from[i], to[i]);
    }

    string Substitute(string text) =>
        AnyGuid().Replace(text, m => identifiers.GetValueOrDefault(m.Value) ?? m.Value);

    async Task<string> TokenAsync(ExchangeKind.Service service)
    {
        var scope = service switch
        {
            ExchangeKind.Service.Graph => "https://graph.microsoft.com/.default",
            ExchangeKind.Service.Vault => "https://vault.azure.net/.default",
            _ => "https://management.azure.com/.default",
        };
        if (tokens.TryGetValue(scope, out var cached)) return cached;
        var identity = emulator.Identity;
        using var response = await http.PostAsync(new Uri(emulator.BaseUri, $"/{identity.TenantId}/oauth2/v2.0/token"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = identity.ClientId,
                ["client_secret"] = identity.ClientSecret,
                ["scope"] = scope,
            }));
        var token = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())?["access_token"]
                    ?? throw new InvalidOperationException($"The emulator gave no token for {scope}.");
        return tokens[scope] = token;
    }

    /// <summary>The vault's host name; a recorder's placeholder ("keyvault_name") made a valid vault name.</summary>
    static string VaultHost(Uri uri) => uri.Host.Replace('_', '-');

    static JsonNode? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try { return JsonNode.Parse(text); } catch (System.Text.Json.JsonException) { return null; }
    }

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex AnyGuid();

    [GeneratedRegex(@"/subscriptions/([0-9a-fA-F-]{36})", RegexOptions.IgnoreCase)]
    private static partial Regex SubscriptionInPath();

    [GeneratedRegex(@"(?:""tenantId""\s*:\s*""|/tenants/)([0-9a-fA-F-]{36})", RegexOptions.IgnoreCase)]
    private static partial Regex TenantValue();

    [GeneratedRegex(@"""objectId""\s*:\s*""([0-9a-fA-F-]{36})""", RegexOptions.IgnoreCase)]
    private static partial Regex PolicyObjectId();

    [GeneratedRegex(@"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.ContainerRegistry/registries/([^/]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ParentRegistry();

    [GeneratedRegex(@"^/subscriptions/[^/]+/resource[Gg]roups/[^/]+", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceGroupPath();
}

using System.Net;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using AcrGeo.Conformance.Tests.Recordings;
using AcrGeo.Connection;
using Azure.Core.Pipeline;

namespace AcrGeo.Conformance.Tests.EngineReplay;

/// <summary>
/// Real Azure, as recorded, in place of the network: the engine's requests are answered, in order, by the recorded
/// exchanges a test scripts for them (matched by method and path), token requests by a token for the recorded account.
/// What the engine asked for, and how long it chose to wait between polls, is kept for the test to check.
/// </summary>
public sealed class RecordedAzure : HttpMessageHandler
{
    public const string Subscription = "00000000-0000-0000-0000-000000000000";
    const string Tenant = "54826b22-38d6-4fb2-bad9-b7b93a3e9c5a";
    static readonly Dictionary<string, string> NoHeaders = new();
    readonly List<(string Method, string PathEnd, RecordedExchange Answer)> script = [];

    public List<string> Requests { get; } = [];
    public List<TimeSpan> Waits { get; } = [];

    /// <summary>Answers the next request with this method whose path ends so with the recorded answer.</summary>
    public RecordedAzure Then(string method, string pathEnd, RecordedExchange answer, Func<string, string>? edit = null)
    {
        script.Add((method, pathEnd, edit is null ? answer : answer with { ResponseBody = edit(answer.ResponseBody ?? "") }));
        return this;
    }

    public static RecordedExchange Exchange(string recording, Func<RecordedExchange, bool> which) =>
        RecordingLibrary.Get(recording).Exchanges.First(which);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            return Task.FromResult(Json(HttpStatusCode.OK, new JsonObject
            {
                ["token_type"] = "Bearer", ["expires_in"] = 3599, ["access_token"] = Token(),
            }.ToJsonString(), NoHeaders));
        Requests.Add($"{request.Method} {path}");
        var next = script.FindIndex(s => s.Method == request.Method.Method && path.EndsWith(s.PathEnd, StringComparison.OrdinalIgnoreCase));
        if (next < 0)
            return Task.FromResult(Json(HttpStatusCode.NotFound, $"{{\"error\":{{\"code\":\"NotScripted\",\"message\":\"{request.Method} {path}\"}}}}", NoHeaders));
        var answer = script[next].Answer;
        script.RemoveAt(next);
        return Task.FromResult(Json((HttpStatusCode)answer.Status, answer.ResponseBody ?? "", answer.ResponseHeaders));
    }

    static HttpResponseMessage Json(HttpStatusCode status, string body, IReadOnlyDictionary<string, string> headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
            if (name is "Azure-AsyncOperation" or "azure-asyncoperation" or "Location" or "location" or "Retry-After" or "retry-after"
                || name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                response.Headers.TryAddWithoutValidation(name, value.Replace("(signed)", "signed", StringComparison.Ordinal));
        return response;
    }

    /// <summary>An unsigned token for the recorded account: the engine reads who it is from the claims.</summary>
    static string Token()
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("{\"alg\":\"none\"}")}.{Part($"{{\"oid\":\"{Guid.NewGuid()}\",\"appid\":\"{Guid.NewGuid()}\",\"tid\":\"{Tenant}\"}}")}.x";
    }

    /// <summary>A connection to management.azure.com whose every request this recorded Azure answers.</summary>
    public AcrGeoConnection Connect() => AcrGeoConnection.Open(new ConnectionSettings
    {
        SubscriptionId = Subscription,
        TenantId = Tenant,
        Credential = CredentialKind.ServicePrincipal,
        ClientId = Guid.NewGuid().ToString(),
        ClientSecret = Secret(),
        Cloud = CloudEndpoints.Emulator(new Uri("https://management.azure.com")),
        PollInterval = TimeSpan.FromMilliseconds(1),
        RetryDelay = TimeSpan.FromMilliseconds(1),
        Transport = new HttpClientTransport(new HttpClient(this)),
    });

    /// <summary>Operations wait through here: recorded, not slept.</summary>
    public OperationContext Context() => new()
    {
        Delay = (wait, _) =>
        {
            lock (Waits) Waits.Add(wait);
            return Task.CompletedTask;
        },
    };

    static SecureString Secret()
    {
        var secret = new SecureString();
        foreach (var c in "recorded") secret.AppendChar(c);
        return secret;
    }
}

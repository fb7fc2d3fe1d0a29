namespace AcrGeo.Conformance.Tests.Recordings;

/// <summary>One request and the answer real Azure gave to it, as a recording holds it.</summary>
public sealed record RecordedExchange(
    string Source,
    int Index,
    string Method,
    Uri Uri,
    IReadOnlyDictionary<string, string> RequestHeaders,
    string? RequestBody,
    int Status,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    string? ResponseBody,
    bool KeepsRetryAfter)
{
    /// <summary>"file#index", how a difference names the exchange it was found in.</summary>
    public string Name => $"{Source}#{Index}";

    public string? ResponseHeader(string name) => ResponseHeaders.GetValueOrDefault(name);
}

/// <summary>The exchanges of one recording, in the order they happened.</summary>
public sealed record Recording(string Name, IReadOnlyList<RecordedExchange> Exchanges);

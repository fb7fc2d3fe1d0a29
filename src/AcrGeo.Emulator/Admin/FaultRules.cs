using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace AcrGeo.Emulator.Admin;

/// <summary>What a fault rule does to a matching request.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultAction>))]
public enum FaultAction
{
    /// <summary>429 with Retry-After, as ARM throttles.</summary>
    Throttle,
    /// <summary>500 InternalServerError.</summary>
    InternalError,
    /// <summary>503 ServiceUnavailable with Retry-After.</summary>
    ServiceUnavailable,
    /// <summary>The connection is aborted without a response.</summary>
    DropConnection,
    /// <summary>The request is accepted, and the long-running operation it starts ends Failed.</summary>
    FailOperation,
    /// <summary>The request is accepted, and the long-running operation it starts never ends: a stuck resource.</summary>
    StallOperation,
    /// <summary>The request is answered as usual after <see cref="FaultRule.DelaySeconds"/>: a slow service, to stop a command mid-flight.</summary>
    Delay,
}

/// <summary>
/// A fault to inject: requests whose method, host and path match are answered with <see cref="Action"/>, for the next
/// <see cref="Count"/> matches, each with <see cref="Probability"/>, or every time until the rule is removed
/// (<see cref="UntilCleared"/>). With <see cref="Nth"/>, only one request of a flow is hit: the Nth distinct request
/// (method, host and path) the rule sees after it is added, and every repeat of it (a client's retries are repeats).
/// </summary>
public sealed class FaultRule
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N")[..8];
    /// <summary>HTTP method, or * (the default) for any.</summary>
    public string Method { get; set; } = "*";
    /// <summary>Host pattern (a vault's or registry's name, or the emulator's own), case-insensitive; * (the default) for any.</summary>
    public string Host { get; set; } = "*";
    /// <summary>Path pattern, case-insensitive; * matches any run of characters, including '/'.</summary>
    public string Path { get; set; } = "*";
    public FaultAction Action { get; set; }
    /// <summary>How many matching requests to fault; null with a probability means no limit.</summary>
    public int? Count { get; set; }
    /// <summary>Chance (0 to 1) that a matching request is faulted.</summary>
    public double? Probability { get; set; }
    /// <summary>Fault every matching request until the rule is removed (a persistent fault).</summary>
    public bool UntilCleared { get; set; }
    /// <summary>1-based: fault only the Nth distinct request (method, host, path) among those matching, and its repeats.</summary>
    public int? Nth { get; set; }
    /// <summary>The request the rule is aimed at once its Nth distinct request has come ("PUT host/path"), for reports.</summary>
    public string? Target { get; set; }
    public int RetryAfterSeconds { get; set; } = 1;
    /// <summary>For Delay: how long the request waits before it is handled.</summary>
    public double DelaySeconds { get; set; } = 5;
    /// <summary>For FailOperation: the error the operation ends with.</summary>
    public string ErrorCode { get; set; } = "InternalServerError";
    public string ErrorMessage { get; set; } =
        "The operation failed because of an internal error. Retry it; if it fails again, delete the resource and create it again.";
    /// <summary>How many requests this rule has faulted so far.</summary>
    public int Hits { get; set; }

    [JsonIgnore] Regex? pattern;
    [JsonIgnore] Regex? hostPattern;
    /// <summary>The distinct requests seen so far, in order, up to the Nth.</summary>
    [JsonIgnore] readonly List<string> seen = [];

    internal bool Matches(string method, string host, string path)
    {
        if (Method != "*" && !Method.Equals(method, StringComparison.OrdinalIgnoreCase)) return false;
        pattern ??= Wildcard(Path);
        hostPattern ??= Wildcard(Host);
        if (!pattern.IsMatch(path) || !hostPattern.IsMatch(host)) return false;
        if (Nth is not { } nth) return true;
        var key = $"{method.ToUpperInvariant()} {host.ToLowerInvariant()}{path}";
        if (!seen.Contains(key, StringComparer.OrdinalIgnoreCase) && seen.Count < nth) seen.Add(key);
        if (seen.Count < nth || !seen[nth - 1].Equals(key, StringComparison.OrdinalIgnoreCase)) return false;
        Target = key;
        return true;
    }

    static Regex Wildcard(string text) =>
        new("^" + Regex.Escape(text).Replace("\\*", ".*") + "\\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    internal string? Validate() =>
        Count is null && Probability is null && !UntilCleared ? "A fault rule needs a count, a probability, or untilCleared."
        : UntilCleared && Count is not null ? "A fault rule has either a count or untilCleared, not both."
        : Count <= 0 ? "count must be positive."
        : Nth <= 0 ? "nth must be positive (1 is the first distinct request)."
        : Probability is < 0 or > 1 ? "probability must be between 0 and 1."
        : RetryAfterSeconds < 0 ? "retryAfterSeconds must not be negative."
        : DelaySeconds is < 0 or > 600 ? "delaySeconds must be between 0 and 600."
        : null;
}

/// <summary>The active fault rules; the first rule that matches and fires wins.</summary>
public sealed class FaultRules
{
    readonly List<FaultRule> rules = [];

    public FaultRule Add(FaultRule rule)
    {
        var problem = rule.Validate();
        if (problem is not null) throw new ArgumentException(problem, nameof(rule));
        lock (rules) rules.Add(rule);
        return rule;
    }

    public IReadOnlyList<FaultRule> Snapshot()
    {
        lock (rules) return rules.ToArray();
    }

    public void Clear()
    {
        lock (rules) rules.Clear();
    }

    public bool Remove(string id)
    {
        lock (rules) return rules.RemoveAll(r => r.Id == id) > 0;
    }

    /// <summary>The rule that faults this request, if any; spends one of its count.</summary>
    internal FaultRule? Take(string method, string host, string path)
    {
        lock (rules)
        {
            foreach (var rule in rules)
            {
                if (!rule.Matches(method, host, path)) continue;
                if (rule.Probability is { } p && Random.Shared.NextDouble() >= p) continue;
                rule.Hits++;
                if (rule.Count is { } count && rule.Hits >= count) rules.Remove(rule);
                return rule;
            }
            return null;
        }
    }
}

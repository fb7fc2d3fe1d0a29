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
}

/// <summary>
/// A fault to inject: requests whose method and path match are answered with <see cref="Action"/>, for the next
/// <see cref="Count"/> matches, or each with <see cref="Probability"/>.
/// </summary>
public sealed class FaultRule
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N")[..8];
    /// <summary>HTTP method, or * (the default) for any.</summary>
    public string Method { get; set; } = "*";
    /// <summary>Path pattern, case-insensitive; * matches any run of characters, including '/'.</summary>
    public string Path { get; set; } = "*";
    public FaultAction Action { get; set; }
    /// <summary>How many matching requests to fault; null with a probability means no limit.</summary>
    public int? Count { get; set; }
    /// <summary>Chance (0 to 1) that a matching request is faulted.</summary>
    public double? Probability { get; set; }
    public int RetryAfterSeconds { get; set; } = 1;
    /// <summary>For FailOperation: the error the operation ends with.</summary>
    public string ErrorCode { get; set; } = "InternalServerError";
    public string ErrorMessage { get; set; } =
        "The operation failed because of an internal error. Retry it; if it fails again, delete the resource and create it again.";
    /// <summary>How many requests this rule has faulted so far.</summary>
    public int Hits { get; set; }

    [JsonIgnore] Regex? pattern;

    internal bool Matches(string method, string path)
    {
        if (Method != "*" && !Method.Equals(method, StringComparison.OrdinalIgnoreCase)) return false;
        pattern ??= new Regex("^" + Regex.Escape(Path).Replace("\\*", ".*") + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return pattern.IsMatch(path);
    }

    internal string? Validate() =>
        Count is null && Probability is null ? "A fault rule needs a count, a probability, or both."
        : Count <= 0 ? "count must be positive."
        : Probability is < 0 or > 1 ? "probability must be between 0 and 1."
        : RetryAfterSeconds < 0 ? "retryAfterSeconds must not be negative."
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
    internal FaultRule? Take(string method, string path)
    {
        lock (rules)
        {
            foreach (var rule in rules)
            {
                if (!rule.Matches(method, path)) continue;
                if (rule.Probability is { } p && Random.Shared.NextDouble() >= p) continue;
                rule.Hits++;
                if (rule.Count is { } count && rule.Hits >= count) rules.Remove(rule);
                return rule;
            }
            return null;
        }
    }
}

using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Arm;

/// <summary>One of ARM's token buckets: how many requests it holds and how many it gets back each second.</summary>
public sealed record TokenBucketLimit(int Size, double RefillPerSecond);

/// <summary>
/// ARM's request limits as Azure enforces them since its 2024 throttling model (Azure Resource Manager docs, "Understand
/// how Azure Resource Manager throttles requests": regional throttling and the token bucket algorithm): per subscription,
/// per principal and per kind of operation a bucket of 250 reads refilled 25 a second, 200 writes and 200 deletes refilled
/// 10 a second; a global bucket per subscription for all principals, 15 times as large; the same buckets per tenant for
/// tenant-level requests. Adjustable, and can be turned off, through the admin API and the command line.
/// </summary>
public sealed class ThrottlingSettings
{
    public bool Enabled { get; set; } = true;
    public TokenBucketLimit Reads { get; set; } = new(250, 25);
    public TokenBucketLimit Writes { get; set; } = new(200, 10);
    public TokenBucketLimit Deletes { get; set; } = new(200, 10);
    /// <summary>The subscription's global buckets, shared by every principal, are this many times one principal's.</summary>
    public int GlobalMultiplier { get; set; } = 15;

    public TokenBucketLimit For(RequestKind kind) => kind switch
    {
        RequestKind.Read => Reads,
        RequestKind.Write => Writes,
        _ => Deletes,
    };
}

/// <summary>ARM counts GET and HEAD as reads, DELETE as deletes, everything else (PUT, PATCH, POST) as writes.</summary>
public enum RequestKind { Read, Write, Delete }

/// <summary>
/// Spends ARM's budgets and says what is left. Buckets refill on the real clock whatever the emulator's resource clock
/// says: throttling is about how fast a client sends, and a client waits on its real clock.
/// </summary>
public sealed class ArmThrottle(ThrottlingSettings settings, TimeProvider clock)
{
    readonly Dictionary<(string Scope, string? Principal, RequestKind Kind), Bucket> buckets = new();

    /// <summary>What one request spent and left, or how long until it may be sent again.</summary>
    public sealed record Outcome(bool Allowed, int Remaining, int? GlobalRemaining, int RetryAfterSeconds);

    public static RequestKind KindOf(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? RequestKind.Read
        : HttpMethods.IsDelete(method) ? RequestKind.Delete
        : RequestKind.Write;

    /// <param name="subscription">The subscription the request is about, or null for a tenant-level request.</param>
    public Outcome Take(string? subscription, string principal, RequestKind kind)
    {
        var limit = settings.For(kind);
        var global = subscription is null ? null : limit with { Size = limit.Size * settings.GlobalMultiplier, RefillPerSecond = limit.RefillPerSecond * settings.GlobalMultiplier };
        if (!settings.Enabled) return new Outcome(true, limit.Size, global?.Size, 0);
        var scope = subscription ?? "tenant";
        var now = clock.GetTimestamp();
        lock (buckets)
        {
            var own = BucketFor((scope, principal, kind), limit, now);
            var shared = global is null ? null : BucketFor((scope, null, kind), global, now);
            if (own.Tokens < 1 || shared?.Tokens < 1)
            {
                var wait = Math.Max(own.SecondsUntilToken(), shared?.SecondsUntilToken() ?? 0);
                return new Outcome(false, (int)own.Tokens, shared is null ? null : (int)shared.Tokens, Math.Max(1, (int)Math.Ceiling(wait)));
            }
            own.Tokens--;
            if (shared is not null) shared.Tokens--;
            return new Outcome(true, (int)own.Tokens, shared is null ? null : (int)shared.Tokens, 0);
        }
    }

    Bucket BucketFor((string, string?, RequestKind) key, TokenBucketLimit limit, long now)
    {
        if (!buckets.TryGetValue(key, out var bucket) || bucket.Limit != limit)
            buckets[key] = bucket = new Bucket(limit, limit.Size, now);
        bucket.Refill(now, clock);
        return bucket;
    }

    sealed class Bucket(TokenBucketLimit limit, double tokens, long at)
    {
        public TokenBucketLimit Limit { get; } = limit;
        public double Tokens { get; set; } = tokens;

        public void Refill(long now, TimeProvider clock)
        {
            Tokens = Math.Min(Limit.Size, Tokens + clock.GetElapsedTime(at, now).TotalSeconds * Limit.RefillPerSecond);
            at = now;
        }

        public double SecondsUntilToken() => Limit.RefillPerSecond <= 0 ? 3600 : Math.Max(0, (1 - Tokens) / Limit.RefillPerSecond);
    }

    /// <summary>ARM's 429 body, in its words.</summary>
    public static JsonObject ThrottledError(string? subscription, string tenant, string principal, RequestKind kind, int retryAfter)
    {
        var operation = kind.ToString().ToLowerInvariant();
        return subscription is null
            ? ArmHttp.Error("TenantRequestsThrottled",
                $"Number of '{operation}' requests for tenant '{tenant}' actor '{principal}' exceeded. Please try again after " +
                $"'{retryAfter}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.")
            : ArmHttp.Error("SubscriptionRequestsThrottled",
                $"Number of '{operation}' requests for subscription '{subscription}' actor '{principal}' exceeded. Please try again " +
                $"after '{retryAfter}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for " +
                "additional information.");
    }
}

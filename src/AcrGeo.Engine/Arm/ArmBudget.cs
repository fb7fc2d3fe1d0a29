using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace AcrGeo.Arm;

/// <summary>
/// ARM's request budgets as the connection last heard them: every ARM answer says how many reads, writes or deletes are
/// left in the caller's bucket (<c>x-ms-ratelimit-remaining-subscription-{reads|writes|deletes}</c>, and the
/// subscription's <c>-global-</c> bucket beside it). A request starts only while fewer of its kind are in flight than the
/// budget has left, so however many operations or piped registries run at once, they send at the rate ARM allows instead
/// of bursting into 429s. Before the first answer of a kind, one request of that kind goes alone and reads the budget.
/// Shared by every command on a connection.
/// </summary>
sealed class ArmBudget
{
    readonly object gate = new();
    readonly Dictionary<(string Scope, RequestKind Kind), Bucket> buckets = new();

    /// <summary>ARM's three kinds of request, each with its own bucket.</summary>
    public enum RequestKind { Read, Write, Delete }

    public static RequestKind KindOf(RequestMethod method) =>
        method == RequestMethod.Get || method == RequestMethod.Head ? RequestKind.Read
        : method == RequestMethod.Delete ? RequestKind.Delete
        : RequestKind.Write;

    /// <summary>Waits until a request of <paramref name="kind"/> to <paramref name="scope"/> may start; dispose the permit when its answer is in.</summary>
    public async Task<Permit> AcquireAsync(string scope, RequestKind kind, CancellationToken cancellation)
    {
        Bucket bucket;
        lock (gate) bucket = BucketFor(scope, kind);
        await EnterAsync(bucket, cancellation).ConfigureAwait(false);
        return new Permit(this, bucket);
    }

    async Task EnterAsync(Bucket bucket, CancellationToken cancellation)
    {
        while (true)
        {
            Task changed;
            TimeSpan emptyFor;
            lock (gate)
            {
                emptyFor = bucket.EmptyUntil - Clock.Elapsed;
                if (emptyFor <= TimeSpan.Zero && bucket.InFlight < Math.Max(1, bucket.Remaining ?? 1))
                {
                    bucket.InFlight++;
                    return;
                }
                changed = bucket.Changed.Task;
            }
            // Woken by any answer or finished request of this kind (the budget may allow more now), or when ARM said the
            // bucket it found empty has a token again.
            await WaitAsync(emptyFor > TimeSpan.Zero ? Task.WhenAny(changed, Task.Delay(emptyFor, cancellation)) : changed, cancellation)
                .ConfigureAwait(false);
        }
    }

    static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>How many requests of <paramref name="kind"/> ARM said are left for <paramref name="scope"/>, if it has said.</summary>
    public int? Remaining(string scope, RequestKind kind)
    {
        lock (gate) return BucketFor(scope, kind).Remaining;
    }

    static async Task WaitAsync(Task changed, CancellationToken cancellation)
    {
        if (!cancellation.CanBeCanceled)
        {
            await changed.ConfigureAwait(false);
            return;
        }
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellation.Register(() => cancelled.TrySetResult(true)))
            await Task.WhenAny(changed, cancelled.Task).ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();
    }

    Bucket BucketFor(string scope, RequestKind kind)
    {
        if (!buckets.TryGetValue((scope, kind), out var bucket)) buckets[(scope, kind)] = bucket = new Bucket(kind);
        return bucket;
    }

    void Leave(Bucket bucket, Func<string, string?>? header, TimeSpan emptyFor = default)
    {
        TaskCompletionSource<bool> wake;
        lock (gate)
        {
            bucket.InFlight--;
            if (emptyFor > TimeSpan.Zero && Clock.Elapsed + emptyFor > bucket.EmptyUntil) bucket.EmptyUntil = Clock.Elapsed + emptyFor;
            if (header is not null && Read(header, bucket.Kind) is { } remaining) bucket.Remaining = remaining;
            wake = bucket.Changed;
            bucket.Changed = NewSignal();
        }
        wake.TrySetResult(true);
    }

    /// <summary>The smaller of the caller's own and the subscription's global budget, as ARM's headers give them.</summary>
    static int? Read(Func<string, string?> header, RequestKind kind)
    {
        var noun = kind switch { RequestKind.Read => "reads", RequestKind.Write => "writes", _ => "deletes" };
        int? least = null;
        foreach (var name in new[]
                 {
                     $"x-ms-ratelimit-remaining-subscription-{noun}", $"x-ms-ratelimit-remaining-subscription-global-{noun}",
                     $"x-ms-ratelimit-remaining-tenant-{noun}",
                 })
            if (int.TryParse(header(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
                least = least is null ? value : Math.Min(least.Value, value);
        return least;
    }

    static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal sealed class Bucket(RequestKind kind)
    {
        public RequestKind Kind { get; } = kind;
        public int InFlight { get; set; }
        /// <summary>Left in ARM's bucket at the last answer; null until one said.</summary>
        public int? Remaining { get; set; }
        /// <summary>Until when (on <see cref="Clock"/>) ARM said the bucket is empty: a 429's Retry-After. Nothing starts before.</summary>
        public TimeSpan EmptyUntil { get; set; }
        public TaskCompletionSource<bool> Changed { get; set; } = NewSignal();
    }

    /// <summary>One request's place in the budget: hand back the answer's headers, or nothing when there was no answer.</summary>
    public sealed class Permit : IDisposable
    {
        /// <summary>Where a request carries its permit through the pipeline, for <see cref="ArmThrottlingPolicy"/>.</summary>
        public const string MessageProperty = "AcrGeo.ArmBudget.Permit";

        readonly ArmBudget budget;
        readonly Bucket bucket;
        Func<string, string?>? header;
        int done;

        internal Permit(ArmBudget budget, Bucket bucket)
        {
            this.budget = budget;
            this.bucket = bucket;
        }

        public void Answered(Func<string, string?> responseHeader) => header = responseHeader;

        /// <summary>
        /// A 429: gives the place back while the request waits out <paramref name="wait"/>, holding every other request of its
        /// kind back as long (the bucket is empty, as the answer says), then queues for a place again, so the requests a
        /// burst sent come back at the rate the bucket refills, not all at once.
        /// </summary>
        public async Task PauseAsync(Func<string, string?> throttledHeader, TimeSpan wait, CancellationToken cancellation)
        {
            budget.Leave(bucket, throttledHeader, wait);
            try
            {
                await Task.Delay(wait, cancellation).ConfigureAwait(false);
            }
            finally
            {
                await budget.EnterAsync(bucket, CancellationToken.None).ConfigureAwait(false);
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0) budget.Leave(bucket, header);
        }
    }
}

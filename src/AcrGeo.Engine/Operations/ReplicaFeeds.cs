using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AcrGeo.Connection;
using AcrGeo.Models;

namespace AcrGeo.Operations;

/// <summary>One look at a registry's replicas: the list, and when the request for it was sent.</summary>
sealed class ReplicaSnapshot(IReadOnlyList<AcrReplica> replicas, TimeSpan sentAt)
{
    public IReadOnlyList<AcrReplica> Replicas { get; } = replicas;
    /// <summary>On the feeds' clock (<see cref="ReplicaFeeds.Now"/>).</summary>
    public TimeSpan SentAt { get; } = sentAt;
}

/// <summary>
/// The replica lists of every registry a connection watches, shared by everything that waits on replicas: creates,
/// deletes, updates, Wait-AcrReplica, in one command or in several at once. A waiter asks for a list sent no earlier than
/// some time; a list sent within half a poll interval before that (or still on its way) serves it too. So however many
/// replicas of a registry are waited for, the registry is listed about once per poll interval, and waiters that started
/// together stay in step, since each asks for its next list one interval after the one it was given.
/// </summary>
sealed class ReplicaFeeds
{
    static readonly Stopwatch Clock = Stopwatch.StartNew();
    readonly AcrGeoConnection connection;
    readonly ConcurrentDictionary<string, Feed> feeds = new(StringComparer.OrdinalIgnoreCase);

    public ReplicaFeeds(AcrGeoConnection connection) => this.connection = connection;

    public static TimeSpan Now => Clock.Elapsed;

    /// <summary>
    /// A list of <paramref name="registry"/>'s replicas sent at or after <paramref name="due"/> (less the slack): waits
    /// until then with the caller's own clock (<see cref="OperationContext.Delay"/>), then joins or sends the request.
    /// </summary>
    public async Task<ReplicaSnapshot> ListAsync(AcrRegistry registry, TimeSpan due, OperationContext context)
    {
        var wait = due - Now;
        if (wait > TimeSpan.Zero) await context.Delay(wait, context.Cancellation).ConfigureAwait(false);
        var feed = feeds.GetOrAdd(registry.Id.Length > 0 ? registry.Id : registry.Name, _ => new Feed());
        var slack = TimeSpan.FromTicks(connection.Settings.PollInterval.Ticks / 2);
        Task<ReplicaSnapshot> shared;
        lock (feed)
        {
            if (feed.Last is { } last && last.SentAt >= due - slack && !last.List.IsFaulted && !last.List.IsCanceled)
                shared = last.List;
            else
            {
                var sentAt = Now;
                // Not the caller's cancellation: the list serves other waiters too, and one Ctrl+C must not fail theirs.
                shared = Task.Run(() => SendAsync(registry, sentAt));
                feed.Last = (sentAt, shared);
            }
        }
        var snapshot = await WaitAsync(shared, context.Cancellation).ConfigureAwait(false);
        context.Log($"Replicas of '{registry.Name}': one list (sent {(Now - snapshot.SentAt).TotalMilliseconds:0} ms ago) for every waiter.");
        return snapshot;
    }

    async Task<ReplicaSnapshot> SendAsync(AcrRegistry registry, TimeSpan sentAt) =>
        new(await new ReplicaOperations(connection).ListAsync(registry, OperationContext.None).ConfigureAwait(false), sentAt);

    static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellation)
    {
        if (task.IsCompleted || !cancellation.CanBeCanceled) return await task.ConfigureAwait(false);
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellation.Register(() => cancelled.TrySetResult(true)))
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                cancellation.ThrowIfCancellationRequested();
        return await task.ConfigureAwait(false);
    }

    sealed class Feed
    {
        public (TimeSpan SentAt, Task<ReplicaSnapshot> List)? Last { get; set; }
    }
}

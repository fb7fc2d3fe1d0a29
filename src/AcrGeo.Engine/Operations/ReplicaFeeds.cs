using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
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
/// some time; a list sent within half a poll interval of that (or still on its way) serves it too. So however many
/// replicas of a registry are waited for, the registry is listed about once per poll interval, and waiters that started
/// together stay in step, since each asks for its next list one interval after the one it was given.
/// </summary>
/// <remarks>
/// Waiters say when they will want a list as soon as they know it, and a list is sent when the last waiter expected within
/// the slack is due, not when the first is. Writes sent together are accepted a little apart; a list sent for the first
/// would find the last just short of done and cost every waiter one more interval.
/// </remarks>
sealed class ReplicaFeeds
{
    static readonly Stopwatch Clock = Stopwatch.StartNew();
    readonly AcrGeoConnection connection;
    readonly ConcurrentDictionary<string, Feed> feeds = new(StringComparer.OrdinalIgnoreCase);

    public ReplicaFeeds(AcrGeoConnection connection) => this.connection = connection;

    public static TimeSpan Now => Clock.Elapsed;

    /// <summary>
    /// A list of <paramref name="registry"/>'s replicas sent within the slack of <paramref name="due"/>: waits until then
    /// with the caller's own clock (<see cref="OperationContext.Delay"/>), then joins or sends the request.
    /// </summary>
    public async Task<ReplicaSnapshot> ListAsync(AcrRegistry registry, TimeSpan due, OperationContext context)
    {
        var feed = feeds.GetOrAdd(registry.Id.Length > 0 ? registry.Id : registry.Name, _ => new Feed());
        var slack = TimeSpan.FromTicks(connection.Settings.PollInterval.Ticks / 2);
        Task<ReplicaSnapshot> shared;
        lock (feed) feed.Expected.Add(due);
        try
        {
            var wait = due - Now;
            if (wait > TimeSpan.Zero) await context.Delay(wait, context.Cancellation).ConfigureAwait(false);
            lock (feed)
            {
                feed.Lists.RemoveAll(list => list.SendAt < Now - connection.Settings.PollInterval);
                var joinable = feed.Lists.FindLast(list =>
                    list.SendAt >= due - slack && list.SendAt <= due + slack && !list.Snapshot.IsFaulted && !list.Snapshot.IsCanceled);
                if (joinable is not null) shared = joinable.Snapshot;
                else
                {
                    var sendAt = feed.Expected.Where(expected => expected >= due && expected <= due + slack).DefaultIfEmpty(due).Max();
                    var delay = context.Delay;
                    // Not the caller's cancellation: the list serves other waiters too, and one Ctrl+C must not fail theirs.
                    shared = Task.Run(async () =>
                    {
                        // Only past the scheduling waiter's own due, which it has waited for already (on its clock, which in replayed
                        // tests does not sleep).
                        if (sendAt > due && sendAt - Now is { Ticks: > 0 } rest) await delay(rest, CancellationToken.None).ConfigureAwait(false);
                        return await SendAsync(registry, Now).ConfigureAwait(false);
                    });
                    feed.Lists.Add(new ScheduledList(sendAt, shared));
                }
            }
        }
        finally
        {
            lock (feed) feed.Expected.Remove(due);
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

    sealed record ScheduledList(TimeSpan SendAt, Task<ReplicaSnapshot> Snapshot);

    /// <summary>One registry's lists not yet too old to serve anyone, and when its waiters will next want one.</summary>
    sealed class Feed
    {
        public List<ScheduledList> Lists { get; } = [];
        public List<TimeSpan> Expected { get; } = [];
    }
}

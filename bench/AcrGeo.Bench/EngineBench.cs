using System.Diagnostics;
using AcrGeo.Operations;

namespace AcrGeo.Bench;

/// <summary>One timed engine run: PlanAsync + CreateAsync for N regions on a fresh registry and a fresh connection.</summary>
sealed record EngineRun(int N, double WallSeconds, double BeforeFirstPutSeconds, double PutSpreadSeconds,
    double AfterLastPutSeconds, RequestCounts Requests, int MaxPollsPerReplica, int ReplicasWithExtraPoll,
    double EarliestDecidingPollSeconds);

static class EngineBench
{
    public static async Task<EngineRun> RunOnceAsync(BenchEmulator emu, BenchOptions options, int n)
    {
        var registry = await emu.NewRegistryAsync(BenchOptions.HomeRegion);
        // A new connection per run: the timing includes signing in and reading the region catalogue, as the first
        // replica command of a session does. Opening it sends nothing.
        using var connection = emu.Connect(options.PollInterval, options.MaxParallelOperations);
        var replicas = new ReplicaOperations(connection);
        var request = new ReplicaRequest { Locations = BenchOptions.Regions.Take(n).ToArray() };

        emu.ClearLog();
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var plan = await replicas.PlanAsync(registry, request, OperationContext.None);
        var outcomes = await replicas.CreateAsync(plan, OperationContext.None);
        watch.Stop();
        var log = emu.Log();

        var failed = outcomes.Where(o => !o.Succeeded || o.Value?.ProvisioningState != "Succeeded").ToList();
        if (outcomes.Count != n || failed.Count > 0)
            throw new InvalidOperationException($"engine N={n}: {outcomes.Count} outcomes, failed: " +
                string.Join("; ", failed.Select(f => $"{f.Target}: {f.Error?.Message ?? f.Value?.ProvisioningState}")));

        // The log's times are the emulator's clock (the system clock) when each reply was finished.
        var puts = log.Where(r => r.Method == "PUT").Select(r => r.Time).ToList();
        var wall = watch.Elapsed.TotalSeconds;
        var firstPut = (puts.Min() - started).TotalSeconds;
        var lastPut = (puts.Max() - started).TotalSeconds;
        // Polls per replica: at best ceil(T / step); one more means that replica's last "InProgress" poll came a
        // hair before T, and the replica (and so the whole run) waited one more poll step.
        var polls = log.Where(RequestCounts.IsPoll)
            .GroupBy(p => p.Path[..p.Path.IndexOf("/operationStatuses/", StringComparison.OrdinalIgnoreCase)])
            .Select(g => g.Count()).ToList();
        var best = BestPolls(options);
        // Diagnostics: how long after its PUT each replica's deciding poll (the best-th) was answered; below T means
        // it said InProgress and one more step followed. Both times are when the emulator finished its reply.
        var deciding = log.Where(r => r.Method == "PUT").Select(put =>
        {
            var poll = log.Where(p => RequestCounts.IsPoll(p) && p.Path.StartsWith(put.Path + "/", StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => p.Sequence).Skip(best - 1).FirstOrDefault();
            return poll is null ? double.NaN : (poll.Time - put.Time).TotalSeconds;
        }).Where(d => !double.IsNaN(d)).ToList();
        return new EngineRun(n, wall, firstPut, lastPut - firstPut, wall - lastPut, RequestCounts.From(log),
            polls.Count == 0 ? 0 : polls.Max(), polls.Count(c => c > best), deciding.Count == 0 ? double.NaN : deciding.Min());
    }

    /// <summary>The fewest polls that can see Succeeded: the first poll at or after T, one step after another.</summary>
    public static int BestPolls(BenchOptions options)
    {
        var step = Math.Max(options.PollInterval.TotalSeconds, options.RetryAfterSeconds);
        return step <= 0 ? 1 : Math.Max(1, (int)Math.Ceiling(options.ProvisioningDelay.TotalSeconds / step - 1e-9));
    }
}

using System;
using System.Threading;

namespace AcrGeo;

/// <summary>
/// What a caller hands every operation: cancellation (Ctrl+C reaches every request), a progress sink and a
/// verbose sink. The engine never writes anywhere else.
/// </summary>
public sealed class OperationContext
{
    public CancellationToken Cancellation { get; init; }
    public IProgress<OperationProgress>? Progress { get; init; }
    public Action<string>? Verbose { get; init; }
    /// <summary>Where the engine says what the caller should know though nothing failed.</summary>
    public Action<string>? Warning { get; init; }

    public static OperationContext None { get; } = new();

    /// <summary>How the engine waits between polls; tests replaying recorded traffic see the waits without sleeping them.</summary>
    internal Func<TimeSpan, CancellationToken, System.Threading.Tasks.Task> Delay { get; init; } = WaitAtLeastAsync;

    /// <summary>
    /// Waits the whole time, never less: timers may fire a tick early, and a poll that comes back a millisecond before the
    /// service said costs a whole extra interval.
    /// </summary>
    static async System.Threading.Tasks.Task WaitAtLeastAsync(TimeSpan wait, CancellationToken cancellation)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < wait)
            await System.Threading.Tasks.Task.Delay(wait - watch.Elapsed + TimeSpan.FromMilliseconds(1), cancellation).ConfigureAwait(false);
    }

    internal void Report(OperationProgress progress) => Progress?.Report(progress);
    internal void Log(string message) => Verbose?.Invoke(message);
    internal void Warn(string message) => Warning?.Invoke(message);
}

/// <summary>One progress update; each parallel target has its own activity id, so each gets its own bar.</summary>
public sealed class OperationProgress
{
    public OperationProgress(int activityId, string activity, string status, int percentComplete, bool completed = false,
        int parentActivityId = -1)
    {
        ActivityId = activityId;
        Activity = activity;
        Status = status;
        PercentComplete = percentComplete;
        Completed = completed;
        ParentActivityId = parentActivityId;
    }

    public int ActivityId { get; }
    public int ParentActivityId { get; }
    public string Activity { get; }
    public string Status { get; }
    /// <summary>0 to 100, or -1 when unknown.</summary>
    public int PercentComplete { get; }
    public bool Completed { get; }
}

using System.Collections.Concurrent;
using AcrGeo.Conformance.Tests.Recordings;

namespace AcrGeo.Conformance.Tests.EmulatorConformance;

/// <summary>Each recording replayed once per test run, shared by the per-recording tests and the summary.</summary>
public static class ConformanceRuns
{
    static readonly ConcurrentDictionary<string, Lazy<Task<ReplayReport>>> runs = new();

    public static Task<ReplayReport> Of(string recording) =>
        runs.GetOrAdd(recording, name => new Lazy<Task<ReplayReport>>(() => EmulatorReplay.RunAsync(RecordingLibrary.Get(name)))).Value;
}

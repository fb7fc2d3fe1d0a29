using System.Text;
using AcrGeo.Conformance.Tests.Recordings;
using Xunit.Abstractions;

namespace AcrGeo.Conformance.Tests.EmulatorConformance;

/// <summary>
/// The emulator against real Azure traffic: every recording replayed, every in-scope answer compared; no difference
/// may remain outside the allow-list.
/// </summary>
public sealed class EmulatorConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Recordings()
    {
        var data = new TheoryData<string>();
        foreach (var recording in RecordingLibrary.All) data.Add(recording.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task Recording_is_answered_as_Azure_answered_it(string recording)
    {
        var report = await ConformanceRuns.Of(recording);
        var unexplained = report.Differences.Where(d => AllowList.For(d) is null).ToList();
        foreach (var difference in report.Differences)
            output.WriteLine((AllowList.For(difference) is { } allowed ? "allowed: " : "") + difference);
        Assert.True(unexplained.Count == 0,
            $"{unexplained.Count} difference(s) from Azure in {recording}:\n" + string.Join("\n", unexplained));
    }

    [Fact]
    public void Recordings_are_found_and_hold_exchanges()
    {
        Assert.True(RecordingLibrary.All.Count >= 20, $"Only {RecordingLibrary.All.Count} recordings in {RecordingLibrary.Folder}.");
        Assert.All(RecordingLibrary.All, r => Assert.NotEmpty(r.Exchanges));
    }

    /// <summary>The counts the issue asks for: exchanges, kinds, property paths, differences by kind (unique per exchange kind).</summary>
    [Fact]
    public async Task Summary()
    {
        var reports = await Task.WhenAll(RecordingLibrary.All.Select(r => ConformanceRuns.Of(r.Name)));
        var compared = reports.SelectMany(r => r.Compared).ToList();
        var unique = reports.SelectMany(r => r.Differences)
            .GroupBy(d => (d.Kind, d.ExchangeKind, d.Path)).Select(g => g.First()).ToList();
        var text = new StringBuilder();
        text.AppendLine($"exchanges replayed: {compared.Count} ({compared.Select(c => c.Kind).Distinct().Count()} kinds); " +
                        $"out of scope: {reports.Sum(r => r.OutOfScope.Count)}; property paths compared: {reports.Sum(r => r.PathsCompared)}");
        text.AppendLine($"exchanges with a difference: {reports.SelectMany(r => r.Differences).Select(d => d.Exchange).Distinct().Count()}; " +
                        $"kinds with a difference: {unique.Select(d => d.ExchangeKind).Distinct().Count()}");
        foreach (var group in unique.GroupBy(d => d.Kind).OrderBy(g => g.Key))
            text.AppendLine($"  {group.Key}: {group.Count()} ({group.Count(d => AllowList.For(d) is not null)} allowed)");
        foreach (var difference in unique.OrderBy(d => d.ExchangeKind).ThenBy(d => d.Path))
            text.AppendLine((AllowList.For(difference) is not null ? "  allowed " : "  ") + difference);
        output.WriteLine(text.ToString());
        Assert.NotEmpty(compared);
    }
}

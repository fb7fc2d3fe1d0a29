using System.Text.RegularExpressions;
using AcrGeo.Emulator.Admin;

namespace AcrGeo.Bench;

/// <summary>
/// The requests of one measured run, from the emulator's log, sorted into the kinds the report shows. Token and
/// sign-in requests are counted apart: they are per session, not per replica.
/// </summary>
sealed record RequestCounts(int Put, int Polls, int FinalGets, int OtherGets, int Other, int Token, int Failed)
{
    static readonly Regex ReplicaResource = new("/replications/[^/]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Every request except token and sign-in ones.</summary>
    public int Total => Put + Polls + FinalGets + OtherGets + Other;

    public static bool IsToken(RequestLogEntry r) =>
        r.Path.Contains("/oauth2/", StringComparison.OrdinalIgnoreCase)
        || r.Path.Contains("/.well-known/openid-configuration", StringComparison.OrdinalIgnoreCase)
        || r.Path.StartsWith("/msi/", StringComparison.OrdinalIgnoreCase);

    public static bool IsPoll(RequestLogEntry r) =>
        r.Method == "GET" && (r.Path.Contains("/operationStatuses/", StringComparison.OrdinalIgnoreCase)
                              || r.Path.Contains("/operationResults/", StringComparison.OrdinalIgnoreCase));

    public static RequestCounts From(IReadOnlyList<RequestLogEntry> log)
    {
        int put = 0, polls = 0, finals = 0, otherGets = 0, other = 0, token = 0, failed = 0;
        foreach (var r in log)
        {
            if (r.Status is 0 or >= 400) failed++;
            if (IsToken(r)) token++;
            else if (r.Method == "PUT") put++;
            else if (IsPoll(r)) polls++;
            else if (r.Method == "GET" && ReplicaResource.IsMatch(r.Path)) finals++;
            else if (r.Method == "GET") otherGets++;
            else other++;
        }
        return new RequestCounts(put, polls, finals, otherGets, other, token, failed);
    }

    /// <summary>The per-kind median over several runs (the counts barely vary; the median keeps them whole numbers).</summary>
    public static RequestCounts Median(IReadOnlyList<RequestCounts> runs) => new(
        Stats.MedianInt(runs.Select(r => r.Put)), Stats.MedianInt(runs.Select(r => r.Polls)),
        Stats.MedianInt(runs.Select(r => r.FinalGets)), Stats.MedianInt(runs.Select(r => r.OtherGets)),
        Stats.MedianInt(runs.Select(r => r.Other)), Stats.MedianInt(runs.Select(r => r.Token)),
        runs.Sum(r => r.Failed));
}

static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static int MedianInt(IEnumerable<int> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? 0 : sorted[(sorted.Length - 1) / 2];
    }
}

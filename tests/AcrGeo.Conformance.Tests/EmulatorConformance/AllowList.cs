using System.Text.RegularExpressions;

namespace AcrGeo.Conformance.Tests.EmulatorConformance;

/// <summary>A difference the emulator makes on purpose, and why.</summary>
public sealed record AllowedDifference(string Kind, DifferenceKind Difference, string Path, string Reason)
{
    public bool Covers(Difference difference) =>
        difference.Kind == Difference
        && Regex.IsMatch(difference.ExchangeKind, Kind)
        && Regex.IsMatch(difference.Path, "^" + Path + "$");
}

/// <summary>The deliberate differences. Each is one the emulator keeps for a stated reason; nothing else may differ.</summary>
public static class AllowList
{
    public static readonly IReadOnlyList<AllowedDifference> Entries =
    [
    ];

    public static AllowedDifference? For(Difference difference) => Entries.FirstOrDefault(e => e.Covers(difference));
}

namespace AcrGeo.Conformance.Tests.EmulatorConformance;

/// <summary>How an emulator answer differs from the recorded one.</summary>
public enum DifferenceKind
{
    /// <summary>Another HTTP status code.</summary>
    Status,
    /// <summary>A header clients depend on (Azure-AsyncOperation, Location, Retry-After, WWW-Authenticate) missing, extra or unlike.</summary>
    Header,
    /// <summary>A property Azure sends that the emulator does not.</summary>
    MissingProperty,
    /// <summary>A property the emulator sends that Azure never does.</summary>
    ExtraProperty,
    /// <summary>The same property with another JSON type.</summary>
    Type,
    /// <summary>The same property with another value where the value is not one that naturally differs.</summary>
    Value,
    /// <summary>Another error code.</summary>
    ErrorCode,
}

/// <summary>One difference, at a JSON path (<c>properties.status.displayStatus</c>, arrays as <c>[]</c>) or a header name.</summary>
public sealed record Difference(DifferenceKind Kind, string Exchange, string ExchangeKind, string Path, string? Recorded, string? Emulator)
{
    public override string ToString() =>
        $"{Kind} {ExchangeKind} {Path}: Azure {Recorded ?? "(none)"}, emulator {Emulator ?? "(none)"} [{Exchange}]";
}

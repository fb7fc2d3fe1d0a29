namespace AcrGeo.Models;

/// <summary>
/// One image reference as one replica serves it, read through that region's regional endpoint: whether the tag
/// resolves there, to which digest, and whether that is the digest every other region of the answer agrees on.
/// </summary>
public sealed class AcrImageReplica
{
    public string RegistryName { get; init; } = "";
    public string Repository { get; init; } = "";
    /// <summary>The tag or digest asked for.</summary>
    public string Reference { get; init; } = "";
    public string Location { get; init; } = "";
    public bool IsHome { get; init; }
    /// <summary>The host name the region was asked through.</summary>
    public string Endpoint { get; init; } = "";
    public bool Present { get; init; }
    /// <summary>The manifest digest the reference resolves to in this region; null when it is not there.</summary>
    public string? Digest { get; init; }
    /// <summary>The digest the image converges on: the one asked for, else the home region's.</summary>
    public string? ExpectedDigest { get; init; }
    /// <summary>Present with the expected digest.</summary>
    public bool InSync { get; init; }
    /// <summary>Every region of this answer has the image with one and the same digest.</summary>
    public bool AllRegionsAgree { get; init; }
    /// <summary>The replica's own sync status at the time (Ready, Syncing, ...).</summary>
    public string ReplicaStatus { get; init; } = "";

    public override string ToString() => $"{Repository}:{Reference} in {Location}";
}

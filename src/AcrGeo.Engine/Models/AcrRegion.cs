namespace AcrGeo.Models;

/// <summary>Where a region stands for one registry, as the portal's replication map shows it.</summary>
public enum RegionState
{
    /// <summary>The registry's own region: always holds a replica.</summary>
    Home,
    /// <summary>A region the registry is replicated to.</summary>
    Replica,
    /// <summary>A region a replica could be created in.</summary>
    Available,
    /// <summary>A region that does not offer Container Registry to this subscription.</summary>
    Unavailable,
}

/// <summary>One region of the replication map.</summary>
public sealed class AcrRegion
{
    public string Name { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string GeographyGroup { get; init; } = "";
    public RegionState State { get; init; }
    public string RegistryName { get; init; } = "";
    /// <summary>The replica in this region, when there is one.</summary>
    public AcrReplica? Replica { get; init; }
    public string? PairedRegion { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }

    public override string ToString() => Name;
}

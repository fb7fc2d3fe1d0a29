namespace AcrGeo.Models;

/// <summary>
/// Where clients reach a registry in one region, as <c>az acr show-endpoints</c> lists it: the login server (the same in
/// every region; the global endpoint routes it), the region's data endpoint (where layers come from) and its regional
/// endpoint (<c>{registry}.{region}.geo.azurecr.io</c>, which always answers from that region's replica).
/// </summary>
public sealed class AcrRegistryEndpoint
{
    public string RegistryName { get; init; } = "";
    public string Region { get; init; } = "";
    public bool IsHome { get; init; }
    public string LoginServer { get; init; } = "";
    /// <summary>The region's dedicated data endpoint, or the storage wildcard (<c>*.blob.core.windows.net</c>) when data endpoints are off.</summary>
    public string DataEndpoint { get; init; } = "";
    /// <summary>The region's regional endpoint, or null when regional endpoints are disabled.</summary>
    public string? RegionalEndpoint { get; init; }
    /// <summary>Whether the global endpoint routes clients to this region (a drained region does not take them).</summary>
    public GlobalEndpointRouting GlobalEndpointRouting { get; init; }

    public override string ToString() => $"{RegistryName} ({Region})";
}

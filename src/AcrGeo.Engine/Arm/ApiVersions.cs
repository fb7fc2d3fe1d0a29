namespace AcrGeo.Arm;

/// <summary>The api-versions the engine speaks: every request names its own, so none asks a provider which versions it has.</summary>
static class ApiVersions
{
    public const string ContainerRegistry = "2025-11-01";
    /// <summary>The first version with <c>regionalEndpoints</c> and <c>regionalEndpointHostNames</c>; used only where they are read or set.</summary>
    public const string ContainerRegistryRegionalEndpoints = "2026-09-01-preview";
    public const string Resources = "2021-04-01";
    public const string Subscriptions = "2022-12-01";
    /// <summary>Azure Resource Graph's current stable version (azure-rest-api-specs, Microsoft.ResourceGraph/stable).</summary>
    public const string ResourceGraph = "2024-04-01";
}

using System.Text.Json.Nodes;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ContainerRegistry;

/// <summary>
/// A registry's endpoint switches and the host names they give. <c>dataEndpointEnabled</c> (every api-version): a data
/// endpoint <c>{registry}.{region}.data.azurecr.io</c> per replica region in <c>dataEndpointHostNames</c>.
/// <c>regionalEndpoints</c> (Enabled|Disabled, from 2026-09-01-preview on): <c>{registry}.{region}.geo.azurecr.io</c> per
/// replica region in <c>regionalEndpointHostNames</c>; older api-versions neither read nor show it, as ARM drops properties
/// a version does not define. Turning either on needs the Premium SKU.
/// </summary>
static class RegistryEndpointSettings
{
    public const string FirstRegionalVersion = "2026-09-01-preview";
    const string Regional = "regionalEndpoints";

    public static bool KnowsRegionalEndpoints(string? apiVersion) => string.CompareOrdinal(apiVersion, FirstRegionalVersion) >= 0;

    /// <summary>The requested regionalEndpoints value, when the request's api-version defines it and the body sets it.</summary>
    public static string? ReadRegional(HttpContext ctx, JsonObject? properties)
    {
        if (!KnowsRegionalEndpoints(ArmHttp.ApiVersion(ctx)) || properties is null || !properties.ContainsKey(Regional)) return null;
        var value = ArmHttp.ReadString(properties, Regional);
        return value is "Enabled" or "Disabled"
            ? value
            : throw ArmException.BadRequest("InvalidParameter", $"'{Regional}' must be 'Enabled' or 'Disabled'.", $"properties.{Regional}");
    }

    /// <summary>Sets the switches on a registry whose SKU is <paramref name="sku"/> (after the same request's SKU change).</summary>
    public static void Apply(ResourceRecord registry, bool? dataEndpointEnabled, string? regional, string sku)
    {
        var premiumOnly = new[] { dataEndpointEnabled == true ? "Dedicated data endpoints" : null, regional == "Enabled" ? "Regional endpoints" : null }
            .Where(f => f is not null).ToList();
        if (premiumOnly.Count > 0 && sku != "Premium")
            throw ArmException.BadRequest("OperationNotAllowed",
                $"{string.Join(" and ", premiumOnly)} are only supported for managed registries in Premium SKU.", "sku");
        if (dataEndpointEnabled is { } data) registry.Properties["dataEndpointEnabled"] = data;
        if (regional is not null) registry.Properties[Regional] = regional;
    }

    /// <summary>Adds the endpoint properties to a rendered registry: one host name per region the registry serves from.</summary>
    public static void Render(JsonObject properties, EmulatorState state, ResourceRecord registry, string? apiVersion)
    {
        var regions = RegistryContent.ReplicaRegions(state, registry).Keys.OrderBy(r => r != registry.Location).ThenBy(r => r, StringComparer.Ordinal).ToList();
        var name = registry.Name.ToLowerInvariant();
        properties["dataEndpointHostNames"] = ArmHttp.ReadBool(registry.Properties, "dataEndpointEnabled") == true
            ? new JsonArray(regions.Select(r => (JsonNode)$"{name}.{r}.data.azurecr.io").ToArray())
            : new JsonArray();
        if (!KnowsRegionalEndpoints(apiVersion)) return;
        var regional = (string?)registry.Properties[Regional] ?? "Disabled";
        properties[Regional] = regional;
        properties["regionalEndpointHostNames"] = regional == "Enabled"
            ? new JsonArray(regions.Select(r => (JsonNode)$"{name}.{r}.geo.azurecr.io").ToArray())
            : new JsonArray();
    }
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Arm;

/// <summary>One public Azure region, as the emulator's catalogue describes it.</summary>
public sealed record Region(
    string Name,
    string DisplayName,
    string GeographyGroup,
    string Latitude,
    string Longitude,
    string? PairedRegion,
    string PhysicalLocation,
    bool ContainerRegistry);

/// <summary>
/// The public Azure region list. Some restricted regions (paired regions open to few subscriptions) do not offer
/// Container Registry here, which gives the region map its unavailable regions, as a real subscription sees them.
/// </summary>
public static class Regions
{
    public static readonly IReadOnlyList<Region> All = Load();

    static IReadOnlyList<Region> Load()
    {
        using var stream = typeof(Regions).Assembly.GetManifestResourceStream("AcrGeo.Emulator.Data.regions.json")
                           ?? throw new InvalidOperationException("The region catalogue is missing from the assembly.");
        return JsonSerializer.Deserialize<Region[]>(stream, JsonSerializerOptions.Web)!;
    }

    /// <summary>ARM takes a region by name ("japaneast") or display name ("Japan East"), any casing.</summary>
    public static Region? Find(string? location)
    {
        if (string.IsNullOrWhiteSpace(location)) return null;
        var normalized = Normalize(location);
        return All.FirstOrDefault(r => r.Name == normalized);
    }

    public static string Normalize(string location) =>
        string.Concat(location.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    public static IEnumerable<Region> OfferingContainerRegistry => All.Where(r => r.ContainerRegistry);

    /// <summary>The region a Container Registry resource may live in, or ARM's LocationNotAvailableForResourceType.</summary>
    public static Region RequireForContainerRegistry(string? location, string resourceType)
    {
        var region = Find(location);
        if (region is { ContainerRegistry: true }) return region;
        if (string.IsNullOrWhiteSpace(location))
            throw ArmException.BadRequest("LocationRequired", "The location property is required for this definition.");
        throw new ArmException(HttpStatusCode.BadRequest, "LocationNotAvailableForResourceType",
            $"The provided location '{location}' is not available for resource type '{resourceType}'. List of available " +
            $"regions for the resource type is '{string.Join(",", OfferingContainerRegistry.Select(r => r.Name))}'.");
    }

    public static JsonObject ToJson(Region region, string subscriptionId) => new()
    {
        ["id"] = $"/subscriptions/{subscriptionId}/locations/{region.Name}",
        ["name"] = region.Name,
        ["type"] = "Region",
        ["displayName"] = region.DisplayName,
        ["regionalDisplayName"] = $"({region.GeographyGroup}) {region.DisplayName}",
        ["metadata"] = new JsonObject
        {
            ["regionType"] = "Physical",
            ["regionCategory"] = region.ContainerRegistry ? "Recommended" : "Other",
            ["geographyGroup"] = region.GeographyGroup,
            ["longitude"] = region.Longitude,
            ["latitude"] = region.Latitude,
            ["physicalLocation"] = region.PhysicalLocation,
            ["pairedRegion"] = region.PairedRegion is null
                ? new JsonArray()
                : new JsonArray(new JsonObject
                {
                    ["name"] = region.PairedRegion,
                    ["id"] = $"/subscriptions/{subscriptionId}/locations/{region.PairedRegion}",
                }),
        },
    };
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Input;

namespace AcrGeo.Operations;

/// <summary>A physical region and whether it offers Container Registry geo-replication to this subscription.</summary>
sealed class RegionEntry
{
    public string Name { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string GeographyGroup { get; init; } = "";
    public string? PairedRegion { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public bool OffersReplicas { get; init; }
}

/// <summary>
/// The subscription's regions and where replicas may go, read once per connection (two requests) and kept:
/// regions change on the scale of months, and every replica command needs them.
/// </summary>
sealed class RegionCatalog
{
    readonly AcrGeoConnection connection;
    readonly object gate = new();
    Task<IReadOnlyList<RegionEntry>>? loaded;

    public RegionCatalog(AcrGeoConnection connection) => this.connection = connection;

    public Task<IReadOnlyList<RegionEntry>> GetAsync(OperationContext context)
    {
        lock (gate)
        {
            if (loaded is null || loaded.IsFaulted || loaded.IsCanceled) loaded = LoadAsync(context);
            return loaded;
        }
    }

    async Task<IReadOnlyList<RegionEntry>> LoadAsync(OperationContext context)
    {
        var subscription = connection.SubscriptionPath;
        var locationsTask = connection.Rest.ListAsync(subscription.Child("locations"), ApiVersions.Subscriptions, context, "locations");
        var providerTask = connection.Rest.GetAsync(subscription.Child("providers", "Microsoft.ContainerRegistry"), ApiVersions.Resources,
            context, "Microsoft.ContainerRegistry");
        await Task.WhenAll(locationsTask, providerTask).ConfigureAwait(false);

        var offered = new HashSet<string>(
            ((providerTask.Result["resourceTypes"] as JsonArray) ?? new JsonArray())
            .OfType<JsonObject>()
            .Where(t => string.Equals((string?)t["resourceType"], "registries/replications", StringComparison.OrdinalIgnoreCase))
            .SelectMany(t => (t["locations"] as JsonArray) ?? new JsonArray())
            .Select(l => InputRules.NormalizeRegion(l?.ToString() ?? "")));

        return locationsTask.Result
            .Where(l => (string?)l["metadata"]?["regionType"] is null or "Physical")
            .Select(l => new RegionEntry
            {
                Name = (string?)l["name"] ?? "",
                DisplayName = (string?)l["displayName"] ?? "",
                GeographyGroup = (string?)l["metadata"]?["geographyGroup"] ?? "",
                PairedRegion = (string?)(l["metadata"]?["pairedRegion"] as JsonArray)?.FirstOrDefault()?["name"],
                Latitude = double.TryParse((string?)l["metadata"]?["latitude"], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var lat) ? lat : null,
                Longitude = double.TryParse((string?)l["metadata"]?["longitude"], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var lon) ? lon : null,
                OffersReplicas = offered.Contains(InputRules.NormalizeRegion((string?)l["displayName"] ?? ""))
                                 || offered.Contains((string?)l["name"] ?? ""),
            })
            .ToList();
    }
}

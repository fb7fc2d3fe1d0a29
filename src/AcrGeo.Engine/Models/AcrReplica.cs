using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace AcrGeo.Models;

/// <summary>
/// Whether a replica takes traffic that the registry's global endpoint routes to the nearest region (ARM's
/// <c>regionEndpointEnabled</c>). Disabled drains the region: it still syncs and answers on its regional endpoint.
/// </summary>
public enum GlobalEndpointRouting
{
    Enabled,
    Disabled,
}

/// <summary>A geo-replica of a registry: where it is, whether it is provisioned, whether its content is in sync.</summary>
public sealed class AcrReplica
{
    public string Name { get; init; } = "";
    public string RegistryName { get; init; } = "";
    public string ResourceGroupName { get; init; } = "";
    public string Location { get; init; } = "";
    /// <summary>Creating, Updating, Deleting, Succeeded, Failed or Canceled.</summary>
    public string ProvisioningState { get; init; } = "";
    /// <summary>Syncing while content catches up, then Ready.</summary>
    public string Status { get; init; } = "";
    public string? StatusMessage { get; init; }
    public DateTimeOffset? StatusTimestamp { get; init; }
    /// <summary>True for the replica in the registry's own region, which exists as long as the registry does.</summary>
    public bool IsHome { get; init; }
    public bool RegionEndpointEnabled { get; init; }
    /// <summary>The same as <see cref="RegionEndpointEnabled"/>, named as the Azure CLI names it now.</summary>
    public GlobalEndpointRouting GlobalEndpointRouting => RegionEndpointEnabled ? GlobalEndpointRouting.Enabled : GlobalEndpointRouting.Disabled;
    public string ZoneRedundancy { get; init; } = "";
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public string Id { get; init; } = "";
    public string SubscriptionId { get; init; } = "";

    public bool IsReady => Status == "Ready" && ProvisioningState == "Succeeded";
    public bool IsFailed => ProvisioningState is "Failed" or "Canceled";
    public bool IsDeleting => ProvisioningState == "Deleting";

    internal static AcrReplica FromJson(JsonObject json, string homeLocation)
    {
        var id = (string?)json["id"] ?? "";
        var properties = json["properties"];
        var location = (string?)json["location"] ?? "";
        return new AcrReplica
        {
            Id = id,
            Name = (string?)json["name"] ?? "",
            RegistryName = ResourceIds.Registry(id),
            ResourceGroupName = ResourceIds.ResourceGroup(id),
            SubscriptionId = ResourceIds.Subscription(id),
            Location = location,
            ProvisioningState = (string?)properties?["provisioningState"] ?? "",
            Status = (string?)properties?["status"]?["displayStatus"] ?? "",
            StatusMessage = (string?)properties?["status"]?["message"],
            StatusTimestamp = DateTimeOffset.TryParse((string?)properties?["status"]?["timestamp"], out var at) ? at : null,
            IsHome = string.Equals(location, homeLocation, StringComparison.OrdinalIgnoreCase),
            RegionEndpointEnabled = (bool?)properties?["regionEndpointEnabled"] ?? true,
            ZoneRedundancy = (string?)properties?["zoneRedundancy"] ?? "Disabled",
            Tags = ResourceIds.Tags(json),
        };
    }

    public override string ToString() => $"{RegistryName}/{Name}";
}

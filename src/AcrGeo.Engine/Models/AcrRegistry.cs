using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace AcrGeo.Models;

/// <summary>A container registry, shaped like ARM's registry resource.</summary>
public sealed class AcrRegistry
{
    public string Name { get; init; } = "";
    /// <summary>The same as <see cref="Name"/>: lets a registry bind to -Registry further down the pipeline.</summary>
    public string RegistryName => Name;
    public string ResourceGroupName { get; init; } = "";
    public string SubscriptionId { get; init; } = "";
    public string Location { get; init; } = "";
    public string Sku { get; init; } = "";
    public string LoginServer { get; init; } = "";
    public string ProvisioningState { get; init; } = "";
    public bool AdminUserEnabled { get; init; }
    public string ZoneRedundancy { get; init; } = "";
    public DateTimeOffset? CreationDate { get; init; }
    /// <summary>Whether each region serves layers from its own data endpoint (<c>{registry}.{region}.data.azurecr.io</c>).</summary>
    public bool DataEndpointEnabled { get; init; }
    public IReadOnlyList<string> DataEndpointHostNames { get; init; } = Array.Empty<string>();
    /// <summary>Enabled, Disabled, or empty when read with an api-version that does not know regional endpoints.</summary>
    public string RegionalEndpoints { get; init; } = "";
    public IReadOnlyList<string> RegionalEndpointHostNames { get; init; } = Array.Empty<string>();
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public string Id { get; init; } = "";
    /// <summary>The ARM path of <see cref="Id"/>, checked and escaped.</summary>
    internal Arm.ArmPath Path => Arm.ArmPath.FromResourceId(Id);

    public bool IsPremium => string.Equals(Sku, "Premium", StringComparison.OrdinalIgnoreCase);

    internal static AcrRegistry FromJson(JsonObject json)
    {
        var id = (string?)json["id"] ?? "";
        var properties = json["properties"];
        return new AcrRegistry
        {
            Id = id,
            Name = (string?)json["name"] ?? "",
            ResourceGroupName = ResourceIds.ResourceGroup(id),
            SubscriptionId = ResourceIds.Subscription(id),
            Location = (string?)json["location"] ?? "",
            Sku = (string?)json["sku"]?["name"] ?? "",
            LoginServer = (string?)properties?["loginServer"] ?? "",
            ProvisioningState = (string?)properties?["provisioningState"] ?? "",
            AdminUserEnabled = (bool?)properties?["adminUserEnabled"] ?? false,
            ZoneRedundancy = (string?)properties?["zoneRedundancy"] ?? "Disabled",
            CreationDate = DateTimeOffset.TryParse((string?)properties?["creationDate"], out var created) ? created : null,
            DataEndpointEnabled = (bool?)properties?["dataEndpointEnabled"] ?? false,
            DataEndpointHostNames = ResourceIds.Strings(properties?["dataEndpointHostNames"]),
            RegionalEndpoints = (string?)properties?["regionalEndpoints"] ?? "",
            RegionalEndpointHostNames = ResourceIds.Strings(properties?["regionalEndpointHostNames"]),
            Tags = ResourceIds.Tags(json),
        };
    }

    public override string ToString() => Name;
}

/// <summary>Reads ARM resource ids and common fields.</summary>
static class ResourceIds
{
    public static string Segment(string id, string name)
    {
        var parts = id.Split('/');
        for (var i = 0; i < parts.Length - 1; i++)
            if (parts[i].Equals(name, StringComparison.OrdinalIgnoreCase)) return parts[i + 1];
        return "";
    }

    public static string ResourceGroup(string id) => Segment(id, "resourceGroups");
    public static string Subscription(string id) => Segment(id, "subscriptions");
    public static string Registry(string id) => Segment(id, "registries");
    /// <summary>"resourceGroup/name": how a resource of a subscription is named to a user.</summary>
    public static string GroupAndName(string id) => $"{ResourceGroup(id)}/{id.Split('/').Last()}";

    public static IReadOnlyDictionary<string, string> Tags(JsonObject json) =>
        json["tags"] is JsonObject tags
            ? tags.ToDictionary(t => t.Key, t => t.Value?.ToString() ?? "")
            : new Dictionary<string, string>();

    public static IReadOnlyList<string> Strings(JsonNode? array) =>
        (array as JsonArray)?.Select(item => item?.ToString() ?? "").Where(item => item.Length > 0).ToArray() ?? Array.Empty<string>();

    public static JsonObject TagsJson(IDictionary<string, string> tags)
    {
        var json = new JsonObject();
        foreach (var tag in tags) json[tag.Key] = tag.Value;
        return json;
    }
}

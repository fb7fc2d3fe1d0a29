using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace AcrGeo.Models;

/// <summary>A registry webhook. Its location makes it regional: it hears events as they land in that region.</summary>
public sealed class AcrWebhook
{
    public string Name { get; init; } = "";
    public string RegistryName { get; init; } = "";
    public string ResourceGroupName { get; init; } = "";
    public string Location { get; init; } = "";
    /// <summary>True when the webhook is not in the registry's home region.</summary>
    public bool IsRegional { get; init; }
    public string Status { get; init; } = "";
    public IReadOnlyList<string> Actions { get; init; } = Array.Empty<string>();
    public string Scope { get; init; } = "";
    public string ProvisioningState { get; init; } = "";
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public string Id { get; init; } = "";

    internal static AcrWebhook FromJson(JsonObject json, string homeLocation)
    {
        var id = (string?)json["id"] ?? "";
        var properties = json["properties"];
        var location = (string?)json["location"] ?? "";
        return new AcrWebhook
        {
            Id = id,
            Name = (string?)json["name"] ?? "",
            RegistryName = ResourceIds.Registry(id),
            ResourceGroupName = ResourceIds.ResourceGroup(id),
            Location = location,
            IsRegional = !string.Equals(location, homeLocation, StringComparison.OrdinalIgnoreCase),
            Status = (string?)properties?["status"] ?? "",
            Actions = (properties?["actions"] as JsonArray)?.Select(a => a?.ToString() ?? "").ToArray() ?? Array.Empty<string>(),
            Scope = (string?)properties?["scope"] ?? "",
            ProvisioningState = (string?)properties?["provisioningState"] ?? "",
            Tags = ResourceIds.Tags(json),
        };
    }

    public override string ToString() => $"{RegistryName}/{Name}";
}

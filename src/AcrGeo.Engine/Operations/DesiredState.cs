using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGeo.Models;

namespace AcrGeo.Operations;

/// <summary>One region a registry should be replicated to, and how.</summary>
public sealed class DesiredReplica
{
    public string Location { get; init; } = "";
    /// <summary>Null: whatever it is (Enabled for a new replica).</summary>
    public GlobalEndpointRouting? GlobalEndpointRouting { get; init; }
    /// <summary>Null: tags are not compared.</summary>
    public IDictionary<string, string>? Tags { get; init; }
}

/// <summary>A registry and the regions it should be replicated to; the home region may be named or left out.</summary>
public sealed class DesiredRegistry
{
    public string Registry { get; init; } = "";
    public string? ResourceGroupName { get; init; }
    public IReadOnlyList<DesiredReplica> Regions { get; init; } = Array.Empty<DesiredReplica>();
}

/// <summary>
/// The desired state of many registries, from a file (a PowerShell data file read by the cmdlet, or JSON) or the command
/// line. Both arrive here as a tree of dictionaries, lists and scalars and go through one set of rules, checked before
/// any request: unknown keys (a typo would otherwise be ignored), registry names, duplicate registries or regions, and
/// routing values. Shape, keys in any casing:
/// <code>
/// { Registries = @( @{ Registry = 'contosoacr'; ResourceGroupName = 'contoso'
///                      Regions = @( 'eastus', @{ Location = 'westeurope'; GlobalEndpointRouting = 'Disabled'; Tags = @{ tier = 'dr' } } ) } ) }
/// </code>
/// </summary>
public static class DesiredState
{
    static readonly string[] RootKeys = { "Registries" };
    static readonly string[] RegistryKeys = { "Registry", "ResourceGroupName", "Regions" };
    static readonly string[] RegionKeys = { "Location", "GlobalEndpointRouting", "Tags" };

    /// <summary>Reads a JSON desired-state file's text; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<DesiredRegistry> FromJson(string json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw Invalid(source, "", $"it is not valid JSON ({e.Message})");
        }
        return FromTree(Plain(root), source);
    }

    /// <summary>Reads a tree of dictionaries (string keys), lists and scalars: what a PowerShell data file holds.</summary>
    public static IReadOnlyList<DesiredRegistry> FromTree(object? root, string source)
    {
        var top = Map(root, source, "", RootKeys);
        var items = List(Get(top, "Registries"), source, "Registries", required: true);
        var registries = items.Select((item, index) => Registry(item, source, $"Registries[{index}]")).ToList();
        var twice = registries.GroupBy(r => $"{r.ResourceGroupName?.ToLowerInvariant()}/{r.Registry.ToLowerInvariant()}")
            .FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw Invalid(source, "Registries", $"registry '{twice.First().Registry}' is listed more than once; give each registry one entry");
        return registries;
    }

    /// <summary>The desired state of one registry from the command line: the regions, those drained, and tags for every replica.</summary>
    public static DesiredRegistry ForRegistry(string registry, string? resourceGroupName, IEnumerable<string> locations,
        IEnumerable<string>? drained, IDictionary<string, string>? tags)
    {
        NameRules.Registry(registry);
        var regions = locations.Select(l => NameRules.Region(l ?? "")).ToList();
        if (regions.Count == 0 || regions.Any(r => r.Length == 0))
            throw new AcrGeoException(ErrorIds.UnknownRegion, AcrErrorCategory.InvalidArgument, "Name at least one region, and no empty ones.", null);
        var drainedRegions = (drained ?? Array.Empty<string>()).Select(d => NameRules.Region(d ?? "")).ToList();
        var stray = drainedRegions.FirstOrDefault(d => !regions.Contains(d));
        if (stray is not null)
            throw new AcrGeoException(ErrorIds.InvalidDesiredState, AcrErrorCategory.InvalidArgument,
                $"-DrainedLocation names '{stray}', which -Location does not: a drained region must be one of the desired regions.", stray);
        return new DesiredRegistry
        {
            Registry = registry,
            ResourceGroupName = string.IsNullOrEmpty(resourceGroupName) ? null : resourceGroupName,
            Regions = regions.Distinct().Select(r => new DesiredReplica
            {
                Location = r,
                GlobalEndpointRouting = drained is null ? null : drainedRegions.Contains(r) ? GlobalEndpointRouting.Disabled : GlobalEndpointRouting.Enabled,
                Tags = tags,
            }).ToList(),
        };
    }

    static DesiredRegistry Registry(object? item, string source, string at)
    {
        var map = Map(item, source, at, RegistryKeys);
        var name = Text(Get(map, "Registry"), source, at + ".Registry", required: true)!;
        try
        {
            NameRules.Registry(name);
        }
        catch (AcrGeoException e)
        {
            throw Invalid(source, at + ".Registry", e.Message);
        }
        var group = Text(Get(map, "ResourceGroupName"), source, at + ".ResourceGroupName", required: false);
        var regions = List(Get(map, "Regions"), source, at + ".Regions", required: true)
            .Select((region, index) => Region(region, source, $"{at}.Regions[{index}]")).ToList();
        var twice = regions.GroupBy(r => r.Location).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw Invalid(source, at + ".Regions", $"region '{twice.Key}' is listed more than once");
        return new DesiredRegistry { Registry = name, ResourceGroupName = string.IsNullOrEmpty(group) ? null : group, Regions = regions };
    }

    static DesiredReplica Region(object? item, string source, string at)
    {
        if (item is string location) return new DesiredReplica { Location = RegionName(location, source, at) };
        var map = Map(item, source, at, RegionKeys);
        return new DesiredReplica
        {
            Location = RegionName(Text(Get(map, "Location"), source, at + ".Location", required: true)!, source, at + ".Location"),
            GlobalEndpointRouting = Routing(Get(map, "GlobalEndpointRouting"), source, at + ".GlobalEndpointRouting"),
            Tags = Tags(Get(map, "Tags"), source, at + ".Tags"),
        };
    }

    static string RegionName(string text, string source, string at)
    {
        var region = NameRules.Region(text);
        return region.Length > 0 && region.All(char.IsLetterOrDigit) ? region : throw Invalid(source, at, $"'{text}' is not a region name such as 'eastus'");
    }

    static GlobalEndpointRouting? Routing(object? value, string source, string at) => value switch
    {
        null => null,
        bool enabled => enabled ? GlobalEndpointRouting.Enabled : GlobalEndpointRouting.Disabled,
        string text when Enum.TryParse<GlobalEndpointRouting>(text, ignoreCase: true, out var routing) && !text.Any(char.IsDigit) => routing,
        _ => throw Invalid(source, at, $"'{value}' is not Enabled or Disabled"),
    };

    static IDictionary<string, string>? Tags(object? value, string source, string at)
    {
        if (value is null) return null;
        if (value is not IDictionary tags) throw Invalid(source, at, "tags must be a table of names and values");
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry tag in tags)
            result[Convert.ToString(tag.Key, CultureInfo.InvariantCulture) ?? ""] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
        return result;
    }

    static IDictionary Map(object? value, string source, string at, string[] allowed)
    {
        if (value is not IDictionary map) throw Invalid(source, at, "a table (hashtable or JSON object) was expected here");
        foreach (var key in map.Keys)
        {
            var name = Convert.ToString(key, CultureInfo.InvariantCulture) ?? "";
            if (!allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw Invalid(source, at, $"'{name}' is not a known key; use {string.Join(", ", allowed)}");
        }
        return map;
    }

    static object? Get(IDictionary map, string key)
    {
        foreach (DictionaryEntry entry in map)
            if (string.Equals(Convert.ToString(entry.Key, CultureInfo.InvariantCulture), key, StringComparison.OrdinalIgnoreCase)) return entry.Value;
        return null;
    }

    static IReadOnlyList<object?> List(object? value, string source, string at, bool required)
    {
        if (value is null) return required ? throw Invalid(source, at, "it is missing") : Array.Empty<object?>();
        if (value is string or IDictionary) return new[] { value };
        if (value is IEnumerable items) return items.Cast<object?>().ToList();
        throw Invalid(source, at, "a list was expected here");
    }

    static string? Text(object? value, string source, string at, bool required) => value switch
    {
        string text when text.Trim().Length > 0 => text.Trim(),
        null or string when !required => null,
        null or string => throw Invalid(source, at, "it is missing or empty"),
        _ => throw Invalid(source, at, "a text value was expected here"),
    };

    /// <summary>JSON as plain .NET values: objects as dictionaries, arrays as lists, strings, booleans and numbers.</summary>
    static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.OrdinalIgnoreCase),
        JsonArray array => array.Select(Plain).ToList(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => node.ToJsonString(),
    };

    static AcrGeoException Invalid(string source, string at, string why) =>
        new(ErrorIds.InvalidDesiredState, AcrErrorCategory.InvalidArgument,
            $"The desired state in {source}{(at.Length == 0 ? "" : $" at {at}")} cannot be used: {why}.", source);
}

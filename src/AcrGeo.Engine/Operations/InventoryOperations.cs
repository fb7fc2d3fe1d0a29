using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Input;
using AcrGeo.Models;
using Azure.Core;

namespace AcrGeo.Operations;

/// <summary>
/// Every registry and replica across subscriptions, through Azure Resource Graph: one query answers up to 1,000 rows of
/// any number of subscriptions, pages follow by <c>$skipToken</c>. Where Resource Graph is not available (a cloud without
/// it, a provider not there) the same answer comes from ARM's lists, subscription by subscription and registry by registry.
/// </summary>
public sealed class InventoryOperations
{
    internal const string RegistryType = "microsoft.containerregistry/registries";
    internal const string ReplicaType = "microsoft.containerregistry/registries/replications";
    /// <summary>Resource Graph's largest page.</summary>
    const int PageSize = 1000;
    static readonly string[] Columns = ["id", "name", "type", "location", "sku", "tags", "properties"];

    readonly AcrGeoConnection connection;

    public InventoryOperations(AcrGeoConnection connection) => this.connection = connection;

    /// <summary>Checks subscription ids before any request: GUIDs, each once.</summary>
    public static IReadOnlyList<string>? Subscriptions(IEnumerable<string>? ids)
    {
        if (ids is null) return null;
        var list = new List<string>();
        foreach (var id in ids)
        {
            var normal = InputRules.SubscriptionId(id).ToLowerInvariant();
            if (!list.Contains(normal)) list.Add(normal);
        }
        return list;
    }

    /// <summary>Every registry in <paramref name="subscriptions"/> (all the connection's identity can see when null), by id.</summary>
    public async Task<IReadOnlyList<AcrRegistry>> RegistriesAsync(IReadOnlyList<string>? subscriptions, OperationContext context)
    {
        var rows = await QueryAsync(subscriptions, [RegistryType], context).ConfigureAwait(false);
        if (rows is not null) return rows.Select(AcrRegistry.FromJson).ToList();
        var registries = new List<AcrRegistry>();
        foreach (var subscription in subscriptions ?? await VisibleSubscriptionsAsync(context).ConfigureAwait(false))
            registries.AddRange(await ListRegistriesAsync(subscription, context).ConfigureAwait(false));
        return registries.OrderBy(r => r.Id, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Every replica of every registry in <paramref name="subscriptions"/>, the home replicas included, by id.</summary>
    public async Task<IReadOnlyList<AcrReplica>> ReplicasAsync(IReadOnlyList<string>? subscriptions, OperationContext context)
    {
        // Registries come along in the same query: a replica is the home one when it is in its registry's region.
        var rows = await QueryAsync(subscriptions, [RegistryType, ReplicaType], context).ConfigureAwait(false);
        if (rows is null)
        {
            var registries = await RegistriesAsync(subscriptions, context).ConfigureAwait(false);
            var replicas = new ReplicaOperations(connection);
            var lists = await Task.WhenAll(registries.Where(r => r.IsPremium).Select(r => replicas.ListAsync(r, context))).ConfigureAwait(false);
            return lists.SelectMany(l => l).OrderBy(r => r.Id, StringComparer.OrdinalIgnoreCase).ToList();
        }
        var homes = rows.Where(r => IsType(r, RegistryType))
            .ToDictionary(r => (string?)r["id"] ?? "", r => (string?)r["location"] ?? "", StringComparer.OrdinalIgnoreCase);
        return rows.Where(r => IsType(r, ReplicaType)).Select(row =>
        {
            var id = (string?)row["id"] ?? "";
            var parent = id.Substring(0, Math.Max(0, id.LastIndexOf("/replications/", StringComparison.OrdinalIgnoreCase)));
            return AcrReplica.FromJson(row, homes.TryGetValue(parent, out var home) ? home : "");
        }).ToList();
    }

    static bool IsType(JsonObject row, string type) => string.Equals((string?)row["type"], type, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The rows of the given types through Resource Graph, every page; null when Resource Graph is not there to ask
    /// (the caller then lists through ARM). The query is the one shape the emulator's Resource Graph serves too.
    /// </summary>
    async Task<List<JsonObject>?> QueryAsync(IReadOnlyList<string>? subscriptions, IReadOnlyList<string> types, OperationContext context)
    {
        var query = "resources" +
                    $" | where type in~ ({string.Join(", ", types.Select(t => $"'{t}'"))})" +
                    $" | project {string.Join(", ", Columns)}" +
                    " | order by id asc";
        var path = ArmPath.Tenant.Provider("Microsoft.ResourceGraph", "resources");
        var rows = new List<JsonObject>();
        string? skipToken = null;
        do
        {
            var options = new JsonObject { ["$top"] = PageSize, ["resultFormat"] = "objectArray" };
            if (skipToken is not null) options["$skipToken"] = skipToken;
            var body = new JsonObject { ["query"] = query, ["options"] = options };
            // Without subscriptions Resource Graph answers for every subscription the caller can read.
            if (subscriptions is not null) body["subscriptions"] = new JsonArray(subscriptions.Select(s => (JsonNode)s).ToArray());
            var reply = await connection.Rest.SendAsync(RequestMethod.Post, path, ApiVersions.ResourceGraph, body, context).ConfigureAwait(false);
            if (rows.Count == 0 && IsUnavailable(reply))
            {
                context.Log($"Resource Graph is not available here ({reply.ErrorCode ?? "HTTP " + reply.Status}); listing through Azure Resource Manager.");
                return null;
            }
            if (!reply.IsSuccess) throw reply.ToException("Resource Graph");
            if (reply.Body?["data"] is JsonArray data)
                foreach (var row in data)
                    if (row is JsonObject value) rows.Add(value);
            skipToken = (string?)reply.Body?["$skipToken"];
        } while (skipToken is { Length: > 0 });
        return rows;
    }

    /// <summary>No Resource Graph provider at this endpoint (Azure Stack, a cloud without it): a 404 or ARM's "no such provider".</summary>
    static bool IsUnavailable(ArmReply reply) =>
        reply.Status is 404 or 501
        || reply.ErrorCode is "NoRegisteredProviderFound" or "InvalidResourceNamespace" or "InvalidResourceType" or "MissingSubscriptionRegistration";

    async Task<IReadOnlyList<string>> VisibleSubscriptionsAsync(OperationContext context)
    {
        var items = await connection.Rest.ListAsync(ArmPath.Tenant.Child("subscriptions"), ApiVersions.Subscriptions, context, "subscriptions")
            .ConfigureAwait(false);
        return items.Select(i => (string?)i["subscriptionId"]).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
    }

    async Task<IReadOnlyList<AcrRegistry>> ListRegistriesAsync(string subscription, OperationContext context)
    {
        var items = await connection.Rest.ListAsync(ArmPath.Subscription(subscription).Provider("Microsoft.ContainerRegistry", "registries"),
            ApiVersions.ContainerRegistry, context, subscription).ConfigureAwait(false);
        return items.Select(AcrRegistry.FromJson).ToList();
    }
}

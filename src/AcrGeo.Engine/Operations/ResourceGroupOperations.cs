using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using Azure.Core;

namespace AcrGeo.Operations;

/// <summary>Resource groups, only as far as a registry needs one to live in.</summary>
public sealed class ResourceGroupOperations
{
    readonly AcrGeoConnection connection;

    public ResourceGroupOperations(AcrGeoConnection connection) => this.connection = connection;

    /// <summary>The group's location, or ResourceGroupNotFound.</summary>
    public async Task<string> GetLocationAsync(string name, OperationContext context)
    {
        var reply = await connection.Rest.SendAsync(RequestMethod.Get, connection.SubscriptionPath.ResourceGroup(name),
            ApiVersions.Resources, null, context).ConfigureAwait(false);
        if (reply.Status == 404)
            throw new AcrGeoException(ErrorIds.ResourceGroupNotFound, AcrErrorCategory.ObjectNotFound,
                $"Resource group '{name}' does not exist in this subscription.", name);
        return reply.IsSuccess ? (string?)reply.Body?["location"] ?? "" : throw reply.ToException(name);
    }

    /// <summary>
    /// Makes sure the group exists: one GET, and a PUT only when it is missing, so an existing group (its tags,
    /// its location) is never touched. Returns the group's location.
    /// </summary>
    public async Task<string> EnsureAsync(string name, string location, OperationContext context)
    {
        var path = connection.SubscriptionPath.ResourceGroup(name);
        var existing = await connection.Rest.SendAsync(RequestMethod.Get, path, ApiVersions.Resources, null, context).ConfigureAwait(false);
        if (existing.IsSuccess) return (string?)existing.Body?["location"] ?? location;
        if (existing.Status != 404) throw existing.ToException(name);
        context.Log($"Creating resource group '{name}' in {location}.");
        var created = await connection.Rest.SendAsync(RequestMethod.Put, path, ApiVersions.Resources,
            new JsonObject { ["location"] = NameRules.Region(location) }, context).ConfigureAwait(false);
        return created.IsSuccess ? (string?)created.Body?["location"] ?? location : throw created.ToException(name);
    }
}

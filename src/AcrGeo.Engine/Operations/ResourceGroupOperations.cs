using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Input;
using Azure.Core;

namespace AcrGeo.Operations;

/// <summary>Resource groups, only as far as a registry, vault or container group needs one to live in.</summary>
public sealed class ResourceGroupOperations
{
    readonly AcrGeoConnection connection;

    public ResourceGroupOperations(AcrGeoConnection connection) => this.connection = connection;

    /// <summary>The group's location, or ResourceGroupNotFound.</summary>
    public async Task<string> GetLocationAsync(string name, OperationContext context) =>
        await FindLocationAsync(name, context).ConfigureAwait(false)
        ?? throw new AcrGeoException(ErrorIds.ResourceGroupNotFound, AcrErrorCategory.ObjectNotFound,
            $"Resource group '{name}' does not exist in this subscription.", name);

    /// <summary>The group's location, or null when there is no such group: a read only, so callers check it before any write.</summary>
    public async Task<string?> FindLocationAsync(string name, OperationContext context)
    {
        InputRules.ResourceGroupName(name);
        var reply = await connection.Rest.SendAsync(RequestMethod.Get, connection.SubscriptionPath.ResourceGroup(name),
            ApiVersions.Resources, null, context).ConfigureAwait(false);
        if (reply.Status == 404) return null;
        return reply.IsSuccess ? (string?)reply.Body?["location"] ?? "" : throw reply.ToException(name);
    }

    /// <summary>Creates a group the caller found missing; an existing group (its tags, its location) is never touched.</summary>
    internal async Task CreateAsync(string name, string region, ChangeJournal journal, OperationContext context)
    {
        var what = $"resource group '{name}' in {region}";
        context.Log($"Creating resource group '{name}' in {region}.");
        journal.Sent(what);
        var created = await connection.Rest.SendAsync(RequestMethod.Put, connection.SubscriptionPath.ResourceGroup(name), ApiVersions.Resources,
            new JsonObject { ["location"] = region }, context).ConfigureAwait(false);
        if (!created.IsSuccess) throw created.ToException(name);
        journal.Done($"created {what}", what);
    }
}

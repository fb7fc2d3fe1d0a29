using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Models;
using Azure.Core;

namespace AcrGeo.Operations;

/// <summary>What <see cref="RegistryOperations.CreateAsync"/> makes.</summary>
public sealed class RegistryRequest
{
    public string Name { get; init; } = "";
    public string ResourceGroupName { get; init; } = "";
    public string Location { get; init; } = "";
    public string Sku { get; init; } = "Premium";
    public bool AdminUserEnabled { get; init; }
    public bool ZoneRedundant { get; init; }
    public IDictionary<string, string>? Tags { get; init; }
}

/// <summary>What <see cref="RegistryOperations.UpdateAsync"/> changes; null leaves a field as it is.</summary>
public sealed class RegistryUpdate
{
    public string? Sku { get; init; }
    public bool? AdminUserEnabled { get; init; }
    public IDictionary<string, string>? Tags { get; init; }
    /// <summary>Premium only: a dedicated data endpoint per region (<c>{registry}.{region}.data.azurecr.io</c>).</summary>
    public bool? DataEndpointEnabled { get; init; }
    /// <summary>Premium only: Enabled or Disabled, the per-region endpoints <c>{registry}.{region}.geo.azurecr.io</c>.</summary>
    public string? RegionalEndpoints { get; init; }
}

/// <summary>Registries: find, list, create, change.</summary>
public sealed class RegistryOperations
{
    readonly AcrGeoConnection connection;

    public RegistryOperations(AcrGeoConnection connection) => this.connection = connection;

    ArmPath Path(string resourceGroup, string name) =>
        connection.SubscriptionPath.ResourceGroup(resourceGroup).Provider("Microsoft.ContainerRegistry", "registries", name);

    /// <summary>
    /// A registry by name. With a resource group: one GET. Without: one list of the subscription's registries,
    /// as registry names are globally unique.
    /// </summary>
    public async Task<AcrRegistry> GetAsync(string name, string? resourceGroupName, OperationContext context)
    {
        NameRules.Registry(name);
        if (resourceGroupName is null)
        {
            var all = await ListAsync(null, context).ConfigureAwait(false);
            return all.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                   ?? throw NotFound(name, null);
        }
        var reply = await connection.Rest.SendAsync(RequestMethod.Get, Path(resourceGroupName, name),
            ApiVersions.ContainerRegistry, null, context).ConfigureAwait(false);
        if (reply.Status == 404) throw NotFound(name, resourceGroupName, reply.ErrorCode == "ResourceGroupNotFound");
        return reply.IsSuccess ? AcrRegistry.FromJson(reply.Object) : throw reply.ToException(name);
    }

    public async Task<IReadOnlyList<AcrRegistry>> ListAsync(string? resourceGroupName, OperationContext context)
    {
        var path = resourceGroupName is null
            ? connection.SubscriptionPath.Provider("Microsoft.ContainerRegistry", "registries")
            : connection.SubscriptionPath.ResourceGroup(resourceGroupName).Provider("Microsoft.ContainerRegistry", "registries");
        try
        {
            var items = await connection.Rest.ListAsync(path, ApiVersions.ContainerRegistry, context, resourceGroupName).ConfigureAwait(false);
            return items.Select(AcrRegistry.FromJson).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
        catch (AcrGeoException e) when (e.ArmCode == "ResourceGroupNotFound")
        {
            throw GroupNotFound(resourceGroupName!, e);
        }
    }

    /// <summary>
    /// Creates a registry, or returns it unchanged when it already exists in that group (re-running converges).
    /// Name, SKU and region are checked before any request that changes anything.
    /// </summary>
    public async Task<AcrRegistry> CreateAsync(RegistryRequest request, OperationContext context)
    {
        NameRules.Registry(request.Name);
        var sku = NameRules.Sku(request.Sku);
        var region = await RequireRegionAsync(request.Location, context).ConfigureAwait(false);
        var path = Path(request.ResourceGroupName, request.Name);

        var existing = await connection.Rest.SendAsync(RequestMethod.Get, path, ApiVersions.ContainerRegistry, null, context).ConfigureAwait(false);
        if (existing.IsSuccess)
        {
            context.Log($"Registry '{request.Name}' already exists in '{request.ResourceGroupName}'; returning it unchanged.");
            return AcrRegistry.FromJson(existing.Object);
        }
        if (existing.ErrorCode == "ResourceGroupNotFound") throw GroupNotFound(request.ResourceGroupName, null);
        if (existing.Status != 404) throw existing.ToException(request.Name);

        var body = new JsonObject
        {
            ["location"] = region,
            ["sku"] = new JsonObject { ["name"] = sku },
            ["properties"] = new JsonObject
            {
                ["adminUserEnabled"] = request.AdminUserEnabled,
                ["zoneRedundancy"] = request.ZoneRedundant ? "Enabled" : "Disabled",
            },
        };
        if (request.Tags is not null) body["tags"] = ResourceIds.TagsJson(request.Tags);

        var progress = new ProgressReporter(context, 1, $"Creating registry {request.Name}");
        var reply = await connection.Rest.SendAsync(RequestMethod.Put, path, ApiVersions.ContainerRegistry, body, context).ConfigureAwait(false);
        if (reply.ErrorCode == "AlreadyInUse")
            throw new AcrGeoException(ErrorIds.RegistryNameNotAvailable, AcrErrorCategory.ResourceExists,
                $"The registry name '{request.Name}' is already taken ({request.Name.ToLowerInvariant()}{connection.Cloud.LoginServerSuffix} " +
                "is globally unique). Choose another name.", request.Name, armCode: reply.ErrorCode);
        if (reply.ErrorCode == "ResourceGroupNotFound") throw GroupNotFound(request.ResourceGroupName, null);
        var final = await LongRunning.CompleteAsync(connection.Rest, reply, RequestMethod.Put, path, ApiVersions.ContainerRegistry,
            connection.Settings.PollInterval, progress.Status, context, request.Name).ConfigureAwait(false);
        progress.Complete();
        return AcrRegistry.FromJson(final!);
    }

    /// <summary>
    /// Changes SKU, admin user or tags. A downgrade below Premium is refused while the registry has replicas,
    /// before anything is sent, naming the replicas to remove first.
    /// </summary>
    public async Task<AcrRegistry> UpdateAsync(AcrRegistry registry, RegistryUpdate update, OperationContext context)
    {
        var sku = update.Sku is null ? null : NameRules.Sku(update.Sku);
        var regionalEndpoints = update.RegionalEndpoints is null ? null : NameRules.EnabledOrDisabled(update.RegionalEndpoints, "-RegionalEndpoints");
        var premiumOnly = new[] { update.DataEndpointEnabled == true ? "-DataEndpointEnabled" : null, regionalEndpoints == "Enabled" ? "-RegionalEndpoints Enabled" : null }
            .Where(f => f is not null).ToList();
        if (premiumOnly.Count > 0 && (sku ?? registry.Sku) != "Premium")
            throw new AcrGeoException(ErrorIds.PremiumSkuRequired, AcrErrorCategory.InvalidOperation,
                $"{string.Join(" and ", premiumOnly)} need the Premium SKU; registry '{registry.Name}' is {sku ?? registry.Sku}. Add -Sku Premium.", registry);
        if (sku is not null && sku != "Premium" && registry.IsPremium)
        {
            var replicas = (await new ReplicaOperations(connection).ListAsync(registry, context).ConfigureAwait(false))
                .Where(r => !r.IsHome).ToList();
            if (replicas.Count > 0)
                throw new AcrGeoException(ErrorIds.SkuDowngradeWithReplicas, AcrErrorCategory.InvalidOperation,
                    $"Registry '{registry.Name}' has {replicas.Count} replica(s) ({string.Join(", ", replicas.Select(r => r.Location))}), " +
                    $"which only the Premium SKU supports. Remove them first (Get-AcrReplica -Registry {registry.Name} | " +
                    $"Where-Object {{ -not $_.IsHome }} | Remove-AcrReplica), then change the SKU to {sku}.", registry);
        }

        var body = new JsonObject();
        if (sku is not null) body["sku"] = new JsonObject { ["name"] = sku };
        if (update.Tags is not null) body["tags"] = ResourceIds.TagsJson(update.Tags);
        var properties = new JsonObject();
        if (update.AdminUserEnabled is { } admin) properties["adminUserEnabled"] = admin;
        if (update.DataEndpointEnabled is { } dataEndpoint) properties["dataEndpointEnabled"] = dataEndpoint;
        if (regionalEndpoints is not null) properties["regionalEndpoints"] = regionalEndpoints;
        if (properties.Count > 0) body["properties"] = properties;
        if (body.Count == 0) return registry;

        // regionalEndpoints exists only from its preview api-version on; older versions would drop it without a word.
        var version = regionalEndpoints is null ? ApiVersions.ContainerRegistry : ApiVersions.ContainerRegistryRegionalEndpoints;
        var path = registry.Path;
        var reply = await connection.Rest.SendAsync(RequestMethod.Patch, path, version, body, context).ConfigureAwait(false);
        var final = await LongRunning.CompleteAsync(connection.Rest, reply, RequestMethod.Patch, path, version,
            connection.Settings.PollInterval, null, context, registry).ConfigureAwait(false);
        return AcrRegistry.FromJson(final!);
    }

    async Task<string> RequireRegionAsync(string location, OperationContext context)
    {
        var name = NameRules.Region(location);
        var regions = await connection.Regions.GetAsync(context).ConfigureAwait(false);
        var region = regions.FirstOrDefault(r => r.Name == name)
                     ?? throw ReplicaOperations.UnknownRegion(new[] { location }, regions);
        return region.OffersReplicas ? region.Name : throw ReplicaOperations.UnavailableRegion(new[] { region.Name });
    }

    static AcrGeoException NotFound(string name, string? resourceGroup, bool groupMissing = false) =>
        groupMissing
            ? GroupNotFound(resourceGroup!, null)
            : new AcrGeoException(ErrorIds.RegistryNotFound, AcrErrorCategory.ObjectNotFound,
                resourceGroup is null
                    ? $"No registry named '{name}' was found in this subscription. Check the name, or the subscription given to Connect-AcrGeo."
                    : $"No registry named '{name}' was found in resource group '{resourceGroup}'.", name);

    static AcrGeoException GroupNotFound(string resourceGroup, Exception? inner) =>
        new(ErrorIds.ResourceGroupNotFound, AcrErrorCategory.ObjectNotFound,
            $"Resource group '{resourceGroup}' does not exist in this subscription.", resourceGroup, inner);
}

/// <summary>Reports one target's long-running operation as a progress bar of its own.</summary>
sealed class ProgressReporter
{
    readonly OperationContext context;
    readonly int activityId;
    readonly string activity;
    readonly DateTime started = DateTime.UtcNow;
    readonly int parent;

    public ProgressReporter(OperationContext context, int activityId, string activity, int parent = -1)
    {
        this.context = context;
        this.activityId = activityId;
        this.activity = activity;
        this.parent = parent;
        context.Report(new OperationProgress(activityId, activity, "Sending request", 0, parentActivityId: parent));
    }

    public void Status(string status) =>
        context.Report(new OperationProgress(activityId, activity,
            $"{status} ({(int)(DateTime.UtcNow - started).TotalSeconds} s)", -1, parentActivityId: parent));

    public void Complete() => context.Report(new OperationProgress(activityId, activity, "Done", 100, completed: true, parent));
}

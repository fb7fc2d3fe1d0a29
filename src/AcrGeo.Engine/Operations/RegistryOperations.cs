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
    /// <summary>Create the resource group in <see cref="Location"/> when it does not exist, after every other check.</summary>
    public bool CreateResourceGroup { get; init; }
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
        InputRules.RegistryName(name);
        if (resourceGroupName is not null) InputRules.ResourceGroupName(resourceGroupName);
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
        if (resourceGroupName is not null) InputRules.ResourceGroupName(resourceGroupName);
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
    /// Creates a registry, or returns it unchanged when it already exists in that group (re-running converges). Every
    /// check that needs no write comes first: the name, group, SKU, region and tags, the region's catalogue, the group
    /// (unless it is to be created) and whether the globally unique name is free. Only then the group (when asked) and
    /// the registry are created.
    /// </summary>
    public async Task<AcrRegistry> CreateAsync(RegistryRequest request, OperationContext context)
    {
        InputRules.RegistryName(request.Name);
        InputRules.ResourceGroupName(request.ResourceGroupName);
        var sku = InputRules.Sku(request.Sku);
        InputRules.Tags(request.Tags);
        var region = await RequireRegionAsync(request.Location, context).ConfigureAwait(false);
        var groups = new ResourceGroupOperations(connection);
        var groupLocation = await groups.FindLocationAsync(request.ResourceGroupName, context).ConfigureAwait(false);
        if (groupLocation is null && !request.CreateResourceGroup) throw GroupNotFound(request.ResourceGroupName, null);
        var path = Path(request.ResourceGroupName, request.Name);

        var failedBefore = false;
        if (groupLocation is not null)
        {
            var existing = await connection.Rest.SendAsync(RequestMethod.Get, path, ApiVersions.ContainerRegistry, null, context).ConfigureAwait(false);
            if (existing.IsSuccess && AcrRegistry.FromJson(existing.Object) is { ProvisioningState: not "Failed" })
            {
                // One an earlier, stopped run left Creating is waited for, as that run would have.
                context.Log($"Registry '{request.Name}' already exists in '{request.ResourceGroupName}'; returning it unchanged once it is provisioned.");
                return AcrRegistry.FromJson(await LongRunning.WhenProvisionedAsync(connection.Rest, path, ApiVersions.ContainerRegistry, existing.Object,
                    connection.Settings.PollInterval, context, request.Name, "Run the same New-AcrRegistry command again: it provisions it anew.")
                    .ConfigureAwait(false));
            }
            // A registry whose provisioning failed (an earlier run's) is sent again: ARM provisions it anew.
            failedBefore = existing.IsSuccess;
            if (!existing.IsSuccess && existing.Status != 404) throw existing.ToException(request.Name);
        }
        if (!failedBefore) await RequireNameAvailableAsync(request.Name, context).ConfigureAwait(false);

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

        return await ChangeJournal.RunAsync(context, $"Run the same New-AcrRegistry command again to finish; it keeps what exists.", async journal =>
        {
            if (groupLocation is null) await groups.CreateAsync(request.ResourceGroupName, region, journal, context).ConfigureAwait(false);
            var what = $"registry '{request.Name}' in resource group '{request.ResourceGroupName}'";
            var progress = new ProgressReporter(context, 1, $"Creating registry {request.Name}");
            journal.Sent(what);
            var final = await LongRunning.RunAsync(connection.Rest, RequestMethod.Put, path, ApiVersions.ContainerRegistry, body,
                connection.Settings.PollInterval, progress.Status, context, request.Name,
                refusal: reply => reply.ErrorCode switch
                {
                    "AlreadyInUse" => NameTaken(request.Name, reply.ErrorCode),
                    "ResourceGroupNotFound" => GroupNotFound(request.ResourceGroupName, null),
                    _ => null,
                }).ConfigureAwait(false);
            journal.Done($"created {what}", what);
            progress.Complete();
            return AcrRegistry.FromJson(final!);
        }).ConfigureAwait(false);
    }

    /// <summary>Registry names are global (the login server's DNS name): Microsoft.ContainerRegistry's checkNameAvailability says.</summary>
    async Task RequireNameAvailableAsync(string name, OperationContext context)
    {
        var reply = await connection.Rest.SendAsync(RequestMethod.Post,
            connection.SubscriptionPath.Provider("Microsoft.ContainerRegistry", "checkNameAvailability"), ApiVersions.ContainerRegistry,
            new JsonObject { ["name"] = name, ["type"] = "Microsoft.ContainerRegistry/registries" }, context).ConfigureAwait(false);
        if (!reply.IsSuccess) throw reply.ToException(name);
        if ((bool?)reply.Body?["nameAvailable"] == false) throw NameTaken(name, (string?)reply.Body?["reason"]);
    }

    AcrGeoException NameTaken(string name, string? code) =>
        new(ErrorIds.RegistryNameNotAvailable, AcrErrorCategory.ResourceExists,
            $"The registry name '{name}' is already taken ({name.ToLowerInvariant()}{connection.Cloud.LoginServerSuffix} is globally " +
            "unique). Choose another name.", name, armCode: code);

    /// <summary>
    /// Changes SKU, admin user or tags. A downgrade below Premium is refused while the registry has replicas,
    /// before anything is sent, naming the replicas to remove first.
    /// </summary>
    public async Task<AcrRegistry> UpdateAsync(AcrRegistry registry, RegistryUpdate update, OperationContext context)
    {
        var sku = update.Sku is null ? null : InputRules.Sku(update.Sku);
        var regionalEndpoints = update.RegionalEndpoints is null ? null : InputRules.EnabledOrDisabled(update.RegionalEndpoints, "-RegionalEndpoints");
        InputRules.Tags(update.Tags);
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
        return await ChangeJournal.RunAsync(context, $"Run the same Set-AcrRegistry command again to finish.", async journal =>
        {
            var what = $"the update of registry '{registry.Name}'";
            journal.Sent(what);
            var final = await LongRunning.RunAsync(connection.Rest, RequestMethod.Patch, registry.Path, version, body,
                connection.Settings.PollInterval, null, context, registry).ConfigureAwait(false);
            journal.Done($"updated registry '{registry.Name}'", what);
            return AcrRegistry.FromJson(final!);
        }).ConfigureAwait(false);
    }

    async Task<string> RequireRegionAsync(string location, OperationContext context)
    {
        var name = InputRules.RegionName(location);
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

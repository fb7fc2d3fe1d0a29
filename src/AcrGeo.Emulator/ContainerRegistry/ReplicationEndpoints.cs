using System.Text.Json.Nodes;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ContainerRegistry;

/// <summary>
/// Geo-replications. A registry's home region holds an implicit replica that is listed and readable but never
/// stored: it exists exactly as long as the registry does, and cannot be deleted on its own.
/// </summary>
static class ReplicationEndpoints
{
    public const string ReplicationType = RegistryEndpoints.RegistryType + "/replications";
    const string Replications = RegistryEndpoints.Registry + "/replications";
    const string Replication = Replications + "/{replication}";

    public const string PremiumOnly =
        "Replications are only supported for managed registries in Premium SKU.";

    public static void Map(WebApplication app, StateStore store, EmulatorSettings settings)
    {
        var versions = ApiVersions.ContainerRegistry("registries/replications");

        app.MapGet(Replications, (HttpContext ctx, string sub, string rg, string registry) => store.Read(state =>
        {
            var parent = RegistryEndpoints.Require(store, state, sub, rg, registry);
            var all = ReplicasOf(state, parent).OrderBy(r => r.CreatedAt)
                .Select(r => (JsonNode)Render(r, store.Now, RegistryContent.PendingUntil(state, parent, r.Location!, store.Now)));
            var home = Render(Home(parent), store.Now, RegistryContent.PendingUntil(state, parent, parent.Location!, store.Now));
            return ArmHttp.Page(ctx, all.Prepend(home), settings.PageSize);
        })).WithMetadata(versions);

        app.MapGet(Replication, (string sub, string rg, string registry, string replication) => store.Read(state =>
        {
            var parent = RegistryEndpoints.Require(store, state, sub, rg, registry);
            var replica = RequireReplica(state, parent, replication);
            return ArmHttp.Json(Render(replica, store.Now, RegistryContent.PendingUntil(state, parent, replica.Location!, store.Now)));
        })).WithMetadata(versions);

        app.MapPut(Replication, async (HttpContext ctx, string sub, string rg, string registry, string replication) =>
        {
            ValidateName(replication);
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var location = ArmHttp.ReadString(body, "location");
            var tags = ArmHttp.ReadTags(body);
            var properties = ArmHttp.ReadObject(body, "properties");
            var regionEndpointEnabled = ArmHttp.ReadBool(properties, "regionEndpointEnabled");
            var zoneRedundancy = properties?.ContainsKey("zoneRedundancy") == true ? ArmHttp.ReadString(properties, "zoneRedundancy") : null;
            if (zoneRedundancy is not (null or "Enabled" or "Disabled"))
                throw ArmException.BadRequest("InvalidParameter", "'zoneRedundancy' must be 'Enabled' or 'Disabled'.", "properties.zoneRedundancy");

            return store.Write(state =>
            {
                var parent = RegistryEndpoints.Require(store, state, sub, rg, registry);
                if (!RegistryEndpoints.IsPremium(parent))
                    throw ArmException.BadRequest("OperationNotAllowed",
                        $"{PremiumOnly} Registry '{parent.Name}' is {(string?)parent.Sku?["name"]}; upgrade it to Premium first.", "sku");
                var region = Regions.RequireForContainerRegistry(location, ReplicationType);
                var now = store.Now;

                var home = Home(parent);
                if (replication.Equals(home.Name, StringComparison.OrdinalIgnoreCase))
                {
                    // The home replica exists under this name; it cannot move, and must not be shadowed by a stored one.
                    if (region.Name != parent.Location)
                        throw ArmException.BadRequest("InvalidResourceLocation",
                            $"The resource '{home.Name}' already exists in location '{home.Location}' in resource group " +
                            $"'{parent.ResourceGroup}'. A resource with the same name cannot be created in location '{region.Name}'. " +
                            "Please select a new resource name.");
                    return ArmHttp.Json(Render(home, now, RegistryContent.PendingUntil(state, parent, home.Location!, now)));
                }

                var id = $"{parent.Id}/replications/{replication}";
                var existing = state.Find(id);
                var sameRegion = region.Name == parent.Location
                    ? home
                    : ReplicasOf(state, parent).FirstOrDefault(r => r.Location == region.Name && !r.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
                if (sameRegion is not null)
                    throw ArmException.Conflict("ReplicationAlreadyExists",
                        $"Registry '{parent.Name}' already has a replication in '{region.Name}' named '{sameRegion.Name}'. A registry " +
                        "holds at most one replication per region.");

                if (existing is not null)
                {
                    if (existing.Location != region.Name)
                        throw ArmException.BadRequest("InvalidResourceLocation",
                            $"The resource '{existing.Name}' already exists in location '{existing.Location}' in resource group " +
                            $"'{parent.ResourceGroup}'. A resource with the same name cannot be created in location '{region.Name}'. " +
                            "Please select a new resource name.");
                    if (existing.DeletingUntil is not null)
                        throw ArmException.Conflict("ReplicationBeingDeleted",
                            $"The replication '{existing.Name}' is being deleted; wait for the delete to finish, then create it again.");
                    if (zoneRedundancy is not null && zoneRedundancy != (string?)existing.Properties["zoneRedundancy"])
                        throw ArmException.BadRequest("ZoneRedundancyCannotBeUpdated",
                            "zoneRedundancy can be set only when a replication is created; delete the replication and create it again.",
                            "properties.zoneRedundancy");
                    if (tags is not null) existing.Tags = tags;
                    if (regionEndpointEnabled is { } enabled) existing.Properties["regionEndpointEnabled"] = enabled;
                    existing.ModifiedAt = now;
                    // Re-sending the same PUT is idempotent; a Failed replica is provisioned again.
                    var retry = existing.ProvisioningState(now) == "Failed";
                    var update = LongRunning.Start(ctx, state, id, "update", now,
                        retry ? settings.ProvisioningDelay : existing.ProvisionedAt > now ? existing.ProvisionedAt - now : TimeSpan.Zero);
                    if (retry)
                    {
                        existing.PendingState = "Updating";
                        existing.ProvisionedAt = update.CompletesAt;
                        existing.SyncedAt = update.CompletesAt + settings.SyncDelay;
                        existing.ProvisioningError = update.Error;
                    }
                    LongRunning.AddAsyncOperationHeaders(ctx, update, "replications", settings.RetryAfterSeconds);
                    return ArmHttp.Json(Render(existing, now, RegistryContent.PendingUntil(state, parent, existing.Location!, now)));
                }

                if (RecentlyDeleted(parent, region.Name, now) is { } clearsAt)
                {
                    ctx.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((clearsAt - now).TotalSeconds)).ToString();
                    throw ArmException.Conflict("ReplicationBeingDeleted",
                        $"A replication of registry '{parent.Name}' in '{region.Name}' was deleted moments ago and the region is still being " +
                        "cleaned up; create it again in a little while.");
                }

                var operation = LongRunning.Start(ctx, state, id, "create", now, settings.ProvisioningDelay);
                var created = new ResourceRecord
                {
                    Id = id,
                    Type = ReplicationType,
                    Name = replication,
                    Location = region.Name,
                    Tags = tags ?? new(),
                    CreatedAt = now,
                    ModifiedAt = now,
                    CreatedBy = ArmCoreEndpoints.Caller(ctx).AppId,
                    ProvisionedAt = operation.CompletesAt,
                    SyncedAt = operation.CompletesAt + settings.SyncDelay,
                    ProvisioningError = operation.Error,
                    Properties = new JsonObject
                    {
                        ["regionEndpointEnabled"] = regionEndpointEnabled ?? true,
                        ["zoneRedundancy"] = zoneRedundancy ?? "Disabled",
                    },
                };
                state.Resources[id] = created;
                LongRunning.AddAsyncOperationHeaders(ctx, operation, "replications", settings.RetryAfterSeconds);
                return ArmHttp.Json(Render(created, now), 201);
            });
        }).WithMetadata(versions);

        app.MapPatch(Replication, async (HttpContext ctx, string sub, string rg, string registry, string replication) =>
        {
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var properties = ArmHttp.ReadObject(body, "properties");
            var unsupported = body.Select(p => p.Key).Where(k => k is not ("tags" or "properties"))
                .Concat(properties?.Select(p => "properties." + p.Key).Where(k => k != "properties.regionEndpointEnabled") ?? [])
                .ToList();
            if (unsupported.Count > 0)
                throw ArmException.BadRequest("InvalidParameter",
                    $"An update of a replication can change only 'tags' and 'properties.regionEndpointEnabled'; '{string.Join("', '", unsupported)}' " +
                    "cannot be changed. To change zone redundancy or location, delete the replication and create it again.", unsupported[0]);
            var tags = ArmHttp.ReadTags(body);
            var regionEndpointEnabled = ArmHttp.ReadBool(properties, "regionEndpointEnabled");
            return store.Write(state =>
            {
                var parent = RegistryEndpoints.Require(store, state, sub, rg, registry);
                var replica = RequireReplica(state, parent, replication);
                if (replica.Id == Home(parent).Id)
                    throw ArmException.BadRequest("HomeReplicationCannotBeUpdated",
                        $"The replication '{replica.Name}' is the home region of registry '{parent.Name}'; change the registry instead.");
                if (replica.DeletingUntil is not null)
                    throw ArmException.Conflict("ReplicationBeingDeleted", $"The replication '{replica.Name}' is being deleted.");
                var now = store.Now;
                if (tags is not null) replica.Tags = tags;
                if (regionEndpointEnabled is { } enabled) replica.Properties["regionEndpointEnabled"] = enabled;
                replica.ModifiedAt = now;
                // ACR updates a replication asynchronously: 201, Updating, an operation to poll.
                var update = LongRunning.Start(ctx, state, replica.Id, "update", now, settings.ProvisioningDelay);
                replica.PendingState = "Updating";
                replica.ProvisionedAt = update.CompletesAt;
                replica.ProvisioningError = update.Error;
                LongRunning.AddAsyncOperationHeaders(ctx, update, "replications", settings.RetryAfterSeconds);
                return ArmHttp.Json(Render(replica, now, RegistryContent.PendingUntil(state, parent, replica.Location!, now)), 201);
            });
        }).WithMetadata(versions);

        app.MapDelete(Replication, (HttpContext ctx, string sub, string rg, string registry, string replication) => store.Write(state =>
        {
            var parent = RegistryEndpoints.Require(store, state, sub, rg, registry);
            if (replication.Equals(Home(parent).Name, StringComparison.OrdinalIgnoreCase))
                throw ArmException.BadRequest("HomeReplicationCannotBeDeleted",
                    $"The replication '{replication}' is in the home region of registry '{parent.Name}' and cannot be deleted. " +
                    "It goes only when the registry itself is deleted.");
            var replica = state.Find($"{parent.Id}/replications/{replication}");
            if (replica is not { Type: ReplicationType }) return Results.StatusCode(204);
            var started = RegistryEndpoints.StartDelete(ctx, state, replica, "replications", store.Now, settings);
            if (replica.DeletingUntil is { } gone) Tombstones(parent)[replica.Location!] = ArmHttp.Time(gone + settings.ReplicaRecreateDelay);
            return started;
        })).WithMetadata(versions);

        app.MapGet(Replication + "/operationStatuses/{operation}", (HttpContext ctx, string operation) =>
            store.Read(state => LongRunning.RegistryStatus(ctx, LongRunning.Find(state, operation), store.Now, settings.RetryAfterSeconds)))
            .WithMetadata(versions);
    }

    /// <summary>The stored (non-home) replicas of a registry.</summary>
    public static IEnumerable<ResourceRecord> ReplicasOf(EmulatorState state, ResourceRecord registry) =>
        state.ChildrenOf(registry.Id, ReplicationType);

    /// <summary>The home replica: named after the registry's region, present and ready as long as the registry is.</summary>
    public static ResourceRecord Home(ResourceRecord registry) => new()
    {
        Id = $"{registry.Id}/replications/{registry.Location}",
        Type = ReplicationType,
        Name = registry.Location!,
        Location = registry.Location,
        CreatedAt = registry.CreatedAt,
        ModifiedAt = registry.CreatedAt,
        CreatedBy = registry.CreatedBy,
        ProvisionedAt = registry.ProvisionedAt,
        SyncedAt = registry.ProvisionedAt,
        ProvisioningError = registry.ProvisioningError,
        Properties = new JsonObject { ["regionEndpointEnabled"] = true, ["zoneRedundancy"] = registry.Properties["zoneRedundancy"]?.DeepClone() },
    };

    /// <summary>Per region, until when a new replica is refused after the last one there was deleted (kept on the registry).</summary>
    static JsonObject Tombstones(ResourceRecord registry) =>
        registry.Private["replicationTombstones"] as JsonObject ?? (JsonObject)(registry.Private["replicationTombstones"] = new JsonObject());

    static DateTimeOffset? RecentlyDeleted(ResourceRecord registry, string region, DateTimeOffset now) =>
        registry.Private["replicationTombstones"]?[region] is { } until && DateTimeOffset.Parse((string)until!) is var at && at > now ? at : null;

    static ResourceRecord RequireReplica(EmulatorState state, ResourceRecord registry, string name)
    {
        var home = Home(registry);
        if (name.Equals(home.Name, StringComparison.OrdinalIgnoreCase)) return home;
        return state.Find($"{registry.Id}/replications/{name}") is { Type: ReplicationType } found
            ? found
            : throw ArmException.NotFound(ReplicationType, $"{registry.Name}/{name}", registry.ResourceGroup);
    }

    static void ValidateName(string name)
    {
        if (!RegistryEndpoints.RegistryName().IsMatch(name))
            throw ArmException.BadRequest("InvalidResourceName",
                $"Resource name '{name}' is invalid. Replication names may contain only alpha numeric characters and must be " +
                "between 5 and 50 characters; by convention a replication is named after its region.", "replicationName");
    }

    /// <summary>
    /// The replication as ARM returns it. It reports Syncing while its own initial sync runs and, after, while content
    /// pushed or imported in another region is still on its way to it (<paramref name="contentPendingUntil"/>).
    /// </summary>
    public static JsonObject Render(ResourceRecord replica, DateTimeOffset now, DateTimeOffset? contentPendingUntil = null)
    {
        var provisioning = replica.ProvisioningState(now);
        var syncedAt = contentPendingUntil > replica.SyncedAt ? contentPendingUntil.Value : replica.SyncedAt;
        // As ACR reports it: no display status while the replication is first created, Syncing then Ready with no message;
        // a message only to say why it failed.
        var (status, message) = provisioning switch
        {
            "Failed" => ("Failed", replica.ProvisioningError?.Message ?? "The replication failed."),
            "Creating" => (null, null),
            "Deleting" => ("Deleting", null),
            _ when now < syncedAt => ("Syncing", null),
            _ => ("Ready", (string?)null),
        };
        var statusJson = new JsonObject();
        if (status is not null) statusJson["displayStatus"] = status;
        if (message is not null) statusJson["message"] = message;
        statusJson["timestamp"] = ArmHttp.Time(now < syncedAt ? replica.ModifiedAt : syncedAt);
        return ArmHttp.Resource(replica, new JsonObject
        {
            ["provisioningState"] = provisioning,
            ["status"] = statusJson,
            ["regionEndpointEnabled"] = replica.Properties["regionEndpointEnabled"]?.DeepClone(),
            ["zoneRedundancy"] = replica.Properties["zoneRedundancy"]?.DeepClone(),
        });
    }
}

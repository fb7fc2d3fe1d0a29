using System.Net;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Admin;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.Identity;
using AcrGeo.Emulator.ManagedIdentity;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ContainerInstance;

/// <summary>
/// Microsoft.ContainerInstance container groups, with ACI's rules: the body is checked and every image is pulled (with the
/// group's registry credentials, from the registry replica in the group's region) before the PUT is accepted, so a bad
/// image, bad credentials or a missing pull role are refused at once with InaccessibleImage, as ACI does. An accepted
/// group runs as a long-running operation (Azure-AsyncOperation on a location-scoped operations URL).
/// </summary>
static class ContainerGroupEndpoints
{
    public const string Namespace = "Microsoft.ContainerInstance";
    public const string GroupType = Namespace + "/containerGroups";
    const string Groups = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerInstance/containerGroups";
    const string Group = Groups + "/{group}";

    public static void Map(WebApplication app, StateStore store, EmulatorSettings settings, TokenService tokens, PullLog pullLog)
    {
        var versions = ApiVersions.ContainerInstance("containerGroups");
        var pulls = new ImagePullCheck(store, tokens, settings, pullLog);

        app.MapGet("/subscriptions/{sub}/providers/Microsoft.ContainerInstance/containerGroups", (HttpContext ctx, string sub) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Read(state => ArmHttp.Page(ctx, state.Resources.Values
                .Where(r => r.Type == GroupType && ArmIds.SubscriptionOf(r.Id).Equals(sub, StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.Id, StringComparer.OrdinalIgnoreCase)
                .Select(r => (JsonNode)ContainerGroupView.Render(r, store.Now, instanceView: false)), settings.PageSize));
        }).WithMetadata(versions);

        app.MapGet(Groups, (HttpContext ctx, string sub, string rg) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Read(state =>
            {
                var group = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
                return ArmHttp.Page(ctx, state.ChildrenOf(group.Id, GroupType)
                    .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                    .Select(r => (JsonNode)ContainerGroupView.Render(r, store.Now, instanceView: false)), settings.PageSize);
            });
        }).WithMetadata(versions);

        app.MapGet(Group, (string sub, string rg, string group) =>
            store.Read(state => ArmHttp.Json(ContainerGroupView.Render(Require(store, state, sub, rg, group), store.Now))))
            .WithMetadata(versions);

        app.MapPut(Group, async (HttpContext ctx, string sub, string rg, string group) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            ContainerGroupDefinition.ValidateName(group);
            var definition = ContainerGroupDefinition.Read(await ArmHttp.ReadObjectAsync(ctx), group);
            var region = Regions.RequireForContainerRegistry(definition.Location, GroupType);
            definition.RequireCapacity(region.Name);

            store.Read(state =>
            {
                CheckPlacement(state, sub, rg, definition, region.Name);
                // The identities are assigned before the images are pulled: one that does not exist fails the request first.
                if (definition.Identity is { } assigned)
                    UserAssignedIdentities.Attach(state, ArmIds.Provider(sub, rg, Namespace) + "/containerGroups/" + group, assigned);
                return true;
            });
            // Pulled before anything is stored: a group whose images cannot be pulled is refused, not created.
            var digests = pulls.Pull(group, region.Name, definition.Containers, definition.Credentials);

            return store.Write(state =>
            {
                var existing = CheckPlacement(state, sub, rg, definition, region.Name);
                var now = store.Now;
                var resourceGroup = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
                var id = $"{resourceGroup.Id}/providers/{Namespace}/containerGroups/{group}";
                var record = existing ?? new ResourceRecord
                {
                    Id = id,
                    Type = GroupType,
                    Name = group,
                    Location = region.Name,
                    CreatedAt = now,
                    CreatedBy = ArmCoreEndpoints.Caller(ctx).AppId,
                };
                var principalId = (string?)existing?.Private["identity"]?["principalId"];
                record.Tags = definition.Tags ?? (existing is null ? new() : existing.Tags);
                record.Properties = definition.Properties;
                record.Private = new JsonObject { ["secrets"] = definition.Secrets };
                if (definition.Identity is { } identity)
                {
                    if (identity["type"]!.ToString().StartsWith("SystemAssigned", StringComparison.Ordinal))
                    {
                        identity["principalId"] = principalId ?? Guid.NewGuid().ToString();
                        identity["tenantId"] = state.Identity.TenantId;
                    }
                    record.Private["identity"] = identity;
                }
                record.ModifiedAt = now;

                var operation = LongRunning.Start(ctx, state, id, existing is null ? "create" : "update", now, settings.ProvisioningDelay);
                ContainerGroupView.StartRun(record, now, operation.CompletesAt, digests, operation.Error);
                state.Resources[id] = record;
                AddAsyncOperationHeader(ctx, operation, region.Name, settings);
                return ArmHttp.Json(ContainerGroupView.Render(record, now), existing is null ? 201 : 200);
            });
        }).WithMetadata(versions);

        // ACI deletes at once and answers with the group as it was; a group that is not there is 204.
        app.MapDelete(Group, (string sub, string rg, string group) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Write(state =>
            {
                var resourceGroup = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
                if (state.Find($"{resourceGroup.Id}/providers/{Namespace}/containerGroups/{group}") is not { Type: GroupType } existing)
                    return Results.StatusCode(204);
                var body = ContainerGroupView.Render(existing, store.Now);
                state.Resources.Remove(existing.Id);
                return ArmHttp.Json(body);
            });
        }).WithMetadata(versions);

        app.MapPost(Group + "/stop", (string sub, string rg, string group) => store.Write(state =>
        {
            var existing = Require(store, state, sub, rg, group);
            if (!ContainerGroupView.IsStopped(existing)) ContainerGroupView.Stop(existing, store.Now);
            return Results.StatusCode(204);
        })).WithMetadata(versions);

        // Start and restart run the group again, and so pull its images again: credentials that expired or lost their role
        // since the group was made fail here.
        app.MapPost(Group + "/start", (HttpContext ctx, string sub, string rg, string group) =>
        {
            // Only a group that runs has nothing to start; a stopped one, or one whose last run failed, runs again.
            var runs = store.Read(state =>
            {
                var existing = Require(store, state, sub, rg, group);
                return !ContainerGroupView.IsStopped(existing) && existing.ProvisioningError is null;
            });
            if (runs) return Results.StatusCode(204);
            return Rerun(ctx, store, settings, pulls, sub, rg, group, status: 202);
        }).WithMetadata(versions);

        app.MapPost(Group + "/restart", (HttpContext ctx, string sub, string rg, string group) =>
            Rerun(ctx, store, settings, pulls, sub, rg, group, status: 204)).WithMetadata(versions);

        app.MapGet(Group + "/containers/{container}/logs", (HttpContext ctx, string sub, string rg, string group, string container) =>
            store.Read(state =>
            {
                var existing = Require(store, state, sub, rg, group);
                if (!((JsonArray)existing.Properties["containers"]!).Any(c => (string?)c!["name"] == container))
                    throw new ArmException(HttpStatusCode.NotFound, "ContainerNotFound",
                        $"The container '{container}' is not found in container group '{existing.Name}'.");
                int? tail = int.TryParse(ctx.Request.Query["tail"], out var t) ? t : null;
                var timestamps = bool.TryParse(ctx.Request.Query["timestamps"], out var s) && s;
                return ArmHttp.Json(new JsonObject { ["content"] = ContainerGroupView.Logs(existing, container, store.Now, tail, timestamps) });
            })).WithMetadata(versions);

        app.MapGet("/subscriptions/{sub}/providers/Microsoft.ContainerInstance/locations/{location}/operations/{operation}",
            (HttpContext ctx, string sub, string operation) =>
            {
                ArmCoreEndpoints.RequireSubscription(store, sub);
                return store.Read(state => LongRunning.ContainerGroupStatus(ctx, LongRunning.Find(state, operation), store.Now, settings.RetryAfterSeconds));
            }).WithMetadata(versions);
    }

    /// <summary>The group, checking subscription and resource group first as ARM does.</summary>
    static ResourceRecord Require(StateStore store, EmulatorState state, string sub, string rg, string group)
    {
        ArmCoreEndpoints.RequireSubscription(store, sub);
        var resourceGroup = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
        // ACI's own code and wording for a missing group, not ARM's ResourceNotFound.
        return state.Find($"{resourceGroup.Id}/providers/{Namespace}/containerGroups/{group}") is { Type: GroupType } found
            ? found
            : throw new ArmException(HttpStatusCode.NotFound, "ContainerGroupNotFound", $"The container group '{group}' does not exist.");
    }

    /// <summary>
    /// Where the group may go: its resource group must exist, an existing group keeps its location and the settings ACI
    /// cannot change in place, and a DNS name label belongs to one group per region. Returns the existing group, if any.
    /// </summary>
    static ResourceRecord? CheckPlacement(EmulatorState state, string sub, string rg, ContainerGroupDefinition definition, string region)
    {
        var resourceGroup = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
        var id = $"{resourceGroup.Id}/providers/{Namespace}/containerGroups/{definition.Name}";
        var existing = state.Find(id) is { Type: GroupType } found ? found : null;
        if (existing is not null)
        {
            if (existing.Location != region)
                throw ArmException.BadRequest("InvalidResourceLocation",
                    $"The resource '{existing.Name}' already exists in location '{existing.Location}' in resource group " +
                    $"'{resourceGroup.Name}'. A resource with the same name cannot be created in location '{region}'. " +
                    "Please select a new resource name.");
            if (ChangesInPlaceOnlySettings(existing, definition))
                throw ArmException.BadRequest("ContainerGroupUpdateInvalid",
                    $"The updates on container group '{existing.Name}' are invalid. If you are going to update the os type, restart " +
                    "policy, network profile, CPU, memory or GPU resources for a container group, you must delete it first and then " +
                    "create a new one.");
        }
        if (definition.DnsNameLabel is { } label)
        {
            var holder = state.Resources.Values.FirstOrDefault(r => r.Type == GroupType && r.Location == region
                && !r.Id.Equals(id, StringComparison.OrdinalIgnoreCase)
                && string.Equals((string?)r.Properties["ipAddress"]?["dnsNameLabel"], label, StringComparison.OrdinalIgnoreCase));
            if (holder is not null)
                throw ArmException.BadRequest("DnsNameLabelAlreadyTaken",
                    $"The DNS name label '{label}' in container group '{definition.Name}' is not available. Try using a different label.");
        }
        return existing;
    }

    static bool ChangesInPlaceOnlySettings(ResourceRecord existing, ContainerGroupDefinition definition)
    {
        if ((string?)existing.Properties["osType"] != definition.OsType
            || (string?)existing.Properties["restartPolicy"] != definition.RestartPolicy)
            return true;
        var before = ((JsonArray)existing.Properties["containers"]!)
            .ToDictionary(c => (string)c!["name"]!, c => c!["properties"]!["resources"]!.ToJsonString());
        var after = ((JsonArray)definition.Properties["containers"]!)
            .ToDictionary(c => (string)c!["name"]!, c => c!["properties"]!["resources"]!.ToJsonString());
        return before.Any(b => after.TryGetValue(b.Key, out var a) && a != b.Value);
    }

    /// <summary>Runs a stored group again (start, restart): its images are pulled again with its stored credentials.</summary>
    static IResult Rerun(HttpContext ctx, StateStore store, EmulatorSettings settings, ImagePullCheck pulls, string sub, string rg,
        string group, int status)
    {
        var (name, region, containers, credentials) = store.Read(state =>
        {
            var existing = Require(store, state, sub, rg, group);
            return (existing.Name, existing.Location!, StoredContainers(existing), StoredCredentials(existing));
        });
        var digests = pulls.Pull(name, region, containers, credentials);
        return store.Write(state =>
        {
            var existing = Require(store, state, sub, rg, group);
            var now = store.Now;
            var operation = LongRunning.Start(ctx, state, existing.Id, "start", now, settings.ProvisioningDelay);
            ContainerGroupView.StartRun(existing, now, operation.CompletesAt, digests, operation.Error);
            existing.ModifiedAt = now;
            if (status == 202) AddAsyncOperationHeader(ctx, operation, existing.Location!, settings);
            return Results.StatusCode(status);
        });
    }

    static List<ContainerDefinition> StoredContainers(ResourceRecord group) =>
        ((JsonArray)group.Properties["containers"]!).Select(c =>
        {
            var requests = c!["properties"]!["resources"]!["requests"]!;
            return new ContainerDefinition((string)c["name"]!, (string)c["properties"]!["image"]!,
                Number(requests["cpu"]!), Number(requests["memoryInGB"]!));
        }).ToList();

    static double Number(JsonNode node) => double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    static List<RegistryCredential> StoredCredentials(ResourceRecord group)
    {
        var passwords = group.Private["secrets"]?["registryPasswords"] as JsonObject;
        return ((JsonArray?)group.Properties["imageRegistryCredentials"] ?? []).Select(c =>
        {
            var server = (string)c!["server"]!;
            return new RegistryCredential(server, (string?)c["username"], (string?)passwords?[server.ToLowerInvariant()], (string?)c["identity"]);
        }).ToList();
    }

    /// <summary>ACI's operations URL: subscription-scoped, by the group's location.</summary>
    static void AddAsyncOperationHeader(HttpContext ctx, OperationRecord operation, string location, EmulatorSettings settings)
    {
        ctx.Response.Headers["Azure-AsyncOperation"] =
            $"{ArmHttp.BaseUrl(ctx)}/subscriptions/{ArmIds.SubscriptionOf(operation.ResourceId)}/providers/{Namespace}/locations/{location}" +
            $"/operations/{operation.Id}?api-version={ArmHttp.ApiVersion(ctx)}";
        ctx.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString();
    }
}

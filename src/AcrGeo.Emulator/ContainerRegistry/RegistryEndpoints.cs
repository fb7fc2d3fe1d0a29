using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ContainerRegistry;

/// <summary>Microsoft.ContainerRegistry registries, with the rules the real service applies.</summary>
static partial class RegistryEndpoints
{
    public const string Namespace = "Microsoft.ContainerRegistry";
    public const string RegistryType = Namespace + "/registries";
    public const string Registries = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries";
    public const string Registry = Registries + "/{registry}";
    static readonly string[] Skus = ["Basic", "Standard", "Premium"];

    public static void Map(WebApplication app, StateStore store, EmulatorSettings settings)
    {
        var versions = ApiVersions.ContainerRegistry("registries");

        app.MapPost("/subscriptions/{sub}/providers/Microsoft.ContainerRegistry/checkNameAvailability", async (HttpContext ctx, string sub) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var name = ArmHttp.ReadString(body, "name") ?? "";
            return store.Read(state => ArmHttp.Json(
                !RegistryName().IsMatch(name)
                    ? new JsonObject { ["nameAvailable"] = false, ["reason"] = "Invalid", ["message"] = NameRule }
                    : FindByName(state, name) is not null
                        ? new JsonObject { ["nameAvailable"] = false, ["reason"] = "AlreadyExists", ["message"] = NameTaken(name) }
                        : new JsonObject { ["nameAvailable"] = true }));
        }).WithMetadata(versions);

        app.MapGet("/subscriptions/{sub}/providers/Microsoft.ContainerRegistry/registries", (HttpContext ctx, string sub) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Read(state => ArmHttp.Page(ctx, state.Resources.Values
                .Where(r => r.Type == RegistryType && ArmIds.SubscriptionOf(r.Id) == sub)
                .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                .Select(r => (JsonNode)Render(r, store.Now, ArmHttp.ApiVersion(ctx), state)), settings.PageSize));
        }).WithMetadata(versions);

        app.MapGet(Registries, (HttpContext ctx, string sub, string rg) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Read(state =>
            {
                var group = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
                return ArmHttp.Page(ctx, state.ChildrenOf(group.Id, RegistryType)
                    .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                    .Select(r => (JsonNode)Render(r, store.Now, ArmHttp.ApiVersion(ctx), state)), settings.PageSize);
            });
        }).WithMetadata(versions);

        app.MapGet(Registry, (HttpContext ctx, string sub, string rg, string registry) =>
            store.Read(state => ArmHttp.Json(Render(Require(store, state, sub, rg, registry), store.Now, ArmHttp.ApiVersion(ctx), state))))
            .WithMetadata(versions);

        app.MapPut(Registry, async (HttpContext ctx, string sub, string rg, string registry) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            if (!RegistryName().IsMatch(registry))
                throw ArmException.BadRequest("InvalidResourceName", $"Resource name '{registry}' is invalid. {NameRule}", "registryName");
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var region = Regions.RequireForContainerRegistry(ArmHttp.ReadString(body, "location"), RegistryType);
            var sku = ReadSku(body) ?? throw ArmException.BadRequest("InvalidSku",
                $"The 'sku' property is required. Valid SKUs are {string.Join(", ", Skus)}.", "sku");
            var tags = ArmHttp.ReadTags(body);
            var properties = ArmHttp.ReadObject(body, "properties");
            var regional = RegistryEndpointSettings.ReadRegional(ctx, properties);

            return store.Write(state =>
            {
                var group = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
                var id = $"{group.Id}/providers/{Namespace}/registries/{registry}";
                var existing = state.Find(id);
                if (existing is null && FindByName(state, registry) is not null)
                    throw ArmException.Conflict("AlreadyInUse", NameTaken(registry));
                if (existing is not null)
                {
                    if (existing.Location != region.Name)
                        throw ArmException.BadRequest("InvalidResourceLocation",
                            $"The resource '{existing.Name}' already exists in location '{existing.Location}' in resource group " +
                            $"'{group.Name}'. A resource with the same name cannot be created in location '{region.Name}'. " +
                            "Please select a new resource name.");
                    ApplyUpdate(state, existing, sku, tags, properties, regional, store.Now);
                    return ArmHttp.Json(Render(existing, store.Now, ArmHttp.ApiVersion(ctx), state));
                }

                var now = store.Now;
                var created = new ResourceRecord
                {
                    Id = id,
                    Type = RegistryType,
                    Name = registry,
                    Location = region.Name,
                    Tags = tags ?? new(),
                    Sku = SkuJson(sku),
                    CreatedAt = now,
                    ModifiedAt = now,
                    CreatedBy = ArmCoreEndpoints.Caller(ctx).AppId,
                    Properties = new JsonObject
                    {
                        ["adminUserEnabled"] = ArmHttp.ReadBool(properties, "adminUserEnabled") ?? false,
                        ["zoneRedundancy"] = ReadEnabled(properties, "zoneRedundancy") ?? "Disabled",
                        ["publicNetworkAccess"] = ReadEnabled(properties, "publicNetworkAccess") ?? "Enabled",
                        ["anonymousPullEnabled"] = ArmHttp.ReadBool(properties, "anonymousPullEnabled") ?? false,
                        ["dataEndpointEnabled"] = false,
                        ["policies"] = Policies(DefaultPolicies(now), ArmHttp.ReadObject(properties ?? [], "policies"), now),
                    },
                    Private = new JsonObject
                    {
                        ["password"] = State.EmulatorIdentity.NewSecret(),
                        ["password2"] = State.EmulatorIdentity.NewSecret(),
                    },
                };
                RegistryEndpointSettings.Apply(created, ArmHttp.ReadBool(properties, "dataEndpointEnabled"), regional, sku);
                var operation = LongRunning.Start(ctx, state, id, "create", now, settings.ProvisioningDelay);
                created.ProvisionedAt = operation.CompletesAt;
                created.SyncedAt = operation.CompletesAt;
                created.ProvisioningError = operation.Error;
                state.Resources[id] = created;
                LongRunning.AddAsyncOperationHeaders(ctx, operation, "registries", settings.RetryAfterSeconds);
                return ArmHttp.Json(Render(created, now, ArmHttp.ApiVersion(ctx), state), 201);
            });
        }).WithMetadata(versions);

        app.MapPatch(Registry, async (HttpContext ctx, string sub, string rg, string registry) =>
        {
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var sku = ReadSku(body);
            var tags = ArmHttp.ReadTags(body);
            var properties = ArmHttp.ReadObject(body, "properties");
            var regional = RegistryEndpointSettings.ReadRegional(ctx, properties);
            return store.Write(state =>
            {
                var existing = Require(store, state, sub, rg, registry);
                ApplyUpdate(state, existing, sku, tags, properties, regional, store.Now);
                return ArmHttp.Json(Render(existing, store.Now, ArmHttp.ApiVersion(ctx), state));
            });
        }).WithMetadata(versions);

        app.MapDelete(Registry, (HttpContext ctx, string sub, string rg, string registry) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Write(state =>
            {
                ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
                var existing = state.Find($"{ArmIds.Provider(sub, rg, Namespace)}/registries/{registry}");
                if (existing is not { Type: RegistryType }) return Results.StatusCode(204);
                StartDelete(ctx, state, existing, "registries", store.Now, settings);
                // ACR answers a registry delete with the registry, Deleting, beside the Location to poll.
                return ArmHttp.Json(Render(existing, store.Now, ArmHttp.ApiVersion(ctx)), 202);
            });
        }).WithMetadata(versions);

        app.MapPost(Registry + "/listCredentials", (string sub, string rg, string registry) => store.Read(state =>
        {
            var existing = Require(store, state, sub, rg, registry);
            if (ArmHttp.ReadBool(existing.Properties, "adminUserEnabled") != true)
                throw ArmException.BadRequest("AdminUserDisabled",
                    $"The admin user is disabled for registry '{existing.Name}'. Enable it with adminUserEnabled, or use a " +
                    "service principal or token with a pull role instead.");
            return ArmHttp.Json(CredentialsJson(existing));
        })).WithMetadata(versions);

        app.MapPost(Registry + "/regenerateCredential", async (HttpContext ctx, string sub, string rg, string registry) =>
        {
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var which = ArmHttp.ReadString(body, "name");
            if (which is not ("password" or "password2"))
                throw ArmException.BadRequest("InvalidPasswordName", "'name' must be 'password' or 'password2'.", "name");
            return store.Write(state =>
            {
                var existing = Require(store, state, sub, rg, registry);
                existing.Private[which] = State.EmulatorIdentity.NewSecret();
                return ArmHttp.Json(CredentialsJson(existing));
            });
        }).WithMetadata(versions);

        app.MapGet(Registry + "/listUsages", (string sub, string rg, string registry) => store.Read(state =>
        {
            var existing = Require(store, state, sub, rg, registry);
            return ArmHttp.Json(new JsonObject { ["value"] = Usages(state, existing) });
        })).WithMetadata(versions);

        app.MapGet(Registry + "/operationStatuses/{operation}", (HttpContext ctx, string operation) =>
            store.Read(state => LongRunning.RegistryStatus(ctx, LongRunning.Find(state, operation), store.Now, settings.RetryAfterSeconds)))
            .WithMetadata(versions);

        app.MapGet("/subscriptions/{sub}/providers/Microsoft.ContainerRegistry/locations/{location}/operationResults/{operation}",
            (HttpContext ctx, string sub, string operation) =>
            {
                ArmCoreEndpoints.RequireSubscription(store, sub);
                return store.Read(state => LongRunning.Result(ctx, LongRunning.Find(state, operation), store.Now, settings.RetryAfterSeconds));
            }).WithMetadata(versions);

        ReplicationEndpoints.Map(app, store, settings);
        WebhookEndpoints.Map(app, store, settings);
    }

    public const string NameRule = "Registry names may contain only alpha numeric characters and must be between 5 and 50 characters.";

    [GeneratedRegex("^[a-zA-Z0-9]{5,50}$")]
    public static partial Regex RegistryName();

    /// <summary>The registry, checking subscription and resource group first as ARM does.</summary>
    public static ResourceRecord Require(StateStore store, EmulatorState state, string sub, string rg, string registry)
    {
        ArmCoreEndpoints.RequireSubscription(store, sub);
        var group = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
        return state.Find($"{group.Id}/providers/{Namespace}/registries/{registry}") is { Type: RegistryType } found
            ? found
            : throw ArmException.NotFound(RegistryType, registry, group.Name);
    }

    /// <summary>Starts a delete: 202 with a Location to poll; the resource reports Deleting until it is gone.</summary>
    public static IResult StartDelete(HttpContext ctx, EmulatorState state, ResourceRecord resource, string prefix,
        DateTimeOffset now, EmulatorSettings settings)
    {
        var operation = LongRunning.Start(ctx, state, resource.Id, "delete", now, settings.ProvisioningDelay);
        if (operation.Error is null) resource.DeletingUntil ??= operation.CompletesAt;
        LongRunning.AddLocationHeaders(ctx, operation, Namespace, resource.Location ?? "global", prefix, settings.RetryAfterSeconds);
        return Results.StatusCode(202);
    }

    /// <summary>The registry's usages against its SKU's limits, in ACR's order; Premium adds geo-replication and networking.</summary>
    static JsonArray Usages(EmulatorState state, ResourceRecord registry)
    {
        var sku = (string?)registry.Sku?["name"];
        var (size, webhooks, scopeMaps) = sku switch
        {
            "Basic" => (10L * 1024 * 1024 * 1024, 2, 100),
            "Standard" => (100L * 1024 * 1024 * 1024, 10, 500),
            _ => (500L * 1024 * 1024 * 1024, 500, 50000),
        };
        JsonObject Usage(string name, long limit, long current, string unit) =>
            new() { ["name"] = name, ["limit"] = limit, ["currentValue"] = current, ["unit"] = unit };
        var usages = new JsonArray
        {
            Usage("Size", size, RegistryContent.StoredBytes(registry), "Bytes"),
            Usage("Webhooks", webhooks, state.ChildrenOf(registry.Id, WebhookEndpoints.WebhookType).Count(), "Count"),
        };
        if (sku == "Premium")
        {
            usages.Add(Usage("Geo-replications", -1, ReplicationEndpoints.ReplicasOf(state, registry).Count(), "Count"));
            usages.Add(Usage("IPRules", 100, 0, "Count"));
            usages.Add(Usage("VNetRules", 100, 0, "Count"));
            usages.Add(Usage("PrivateEndpointConnections", 200, 0, "Count"));
        }
        usages.Add(Usage("ScopeMaps", scopeMaps, 0, "Count"));
        usages.Add(Usage("Tokens", scopeMaps, 0, "Count"));
        return usages;
    }

    public static bool IsPremium(ResourceRecord registry) => (string?)registry.Sku?["name"] == "Premium";

    static ResourceRecord? FindByName(EmulatorState state, string name) =>
        state.Resources.Values.FirstOrDefault(r => r.Type == RegistryType && r.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    static string NameTaken(string name) =>
        $"The registry DNS name {name.ToLowerInvariant()}.azurecr.io is already in use. You can check if the name is already " +
        "claimed using following API: https://docs.microsoft.com/en-us/rest/api/containerregistry/registries/checknameavailability";

    static string? ReadSku(JsonObject body)
    {
        var sku = ArmHttp.ReadObject(body, "sku");
        if (sku is null) return null;
        var name = ArmHttp.ReadString(sku, "name");
        return Skus.FirstOrDefault(s => s.Equals(name, StringComparison.OrdinalIgnoreCase))
               ?? throw ArmException.BadRequest("InvalidSku",
                   $"The SKU '{name}' is not valid. Valid SKUs are {string.Join(", ", Skus)}; the Classic SKU is retired.", "sku.name");
    }

    static string? ReadEnabled(JsonObject? properties, string name)
    {
        if (properties is null || !properties.ContainsKey(name)) return null;
        var value = ArmHttp.ReadString(properties, name);
        return value is "Enabled" or "Disabled"
            ? value
            : throw ArmException.BadRequest("InvalidParameter", $"'{name}' must be 'Enabled' or 'Disabled'.", $"properties.{name}");
    }

    static JsonObject SkuJson(string sku) => new() { ["name"] = sku, ["tier"] = sku };

    /// <summary>A PUT over an existing registry or a PATCH: SKU, tags and the mutable properties.</summary>
    static void ApplyUpdate(EmulatorState state, ResourceRecord registry, string? sku, Dictionary<string, string>? tags,
        JsonObject? properties, string? regionalEndpoints, DateTimeOffset now)
    {
        if (registry.DeletingUntil is not null)
            throw ArmException.Conflict("RegistryBeingDeleted", $"The registry '{registry.Name}' is being deleted.");
        if (sku is not null && sku != "Premium" && IsPremium(registry))
        {
            var replicas = ReplicationEndpoints.ReplicasOf(state, registry).Count();
            if (replicas > 0)
                throw ArmException.BadRequest("OperationNotAllowed",
                    $"Cannot change the SKU of registry '{registry.Name}' from Premium to {sku}: it has {replicas} geo-replication(s), " +
                    "which only the Premium SKU supports. Delete the replications first, then change the SKU.", "sku.name");
        }
        if (properties is not null && properties.ContainsKey("zoneRedundancy")
            && ReadEnabled(properties, "zoneRedundancy") != (string?)registry.Properties["zoneRedundancy"])
            throw ArmException.BadRequest("ZoneRedundancyCannotBeUpdated",
                "zoneRedundancy can be set only when a registry is created.", "properties.zoneRedundancy");
        RegistryEndpointSettings.Apply(registry, ArmHttp.ReadBool(properties, "dataEndpointEnabled"), regionalEndpoints,
            sku ?? (string?)registry.Sku?["name"] ?? "");
        if (sku is not null) registry.Sku = SkuJson(sku);
        if (tags is not null) registry.Tags = tags;
        foreach (var flag in new[] { "adminUserEnabled", "anonymousPullEnabled" })
            if (ArmHttp.ReadBool(properties, flag) is { } value) registry.Properties[flag] = value;
        if (ReadEnabled(properties, "publicNetworkAccess") is { } access) registry.Properties["publicNetworkAccess"] = access;
        if (ArmHttp.ReadObject(properties ?? [], "policies") is { } policies)
            registry.Properties["policies"] = Policies(registry.Properties["policies"] as JsonObject ?? DefaultPolicies(registry.CreatedAt), policies, now);
        registry.ModifiedAt = now;
    }

    /// <summary>
    /// The registry as ACR returns it. Premium registries carry their network rule set; roleAssignmentMode exists from the
    /// api-versions of 2025 on, and is left out of older versions' answers as ACR leaves it out. With the state, its
    /// endpoint host names too.
    /// </summary>
    public static JsonObject Render(ResourceRecord registry, DateTimeOffset now, string? apiVersion = null, EmulatorState? state = null)
    {
        var properties = new JsonObject
        {
            ["loginServer"] = $"{registry.Name.ToLowerInvariant()}.azurecr.io",
            ["creationDate"] = ArmHttp.Time(registry.CreatedAt),
            ["provisioningState"] = registry.ProvisioningState(now),
            ["adminUserEnabled"] = registry.Properties["adminUserEnabled"]?.DeepClone(),
        };
        if (IsPremium(registry))
            properties["networkRuleSet"] = new JsonObject { ["defaultAction"] = "Allow", ["ipRules"] = new JsonArray() };
        properties["policies"] = (registry.Properties["policies"] as JsonObject ?? DefaultPolicies(registry.CreatedAt)).DeepClone();
        properties["encryption"] = new JsonObject { ["status"] = "disabled" };
        properties["dataEndpointEnabled"] = registry.Properties["dataEndpointEnabled"]?.DeepClone();
        properties["dataEndpointHostNames"] = new JsonArray();
        properties["privateEndpointConnections"] = new JsonArray();
        properties["publicNetworkAccess"] = registry.Properties["publicNetworkAccess"]?.DeepClone();
        properties["networkRuleBypassOptions"] = "AzureServices";
        properties["zoneRedundancy"] = registry.Properties["zoneRedundancy"]?.DeepClone();
        properties["anonymousPullEnabled"] = registry.Properties["anonymousPullEnabled"]?.DeepClone();
        if (apiVersion is null || string.CompareOrdinal(apiVersion, "2025") >= 0)
            properties["roleAssignmentMode"] = "LegacyRegistryPermissions";
        if (state is not null) RegistryEndpointSettings.Render(properties, state, registry, apiVersion);
        return ArmHttp.Resource(registry, properties);
    }

    /// <summary>A new registry's policies, as ACR sets them; retention and soft delete carry when they last changed.</summary>
    static JsonObject DefaultPolicies(DateTimeOffset at) => new()
    {
        ["quarantinePolicy"] = new JsonObject { ["status"] = "disabled" },
        ["trustPolicy"] = new JsonObject { ["type"] = "Notary", ["status"] = "disabled" },
        ["retentionPolicy"] = new JsonObject { ["days"] = 7, ["lastUpdatedTime"] = ArmHttp.Time(at), ["status"] = "disabled" },
        ["exportPolicy"] = new JsonObject { ["status"] = "enabled" },
        ["azureADAuthenticationAsArmPolicy"] = new JsonObject { ["status"] = "enabled" },
        ["softDeletePolicy"] = new JsonObject { ["retentionDays"] = 7, ["lastUpdatedTime"] = ArmHttp.Time(at), ["status"] = "disabled" },
    };

    /// <summary>
    /// The policies after a change: each policy's settings replaced by those given (status, days, type), and the time of
    /// the change stamped on the policies that carry one. Unknown policies are refused.
    /// </summary>
    static JsonObject Policies(JsonObject current, JsonObject? change, DateTimeOffset now)
    {
        var result = (JsonObject)current.DeepClone();
        foreach (var (name, value) in change ?? [])
        {
            if (result[name] is not JsonObject policy)
                throw ArmException.BadRequest("InvalidParameter", $"'{name}' is not a registry policy.", $"properties.policies.{name}");
            if (value is not JsonObject settings) throw ArmException.InvalidRequestContent($"'policies.{name}' must be an object.");
            foreach (var (key, setting) in settings)
                if (key != "lastUpdatedTime") policy[key] = setting?.DeepClone();
            if (policy.ContainsKey("lastUpdatedTime")) policy["lastUpdatedTime"] = ArmHttp.Time(now);
        }
        return result;
    }

    static JsonObject CredentialsJson(ResourceRecord registry) => new()
    {
        ["username"] = registry.Name,
        ["passwords"] = new JsonArray(
            new JsonObject { ["name"] = "password", ["value"] = (string?)registry.Private["password"] },
            new JsonObject { ["name"] = "password2", ["value"] = (string?)registry.Private["password2"] }),
    };
}

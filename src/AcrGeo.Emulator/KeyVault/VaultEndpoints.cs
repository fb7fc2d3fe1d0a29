using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.KeyVault;

/// <summary>
/// Microsoft.KeyVault on the management plane: vaults (create, update, delete to the deleted vaults, recover with
/// <c>createMode: recover</c>, purge), their access policies, name checks and the operation list, with Key Vault's rules.
/// </summary>
static class VaultEndpoints
{
    const string VaultCollection = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults";
    const string Vault = VaultCollection + "/{vault}";
    const string Provider = "/subscriptions/{sub}/providers/Microsoft.KeyVault";

    static readonly string[] Versions =
        ["2026-02-01", "2025-05-01", "2024-11-01", "2023-07-01", "2023-02-01", "2022-07-01", "2021-10-01", "2019-09-01"];

    /// <summary>From this api-version on, a vault created without enableRbacAuthorization uses RBAC; before it, access policies.</summary>
    const string RbacDefaultSince = "2026-02-01";

    public static ApiVersionPolicy Policy(string type) => new(type, Versions);

    static readonly string[] SecretPermissions = ["all", "get", "list", "set", "delete", "backup", "restore", "recover", "purge"];
    static readonly string[] KeyPermissions =
    [
        "all", "encrypt", "decrypt", "wrapKey", "unwrapKey", "sign", "verify", "get", "list", "create", "update", "import", "delete",
        "backup", "restore", "recover", "purge", "release", "rotate", "getrotationpolicy", "setrotationpolicy",
    ];
    static readonly string[] CertificatePermissions =
    [
        "all", "get", "list", "delete", "create", "import", "update", "managecontacts", "getissuers", "listissuers", "setissuers",
        "deleteissuers", "manageissuers", "recover", "purge", "backup", "restore",
    ];
    static readonly string[] StoragePermissions =
    [
        "all", "get", "list", "delete", "set", "update", "regeneratekey", "recover", "purge", "backup", "restore", "setsas", "listsas",
        "getsas", "deletesas",
    ];

    public static void Map(WebApplication app, StateStore store, EmulatorSettings settings)
    {
        var vaults = Policy("vaults");

        app.MapPost(Provider + "/checkNameAvailability", async (HttpContext ctx, string sub) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var name = ArmHttp.ReadString(body, "name") ?? "";
            var type = ArmHttp.ReadString(body, "type");
            if (!string.Equals(type, Vaults.VaultType, StringComparison.OrdinalIgnoreCase))
                throw ArmException.BadRequest("BadRequest", $"The type '{type}' is not valid; it must be '{Vaults.VaultType}'.", "type");
            return store.Read(state => ArmHttp.Json(
                !Vaults.IsValidName(name)
                    ? new JsonObject { ["nameAvailable"] = false, ["reason"] = "AccountNameInvalid", ["message"] = Vaults.InvalidNameMessage(name) }
                    : Vaults.FindActive(state, name) is not null || Vaults.FindDeleted(state, name, store.Now) is not null
                        ? new JsonObject { ["nameAvailable"] = false, ["reason"] = "AlreadyExists", ["message"] = Vaults.NameInUseMessage(name) }
                        : new JsonObject { ["nameAvailable"] = true }));
        }).WithMetadata(Policy("checkNameAvailability"));

        app.MapGet("/providers/Microsoft.KeyVault/operations", () => ArmHttp.Json(new JsonObject
        {
            ["value"] = new JsonArray(Operations.Select(o => (JsonNode)new JsonObject
            {
                ["name"] = o.Name,
                ["display"] = new JsonObject
                {
                    ["provider"] = "Microsoft Key Vault", ["resource"] = o.Resource, ["operation"] = o.Operation, ["description"] = o.Description,
                },
                ["origin"] = "user,system",
                ["isDataAction"] = false,
            }).ToArray()),
        })).WithMetadata(Policy("operations"));

        app.MapGet(Provider + "/vaults", (HttpContext ctx, string sub) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Read(state => ArmHttp.Page(ctx, state.Resources.Values
                .Where(r => r.Type == Vaults.VaultType && ArmIds.SubscriptionOf(r.Id).Equals(sub, StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                .Select(r => (JsonNode)Render(r, store.Now)), settings.PageSize));
        }).WithMetadata(vaults);

        app.MapGet(VaultCollection, (HttpContext ctx, string sub, string rg) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Read(state =>
            {
                var group = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
                return ArmHttp.Page(ctx, state.ChildrenOf(group.Id, Vaults.VaultType)
                    .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                    .Select(r => (JsonNode)Render(r, store.Now)), settings.PageSize);
            });
        }).WithMetadata(vaults);

        app.MapGet(Vault, (string sub, string rg, string vault) =>
            store.Read(state => ArmHttp.Json(Render(Require(store, state, sub, rg, vault), store.Now)))).WithMetadata(vaults);

        app.MapPut(Vault, async (HttpContext ctx, string sub, string rg, string vault) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            if (!Vaults.IsValidName(vault))
                throw ArmException.BadRequest("VaultNameNotValid", Vaults.InvalidNameMessage(vault));
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var region = RequireRegion(ArmHttp.ReadString(body, "location"));
            var tags = ArmHttp.ReadTags(body);
            var properties = ArmHttp.ReadObject(body, "properties") ?? throw NotSpecified("properties");
            var recover = ReadCreateMode(properties) == "recover";
            var apiVersion = ArmHttp.ApiVersion(ctx);
            return store.Write(state =>
            {
                var group = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
                var id = $"{group.Id}/providers/{Vaults.Namespace}/vaults/{vault}";
                var now = store.Now;
                var existing = state.Find(id) is { Type: Vaults.VaultType } found ? found : null;
                if (existing is not null)
                {
                    if (existing.Location != region.Name)
                        throw ArmException.BadRequest("InvalidResourceLocation",
                            $"The resource '{existing.Name}' already exists in location '{existing.Location}' in resource group " +
                            $"'{group.Name}'. A resource with the same name cannot be created in location '{region.Name}'. " +
                            "Please select a new resource name.");
                    existing.Properties = ReadProperties(properties, existing.Properties, apiVersion, replace: true, store.Identity.TenantId);
                    if (tags is not null) existing.Tags = tags;
                    existing.ModifiedAt = now;
                    return ArmHttp.Json(Render(existing, now));
                }

                var deleted = Vaults.FindDeleted(state, vault, now);
                if (recover) return ArmHttp.Json(Render(Recover(state, deleted, id, region.Name, tags, now, settings), now));
                if (Vaults.FindActive(state, vault) is not null)
                    throw new ArmException(HttpStatusCode.Conflict, "VaultAlreadyExists", Vaults.NameInUseMessage(vault));
                if (deleted is not null) throw new ArmException(HttpStatusCode.Conflict, "ConflictError", Vaults.DeletedStateMessage);

                var created = new ResourceRecord
                {
                    Id = id,
                    Type = Vaults.VaultType,
                    Name = vault,
                    Location = region.Name,
                    Tags = tags ?? new(),
                    Properties = ReadProperties(properties, null, apiVersion, replace: true, store.Identity.TenantId),
                    CreatedAt = now,
                    ModifiedAt = now,
                    CreatedBy = ArmCoreEndpoints.Caller(ctx).AppId,
                    // The vault answers at once but reports RegisteringDns until its host name is registered.
                    ProvisionedAt = now + settings.ProvisioningDelay,
                    PendingState = "RegisteringDns",
                };
                state.Resources[id] = created;
                return ArmHttp.Json(Render(created, now));
            });
        }).WithMetadata(vaults);

        app.MapPatch(Vault, async (HttpContext ctx, string sub, string rg, string vault) =>
        {
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var tags = ArmHttp.ReadTags(body);
            var properties = ArmHttp.ReadObject(body, "properties");
            var apiVersion = ArmHttp.ApiVersion(ctx);
            return store.Write(state =>
            {
                var existing = Require(store, state, sub, rg, vault);
                if (properties is not null) existing.Properties = ReadProperties(properties, existing.Properties, apiVersion, replace: false, store.Identity.TenantId);
                if (tags is not null) existing.Tags = tags;
                existing.ModifiedAt = store.Now;
                return ArmHttp.Json(Render(existing, store.Now));
            });
        }).WithMetadata(vaults);

        app.MapDelete(Vault, (string sub, string rg, string vault) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Write(state =>
            {
                var group = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
                if (state.Find($"{group.Id}/providers/{Vaults.Namespace}/vaults/{vault}") is not { Type: Vaults.VaultType } existing)
                    return Results.StatusCode(204);
                Vaults.SoftDelete(state, existing, store.Now);
                return Results.StatusCode(200);
            });
        }).WithMetadata(vaults);

        app.MapPut(Vault + "/accessPolicies/{operationKind}", async (HttpContext ctx, string sub, string rg, string vault, string operationKind) =>
        {
            var kind = operationKind.ToLowerInvariant();
            if (kind is not ("add" or "replace" or "remove"))
                throw ArmException.BadRequest("BadRequest",
                    $"The access policy update kind '{operationKind}' is not valid; it must be add, replace or remove.");
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var policies = ReadAccessPolicies(ArmHttp.ReadObject(body, "properties")?["accessPolicies"])
                           ?? throw NotSpecified("accessPolicies");
            RequireTenant(policies, store.Identity.TenantId);
            return store.Write(state =>
            {
                var existing = Require(store, state, sub, rg, vault);
                existing.Properties["accessPolicies"] = UpdatePolicies(existing.Properties["accessPolicies"] as JsonArray ?? [], policies, kind);
                existing.ModifiedAt = store.Now;
                return ArmHttp.Json(new JsonObject
                {
                    ["id"] = $"{existing.Id}/accessPolicies/{kind}",
                    ["type"] = $"{Vaults.VaultType}/accessPolicies",
                    ["location"] = existing.Location,
                    ["properties"] = new JsonObject { ["accessPolicies"] = policies.DeepClone() },
                });
            });
        }).WithMetadata(Policy("vaults/accessPolicies"));

        // The emulator has no managed HSMs; `az keyvault list` and `list-deleted` ask for them beside the vaults.
        foreach (var route in new[] { Provider + "/managedHSMs", Provider + "/deletedManagedHSMs", VaultCollection.Replace("/vaults", "/managedHSMs") })
            app.MapGet(route, (string sub) =>
            {
                ArmCoreEndpoints.RequireSubscription(store, sub);
                return ArmHttp.Json(new JsonObject { ["value"] = new JsonArray() });
            }).WithMetadata(new ApiVersionPolicy("managedHSMs", Versions));

        MapDeletedVaults(app, store, settings);
    }

    static void MapDeletedVaults(WebApplication app, StateStore store, EmulatorSettings settings)
    {
        var deletedVaults = Policy("deletedVaults");

        app.MapGet(Provider + "/deletedVaults", (HttpContext ctx, string sub) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Read(state => ArmHttp.Page(ctx, state.Resources.Values
                .Where(r => r.Type == Vaults.DeletedVaultRecordType && ArmIds.SubscriptionOf(r.Id).Equals(sub, StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                .Select(r => (JsonNode)RenderDeleted(r)), settings.PageSize));
        }).WithMetadata(deletedVaults);

        app.MapGet(Provider + "/locations/{location}/deletedVaults/{vault}", (string sub, string location, string vault) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Read(state => ArmHttp.Json(RenderDeleted(RequireDeleted(store, state, location, vault))));
        }).WithMetadata(Policy("locations/deletedVaults"));

        app.MapPost(Provider + "/locations/{location}/deletedVaults/{vault}/purge", (HttpContext ctx, string sub, string location, string vault) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Write(state =>
            {
                var deleted = RequireDeleted(store, state, location, vault);
                if (Vaults.PurgeProtected(deleted))
                    throw new ArmException(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "Operation 'DeletedVaultPurge' is not allowed.");
                var operation = LongRunning.Start(ctx, state, deleted.Id, "purge", store.Now, settings.ProvisioningDelay);
                // The name stays taken until the purge completes; then the state drops the record.
                if (operation.Error is null && !(deleted.DeletingUntil <= operation.CompletesAt)) deleted.DeletingUntil = operation.CompletesAt;
                LongRunning.AddLocationHeaders(ctx, operation, Vaults.Namespace, deleted.Location!, "purge", settings.RetryAfterSeconds);
                return Results.StatusCode(202);
            });
        }).WithMetadata(Policy("locations/deletedVaults"));

        app.MapGet(Provider + "/locations/{location}/operationResults/{operation}", (HttpContext ctx, string sub, string operation) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Read(state => LongRunning.Result(ctx, LongRunning.Find(state, operation), store.Now, settings.RetryAfterSeconds));
        }).WithMetadata(Policy("locations/operationResults"));
    }

    static ResourceRecord Require(StateStore store, EmulatorState state, string sub, string rg, string vault)
    {
        ArmCoreEndpoints.RequireSubscription(store, sub);
        var group = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
        return state.Find($"{group.Id}/providers/{Vaults.Namespace}/vaults/{vault}") is { Type: Vaults.VaultType } found
            ? found
            : throw ArmException.NotFound(Vaults.VaultType, vault, group.Name);
    }

    static ResourceRecord RequireDeleted(StateStore store, EmulatorState state, string location, string vault) =>
        Vaults.FindDeleted(state, vault, store.Now) is { } deleted && deleted.Location == Regions.Normalize(location)
            ? deleted
            : throw Vaults.DeletedVaultNotFound(vault);

    /// <summary>createMode "recover": the soft-deleted vault comes back where it was, as it was, with its secrets.</summary>
    static ResourceRecord Recover(EmulatorState state, ResourceRecord? deleted, string id, string location,
        Dictionary<string, string>? tags, DateTimeOffset now, EmulatorSettings settings)
    {
        if (deleted is null)
            throw new ArmException(HttpStatusCode.NotFound, "DeletedVaultNotFound",
                $"No deleted vault named '{id.Split('/')[^1]}' exists to recover. Create it with createMode 'default' instead.");
        var originalId = (string?)deleted.Private["vaultId"] ?? id;
        if (!originalId.Equals(id, StringComparison.OrdinalIgnoreCase))
            throw ArmException.BadRequest("BadRequest",
                $"The deleted vault '{deleted.Name}' can only be recovered into its original resource group: '{originalId}'.");
        if (deleted.Location != location)
            throw ArmException.BadRequest("BadRequest",
                $"The deleted vault '{deleted.Name}' is in location '{deleted.Location}'; it can only be recovered there.");
        var restored = new ResourceRecord
        {
            Id = originalId,
            Type = Vaults.VaultType,
            Name = deleted.Name,
            Location = deleted.Location,
            Tags = tags ?? new Dictionary<string, string>(deleted.Tags),
            Properties = (JsonObject)deleted.Properties.DeepClone(),
            Private = (JsonObject)deleted.Private.DeepClone(),
            CreatedAt = deleted.CreatedAt,
            ModifiedAt = now,
            CreatedBy = deleted.CreatedBy,
            ProvisionedAt = now + settings.ProvisioningDelay,
            PendingState = "RegisteringDns",
        };
        foreach (var key in new[] { "vaultId", "deletionDate", "scheduledPurgeDate" }) restored.Private.Remove(key);
        state.Resources.Remove(deleted.Id);
        state.Resources[restored.Id] = restored;
        return restored;
    }

    static Region RequireRegion(string? location)
    {
        if (string.IsNullOrWhiteSpace(location))
            throw ArmException.BadRequest("LocationRequired", "The location property is required for this definition.");
        return Regions.Find(location) ?? throw ArmException.BadRequest("LocationNotAvailableForResourceType",
            $"The provided location '{location}' is not available for resource type '{Vaults.VaultType}'. List of available regions " +
            $"for the resource type is '{string.Join(",", Regions.All.Select(r => r.Name))}'.");
    }

    static string ReadCreateMode(JsonObject properties)
    {
        var mode = ArmHttp.ReadString(properties, "createMode")?.ToLowerInvariant() ?? "default";
        return mode is "default" or "recover"
            ? mode
            : throw ArmException.BadRequest("BadRequest", $"The createMode '{mode}' is not valid; it must be 'default' or 'recover'.");
    }

    static ArmException NotSpecified(string parameter) =>
        ArmException.BadRequest("BadRequest", $"The parameter {parameter} is not specified.");

    /// <summary>
    /// The stored properties after a PUT (<paramref name="replace"/>: what the body omits takes its default, but the
    /// one-way settings stay as they were) or a PATCH (what the body omits stays). Soft delete cannot be turned off,
    /// purge protection cannot be turned off once on, and the retention is fixed once set.
    /// </summary>
    static JsonObject ReadProperties(JsonObject body, JsonObject? current, string apiVersion, bool replace, string tenantId)
    {
        var creating = current is null;
        var result = creating || replace ? new JsonObject() : (JsonObject)current!.DeepClone();

        var tenant = ArmHttp.ReadString(body, "tenantId") ?? (creating || replace ? null : (string?)current!["tenantId"]);
        if (tenant is null) throw NotSpecified("tenantId");
        if (!tenant.Equals(tenantId, StringComparison.OrdinalIgnoreCase))
            throw ArmException.BadRequest("BadRequest",
                $"The tenant id '{tenant}' is not the tenant of this subscription. A vault authenticates its callers in its " +
                $"subscription's tenant: use tenantId '{tenantId}'.");
        result["tenantId"] = tenantId;

        var sku = ArmHttp.ReadObject(body, "sku");
        if (sku is null && (creating || replace)) throw NotSpecified("sku");
        if (sku is not null)
        {
            var family = ArmHttp.ReadString(sku, "family") ?? "A";
            var name = ArmHttp.ReadString(sku, "name")?.ToLowerInvariant();
            if (family != "A" || name is not ("standard" or "premium"))
                throw ArmException.BadRequest("BadRequest",
                    $"The SKU (family '{family}', name '{name}') is not valid. Use family 'A' with name 'standard' or 'premium'.");
            result["sku"] = new JsonObject { ["family"] = "A", ["name"] = name };
        }

        var rbac = ArmHttp.ReadBool(body, "enableRbacAuthorization")
                   ?? (creating ? string.CompareOrdinal(apiVersion, RbacDefaultSince) >= 0 : ArmHttp.ReadBool(current, "enableRbacAuthorization"));
        result["enableRbacAuthorization"] = rbac ?? false;

        var policies = ReadAccessPolicies(body["accessPolicies"]);
        if (policies is null && (creating || replace) && rbac != true) throw NotSpecified("accessPolicies");
        if (policies is not null) RequireTenant(policies, tenantId);
        result["accessPolicies"] = policies ?? current?["accessPolicies"]?.DeepClone() ?? new JsonArray();

        foreach (var flag in new[] { "enabledForDeployment", "enabledForDiskEncryption", "enabledForTemplateDeployment" })
            result[flag] = ArmHttp.ReadBool(body, flag) ?? (creating || replace ? false : ArmHttp.ReadBool(current, flag) ?? false);

        if (ArmHttp.ReadBool(body, "enableSoftDelete") == false)
            throw ArmException.BadRequest("BadRequest",
                "The property \"enableSoftDelete\" cannot be set to false. Soft delete is always on for key vaults and cannot be turned off.");
        result["enableSoftDelete"] = true;

        var retention = ReadRetention(body);
        var currentRetention = (int?)current?["softDeleteRetentionInDays"];
        if (retention is not null && currentRetention is not null && retention != currentRetention)
            throw ArmException.BadRequest("BadRequest",
                $"The property \"softDeleteRetentionInDays\" cannot be changed once the vault is created (it is {currentRetention}).");
        result["softDeleteRetentionInDays"] = retention ?? currentRetention ?? 90;

        var purgeProtection = ArmHttp.ReadBool(body, "enablePurgeProtection");
        if (purgeProtection == false)
            throw ArmException.BadRequest("BadRequest",
                "The property \"enablePurgeProtection\" cannot be set to false. Enabling the purge protection for a vault is an irreversible action.");
        if (purgeProtection == true || ArmHttp.ReadBool(current, "enablePurgeProtection") == true) result["enablePurgeProtection"] = true;
        else result.Remove("enablePurgeProtection");

        var access = ArmHttp.ReadString(body, "publicNetworkAccess");
        result["publicNetworkAccess"] = access ?? (creating || replace ? "Enabled" : (string?)current!["publicNetworkAccess"] ?? "Enabled");
        if (ArmHttp.ReadObject(body, "networkAcls") is { } acls) result["networkAcls"] = acls.DeepClone();
        else if (!replace && current?["networkAcls"] is { } kept) result["networkAcls"] = kept.DeepClone();
        return result;
    }

    static int? ReadRetention(JsonObject body)
    {
        if (body["softDeleteRetentionInDays"] is not { } node) return null;
        return node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var days) && days is >= 7 and <= 90
            ? days
            : throw ArmException.BadRequest("BadRequest",
                $"The property \"softDeleteRetentionInDays\" must be a number of days from 7 to 90; it was {node.ToJsonString()}.");
    }

    /// <summary>Access policy entries: tenant (the emulator's), object id, optional application id, and known permissions.</summary>
    static JsonArray? ReadAccessPolicies(JsonNode? node)
    {
        if (node is null) return null;
        if (node is not JsonArray entries) throw ArmException.InvalidRequestContent("'accessPolicies' must be an array.");
        if (entries.Count > 1024) throw ArmException.BadRequest("BadRequest", "A vault may have at most 1024 access policies.");
        var result = new JsonArray();
        foreach (var entry in entries)
        {
            if (entry is not JsonObject policy) throw ArmException.InvalidRequestContent("Each access policy must be an object.");
            var tenant = ArmHttp.ReadString(policy, "tenantId") ?? throw NotSpecified("accessPolicies.tenantId");
            var objectId = ArmHttp.ReadString(policy, "objectId") ?? throw NotSpecified("accessPolicies.objectId");
            if (!Guid.TryParse(tenant, out _))
                throw ArmException.BadRequest("BadRequest", $"The access policy tenant id '{tenant}' is not a GUID.");
            var permissions = ArmHttp.ReadObject(policy, "permissions") ?? throw NotSpecified("accessPolicies.permissions");
            var clean = new JsonObject { ["tenantId"] = tenant, ["objectId"] = objectId };
            if (ArmHttp.ReadString(policy, "applicationId") is { } application) clean["applicationId"] = application;
            clean["permissions"] = new JsonObject
            {
                ["keys"] = ReadPermissions(permissions, "keys", KeyPermissions),
                ["secrets"] = ReadPermissions(permissions, "secrets", SecretPermissions),
                ["certificates"] = ReadPermissions(permissions, "certificates", CertificatePermissions),
                ["storage"] = ReadPermissions(permissions, "storage", StoragePermissions),
            };
            result.Add(clean);
        }
        return result;
    }

    static void RequireTenant(JsonArray policies, string tenantId)
    {
        if (policies.OfType<JsonObject>().FirstOrDefault(p => !tenantId.Equals((string?)p["tenantId"], StringComparison.OrdinalIgnoreCase)) is { } foreign)
            throw ArmException.BadRequest("BadRequest",
                $"The access policy for object '{(string?)foreign["objectId"]}' names tenant '{(string?)foreign["tenantId"]}'. Every access " +
                $"policy must use the vault's tenant, '{tenantId}'.");
    }

    static JsonArray ReadPermissions(JsonObject permissions, string kind, string[] valid)
    {
        if (permissions[kind] is null) return [];
        if (permissions[kind] is not JsonArray list) throw ArmException.InvalidRequestContent($"'permissions.{kind}' must be an array.");
        return new JsonArray(list.Select(p =>
        {
            var value = p?.GetValueKind() == JsonValueKind.String ? p.GetValue<string>() : p?.ToJsonString() ?? "null";
            return valid.Contains(value, StringComparer.OrdinalIgnoreCase)
                ? (JsonNode)value
                : throw ArmException.BadRequest("BadRequest",
                    $"The permission '{value}' is not valid for {kind}. Valid values are: {string.Join(", ", valid)}.");
        }).ToArray());
    }

    /// <summary>
    /// accessPolicies/add merges permissions into the identity's entry (adding it if absent), replace sets them, remove
    /// takes them away (dropping an entry left with none).
    /// </summary>
    static JsonArray UpdatePolicies(JsonArray current, JsonArray changes, string kind)
    {
        var entries = current.OfType<JsonObject>().Select(e => (JsonObject)e.DeepClone()).ToList();
        foreach (var change in changes.OfType<JsonObject>())
        {
            var entry = entries.FirstOrDefault(e => SameIdentity(e, change));
            if (entry is null)
            {
                if (kind != "remove") entries.Add((JsonObject)change.DeepClone());
                continue;
            }
            foreach (var permissionKind in new[] { "keys", "secrets", "certificates", "storage" })
            {
                var have = Names(entry["permissions"]?[permissionKind]);
                var given = Names(change["permissions"]?[permissionKind]);
                var next = kind switch
                {
                    "add" => have.Union(given, StringComparer.OrdinalIgnoreCase),
                    "replace" => given,
                    _ => have.Except(given, StringComparer.OrdinalIgnoreCase),
                };
                entry["permissions"]![permissionKind] = new JsonArray(next.Select(n => (JsonNode)n).ToArray());
            }
            if (kind == "remove" && new[] { "keys", "secrets", "certificates", "storage" }.All(k => Names(entry["permissions"]?[k]).Count == 0))
                entries.Remove(entry);
        }
        return new JsonArray(entries.Select(e => (JsonNode)e).ToArray());

        static List<string> Names(JsonNode? node) => (node as JsonArray ?? []).Select(n => (string?)n ?? "").ToList();

        static bool SameIdentity(JsonObject a, JsonObject b) =>
            string.Equals((string?)a["tenantId"], (string?)b["tenantId"], StringComparison.OrdinalIgnoreCase)
            && string.Equals((string?)a["objectId"], (string?)b["objectId"], StringComparison.OrdinalIgnoreCase)
            && string.Equals((string?)a["applicationId"], (string?)b["applicationId"], StringComparison.OrdinalIgnoreCase);
    }

    public static JsonObject Render(ResourceRecord vault, DateTimeOffset now)
    {
        var properties = (JsonObject)vault.Properties.DeepClone();
        // Key Vault leaves these out while they are off (enabledForDeployment it always reports).
        foreach (var flag in new[] { "enabledForDiskEncryption", "enabledForTemplateDeployment", "enableRbacAuthorization" })
            if (ArmHttp.ReadBool(properties, flag) == false) properties.Remove(flag);
        properties["vaultUri"] = Vaults.VaultUri(vault.Name);
        properties["provisioningState"] = vault.ProvisioningState(now);
        return ArmHttp.Resource(vault, properties);
    }

    static JsonObject RenderDeleted(ResourceRecord deleted) => new()
    {
        ["id"] = deleted.Id,
        ["name"] = deleted.Name,
        ["type"] = Vaults.DeletedVaultType,
        ["properties"] = new JsonObject
        {
            ["vaultId"] = deleted.Private["vaultId"]?.DeepClone(),
            ["location"] = deleted.Location,
            ["deletionDate"] = deleted.Private["deletionDate"]?.DeepClone(),
            ["scheduledPurgeDate"] = deleted.Private["scheduledPurgeDate"]?.DeepClone(),
            ["tags"] = new JsonObject(deleted.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))),
            ["purgeProtectionEnabled"] = Vaults.PurgeProtected(deleted),
        },
    };

    sealed record OperationInfo(string Name, string Resource, string Operation, string Description);

    static readonly OperationInfo[] Operations =
    [
        new("Microsoft.KeyVault/vaults/read", "Key Vault", "View Key Vault", "View the properties of a key vault"),
        new("Microsoft.KeyVault/vaults/write", "Key Vault", "Update Key Vault", "Create a new key vault or update the properties of an existing key vault"),
        new("Microsoft.KeyVault/vaults/delete", "Key Vault", "Delete Key Vault", "Delete a key vault"),
        new("Microsoft.KeyVault/vaults/accessPolicies/write", "Policy", "Update Access Policy", "Update an existing access policy by merging or replacing, or add a new access policy to a vault."),
        new("Microsoft.KeyVault/checkNameAvailability/read", "Name Availability", "Check Name Availability", "Checks that a key vault name is valid and is not in use"),
        new("Microsoft.KeyVault/deletedVaults/read", "Soft Deleted Key Vault", "View Soft Deleted Vaults", "View the properties of soft deleted key vaults"),
        new("Microsoft.KeyVault/locations/deletedVaults/read", "Soft Deleted Key Vault", "View Soft Deleted Key Vault", "View the properties of a soft deleted key vault"),
        new("Microsoft.KeyVault/locations/deletedVaults/purge/action", "Soft Deleted Key Vault", "Purge Soft Deleted Key Vault", "Purge a soft deleted key vault"),
        new("Microsoft.KeyVault/locations/operationResults/read", "Long Running Operation", "Check Result of Long Run Operation", "Check the result of a long run operation"),
        new("Microsoft.KeyVault/operations/read", "Operations", "List Available Operations", "Lists operations available on Microsoft.KeyVault resource provider"),
    ];
}

using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Input;
using AcrGeo.Models;
using Azure.Core;

namespace AcrGeo.Operations;

/// <summary>What <see cref="VaultOperations.CreateAsync"/> makes.</summary>
public sealed class VaultRequest
{
    public string Name { get; init; } = "";
    public string ResourceGroupName { get; init; } = "";
    public string Location { get; init; } = "";
    /// <summary>Azure RBAC for data access (the default for new vaults); false uses access policies.</summary>
    public bool RbacAuthorization { get; init; } = true;
    /// <summary>Give the signed-in identity the right to manage secrets (Key Vault Secrets Officer, or an access policy).</summary>
    public bool GrantCallerSecretAccess { get; init; } = true;
    /// <summary>Create the resource group in <see cref="Location"/> when it does not exist, after every other check.</summary>
    public bool CreateResourceGroup { get; init; }
}

/// <summary>Key vaults, as far as registry credentials need them.</summary>
public sealed class VaultOperations
{
    internal const string Version = "2025-05-01";
    const string SetSecret = "Microsoft.KeyVault/vaults/secrets/setSecret/action";
    const string GetSecret = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
    readonly AcrGeoConnection connection;

    public VaultOperations(AcrGeoConnection connection) => this.connection = connection;

    /// <summary>A vault by name (vault names are globally unique): one list of the subscription's vaults.</summary>
    public async Task<AcrVault> GetAsync(string name, OperationContext context)
    {
        InputRules.VaultName(name);
        var all = await connection.Rest.ListAsync(connection.SubscriptionPath.Provider("Microsoft.KeyVault", "vaults"),
            Version, context, name).ConfigureAwait(false);
        var found = all.FirstOrDefault(v => string.Equals((string?)v["name"], name, StringComparison.OrdinalIgnoreCase));
        if (found is null)
            throw new AcrGeoException(ErrorIds.VaultNotFound, AcrErrorCategory.ObjectNotFound,
                $"No key vault named '{name}' was found in this subscription. Create one with New-AcrKeyVault.", name);
        // The list may omit details such as access policies; the vault itself has them all.
        return AcrVault.FromJson(await connection.Rest.GetAsync(ArmPath.FromResourceId((string?)found["id"] ?? ""), Version, context, name).ConfigureAwait(false));
    }

    /// <summary>
    /// Creates a vault (or returns the existing one) and, unless told not to, gives the signed-in identity the right to
    /// manage secrets in it: without that, not even an Owner can write a secret into an RBAC vault. Every check that
    /// needs no write comes first: the names and region, whether the region offers Key Vault, the group (unless it is
    /// to be created), and whether the globally unique name is free (a soft-deleted vault holds its name too).
    /// </summary>
    public async Task<AcrVault> CreateAsync(VaultRequest request, OperationContext context)
    {
        InputRules.VaultName(request.Name);
        InputRules.ResourceGroupName(request.ResourceGroupName);
        var region = await RequireKeyVaultRegionAsync(request.Location, context).ConfigureAwait(false);
        var caller = await connection.GetCallerAsync(context).ConfigureAwait(false);
        var groups = new ResourceGroupOperations(connection);
        var groupLocation = await groups.FindLocationAsync(request.ResourceGroupName, context).ConfigureAwait(false);
        if (groupLocation is null && !request.CreateResourceGroup)
            throw new AcrGeoException(ErrorIds.ResourceGroupNotFound, AcrErrorCategory.ObjectNotFound,
                $"Resource group '{request.ResourceGroupName}' does not exist in this subscription. Create it first, or add -CreateResourceGroup.",
                request.ResourceGroupName);
        var path = connection.SubscriptionPath.ResourceGroup(request.ResourceGroupName).Provider("Microsoft.KeyVault", "vaults", request.Name);
        var existing = groupLocation is null ? null : await connection.Rest.SendAsync(RequestMethod.Get, path, Version, null, context).ConfigureAwait(false);
        if (existing is { IsSuccess: false, Status: not 404 }) throw existing.ToException(request.Name);
        if (existing is not { IsSuccess: true }) await RequireNameAvailableAsync(request.Name, context).ConfigureAwait(false);

        return await ChangeJournal.RunAsync(context, "Run the same New-AcrKeyVault command again to finish; it keeps what exists.", async journal =>
        {
            AcrVault vault;
            if (existing is { IsSuccess: true })
            {
                context.Log($"Key vault '{request.Name}' already exists; returning it once it is provisioned.");
                vault = await WhenProvisionedAsync(existing.Object, path, context).ConfigureAwait(false);
            }
            else
            {
                if (groupLocation is null) await groups.CreateAsync(request.ResourceGroupName, region, journal, context).ConfigureAwait(false);
                var properties = new JsonObject
                {
                    ["tenantId"] = caller.TenantId,
                    ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" },
                    ["enableRbacAuthorization"] = request.RbacAuthorization,
                    ["enableSoftDelete"] = true,
                    ["accessPolicies"] = new JsonArray(),
                };
                if (!request.RbacAuthorization && request.GrantCallerSecretAccess)
                    properties["accessPolicies"] = new JsonArray(SecretPolicy(caller));
                var what = $"key vault '{request.Name}' in resource group '{request.ResourceGroupName}'";
                journal.Sent(what);
                var final = await LongRunning.RunAsync(connection.Rest, RequestMethod.Put, path, Version,
                    new JsonObject { ["location"] = region, ["properties"] = properties }, connection.Settings.PollInterval, null, context,
                    request.Name, refusal: reply => reply.Status == 409
                        ? new AcrGeoException(ErrorIds.VaultNameNotAvailable, AcrErrorCategory.ResourceExists,
                            $"The vault name '{request.Name}' cannot be used: {reply.ErrorMessage}", request.Name, armCode: reply.ErrorCode)
                        : null).ConfigureAwait(false);
                vault = await WhenProvisionedAsync(final!, path, context).ConfigureAwait(false);
                journal.Done($"created {what}", what);
            }
            if (request.GrantCallerSecretAccess) vault = await EnsureSecretAccessAsync(vault, grant: true, context, journal).ConfigureAwait(false);
            return vault;
        }).ConfigureAwait(false);
    }

    /// <summary>The region, checked against the regions where Microsoft.KeyVault offers vaults (one read of the provider).</summary>
    async Task<string> RequireKeyVaultRegionAsync(string location, OperationContext context)
    {
        var name = InputRules.RegionName(location);
        var regions = await connection.Regions.GetAsync(context).ConfigureAwait(false);
        if (regions.All(r => r.Name != name)) throw ReplicaOperations.UnknownRegion(new[] { location }, regions);
        var provider = await connection.Rest.GetAsync(connection.SubscriptionPath.Child("providers", "Microsoft.KeyVault"), ApiVersions.Resources,
            context, "Microsoft.KeyVault").ConfigureAwait(false);
        var offered = (provider["resourceTypes"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
            .Where(t => string.Equals((string?)t["resourceType"], "vaults", StringComparison.OrdinalIgnoreCase))
            .SelectMany(t => t["locations"] as JsonArray ?? new JsonArray())
            .Select(l => InputRules.NormalizeRegion(l?.ToString()));
        return offered.Contains(name)
            ? name
            : throw new AcrGeoException(ErrorIds.KeyVaultRegionUnavailable, AcrErrorCategory.InvalidArgument,
                $"Key Vault is not offered to this subscription in {name}. Choose a region where it is (the registry's own region " +
                "usually is).", location);
    }

    /// <summary>Vault names are global, and a soft-deleted vault keeps its name: Microsoft.KeyVault's checkNameAvailability says.</summary>
    async Task RequireNameAvailableAsync(string name, OperationContext context)
    {
        var reply = await connection.Rest.SendAsync(RequestMethod.Post,
            connection.SubscriptionPath.Provider("Microsoft.KeyVault", "checkNameAvailability"), Version,
            new JsonObject { ["name"] = name, ["type"] = "Microsoft.KeyVault/vaults" }, context).ConfigureAwait(false);
        if (!reply.IsSuccess) throw reply.ToException(name);
        if ((bool?)reply.Body?["nameAvailable"] == false)
            throw new AcrGeoException(ErrorIds.VaultNameNotAvailable, AcrErrorCategory.ResourceExists,
                $"The vault name '{name}' cannot be used: {(string?)reply.Body?["message"] ?? "it is taken"} Choose another name, or " +
                "recover or purge a deleted vault of that name.", name, armCode: (string?)reply.Body?["reason"]);
    }

    /// <summary>
    /// Key Vault answers the PUT at once, the vault still RegisteringDns (its host name not yet resolvable): the vault is
    /// ready, and returned, only once it reports Succeeded. A vault that fails is reported.
    /// </summary>
    async Task<AcrVault> WhenProvisionedAsync(JsonObject vault, ArmPath path, OperationContext context) =>
        AcrVault.FromJson(await LongRunning.WhenProvisionedAsync(connection.Rest, path, Version, vault, connection.Settings.PollInterval, context,
            (string?)vault["name"] ?? "", "Delete the vault and create it again.").ConfigureAwait(false));

    /// <summary>
    /// Makes sure the signed-in identity can write and read secrets in the vault, checked on the management plane
    /// before anything is created. Grants the access when asked (Key Vault Secrets Officer at the vault for RBAC vaults,
    /// an access policy otherwise); else refuses, saying exactly what is missing and how to fix it.
    /// </summary>
    public Task<AcrVault> EnsureSecretAccessAsync(AcrVault vault, bool grant, OperationContext context) =>
        ChangeJournal.RunAsync(context, "Run the same command again to finish.", journal => EnsureSecretAccessAsync(vault, grant, context, journal));

    internal async Task<AcrVault> EnsureSecretAccessAsync(AcrVault vault, bool grant, OperationContext context, ChangeJournal journal)
    {
        var caller = await connection.GetCallerAsync(context).ConfigureAwait(false);
        if (vault.RbacAuthorization)
        {
            var authorization = new AuthorizationOperations(connection);
            var secretScope = vault.Id + "/secrets/probe";
            if (await authorization.IsAllowedAsync(caller.ObjectId, secretScope, SetSecret, true, context).ConfigureAwait(false)
                && await authorization.IsAllowedAsync(caller.ObjectId, secretScope, GetSecret, true, context).ConfigureAwait(false))
                return vault;
            if (!grant)
                throw new AcrGeoException(ErrorIds.VaultAccessDenied, AcrErrorCategory.PermissionDenied,
                    $"Vault '{vault.Name}' uses Azure RBAC, and the signed-in identity ({caller}) holds no role there that may set and get " +
                    $"secrets. Assign it 'Key Vault Secrets Officer' on the vault (New-AcrPullPrincipal -GrantVaultAccess does so), " +
                    $"or: az role assignment create --role \"Key Vault Secrets Officer\" --assignee-object-id {caller.ObjectId} --scope {vault.Id}",
                    vault);
            context.Log($"Assigning 'Key Vault Secrets Officer' on vault '{vault.Name}' to the signed-in identity.");
            var role = $"role 'Key Vault Secrets Officer' on vault '{vault.Name}' for the signed-in identity";
            try
            {
                journal.Sent(role);
                await authorization.AssignAsync(vault.Id, Roles.KeyVaultSecretsOfficer, caller.ObjectId, context).ConfigureAwait(false);
                journal.Done($"assigned {role}", role);
            }
            catch (AcrGeoException e) when (e.HttpStatus == 403)
            {
                throw new AcrGeoException(ErrorIds.RoleAssignmentDenied, AcrErrorCategory.PermissionDenied,
                    $"The signed-in identity may not assign roles on vault '{vault.Name}' (it needs Owner or User Access Administrator " +
                    "there). Ask an owner to assign it 'Key Vault Secrets Officer' on the vault.", vault, e);
            }
            return vault;
        }

        var policy = vault.AccessPolicies.FirstOrDefault(p => p.ObjectId.Equals(caller.ObjectId, StringComparison.OrdinalIgnoreCase));
        if (policy.SecretPermissions is { } permissions
            && new[] { "set", "get" }.All(needed => permissions.Any(p => p.Equals(needed, StringComparison.OrdinalIgnoreCase) || p == "all")))
            return vault;
        if (!grant)
            throw new AcrGeoException(ErrorIds.VaultAccessDenied, AcrErrorCategory.PermissionDenied,
                $"Vault '{vault.Name}' uses access policies, and none gives the signed-in identity ({caller}) the secret permissions " +
                "get and set. Add one (New-AcrPullPrincipal -GrantVaultAccess does so), or: az keyvault set-policy --name " +
                $"{vault.Name} --object-id {caller.ObjectId} --secret-permissions get list set delete", vault);
        context.Log($"Adding an access policy for the signed-in identity to vault '{vault.Name}'.");
        var addition = $"an access policy for the signed-in identity on vault '{vault.Name}'";
        journal.Sent(addition);
        var reply = await connection.Rest.SendAsync(RequestMethod.Put, vault.Path.Child("accessPolicies", "add"), Version,
            new JsonObject { ["properties"] = new JsonObject { ["accessPolicies"] = new JsonArray(SecretPolicy(caller)) } }, context)
            .ConfigureAwait(false);
        if (!reply.IsSuccess) throw reply.ToException(vault);
        journal.Done($"added {addition}", addition);
        return AcrVault.FromJson(await connection.Rest.GetAsync(vault.Path, Version, context, vault).ConfigureAwait(false));
    }

    static JsonObject SecretPolicy(Caller caller) => new()
    {
        ["tenantId"] = caller.TenantId,
        ["objectId"] = caller.ObjectId,
        ["permissions"] = new JsonObject { ["secrets"] = new JsonArray("get", "list", "set", "delete", "recover") },
    };
}

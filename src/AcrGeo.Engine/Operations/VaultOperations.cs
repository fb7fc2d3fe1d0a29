using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
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
}

/// <summary>Key vaults, as far as registry credentials need them.</summary>
public sealed class VaultOperations
{
    public const string NamePattern = "^(?=.{3,24}$)[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$";
    internal const string Version = "2025-05-01";
    const string SetSecret = "Microsoft.KeyVault/vaults/secrets/setSecret/action";
    const string GetSecret = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
    static readonly Regex Name = new(NamePattern);
    readonly AcrGeoConnection connection;

    public VaultOperations(AcrGeoConnection connection) => this.connection = connection;

    public static void CheckName(string name)
    {
        if (name is null || !Name.IsMatch(name))
            throw new AcrGeoException(ErrorIds.InvalidVaultName, AcrErrorCategory.InvalidArgument,
                $"'{name}' is not a valid key vault name: 3 to 24 letters, digits and hyphens, starting with a letter, ending with a " +
                "letter or digit, with no two hyphens in a row.", name);
    }

    /// <summary>A vault by name (vault names are globally unique): one list of the subscription's vaults.</summary>
    public async Task<AcrVault> GetAsync(string name, OperationContext context)
    {
        CheckName(name);
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
    /// manage secrets in it: without that, not even an Owner can write a secret into an RBAC vault.
    /// </summary>
    public async Task<AcrVault> CreateAsync(VaultRequest request, OperationContext context)
    {
        CheckName(request.Name);
        var caller = await connection.GetCallerAsync(context).ConfigureAwait(false);
        var path = connection.SubscriptionPath.ResourceGroup(request.ResourceGroupName).Provider("Microsoft.KeyVault", "vaults", request.Name);
        var existing = await connection.Rest.SendAsync(RequestMethod.Get, path, Version, null, context).ConfigureAwait(false);
        AcrVault vault;
        if (existing.IsSuccess)
        {
            context.Log($"Key vault '{request.Name}' already exists; returning it.");
            vault = AcrVault.FromJson(existing.Object);
        }
        else
        {
            if (existing.Status != 404) throw existing.ToException(request.Name);
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
            var reply = await connection.Rest.SendAsync(RequestMethod.Put, path, Version,
                new JsonObject { ["location"] = NameRules.Region(request.Location), ["properties"] = properties }, context).ConfigureAwait(false);
            if (reply.Status == 409)
                throw new AcrGeoException(ErrorIds.VaultNameNotAvailable, AcrErrorCategory.ResourceExists,
                    $"The vault name '{request.Name}' cannot be used: {reply.ErrorMessage}", request.Name, armCode: reply.ErrorCode);
            var final = await LongRunning.CompleteAsync(connection.Rest, reply, RequestMethod.Put, path, Version,
                connection.Settings.PollInterval, null, context, request.Name).ConfigureAwait(false);
            vault = await WhenProvisionedAsync(AcrVault.FromJson(final!), path, context).ConfigureAwait(false);
        }
        if (request.GrantCallerSecretAccess) vault = await EnsureSecretAccessAsync(vault, grant: true, context).ConfigureAwait(false);
        return vault;
    }

    /// <summary>
    /// Key Vault answers the PUT at once, the vault still RegisteringDns (its host name not yet resolvable): the vault is
    /// ready, and returned, only once it reports Succeeded. A vault that fails is reported.
    /// </summary>
    async Task<AcrVault> WhenProvisionedAsync(AcrVault vault, ArmPath path, OperationContext context)
    {
        while (!vault.ProvisioningState.Equals("Succeeded", StringComparison.OrdinalIgnoreCase))
        {
            if (vault.ProvisioningState.Equals("Failed", StringComparison.OrdinalIgnoreCase))
                throw new AcrGeoException(ErrorIds.OperationFailed, AcrErrorCategory.InvalidOperation,
                    $"Key vault '{vault.Name}' failed to provision. Delete it and create it again.", vault.Name);
            context.Log($"Key vault '{vault.Name}' is {vault.ProvisioningState}; waiting until it is ready.");
            await Task.Delay(connection.Settings.PollInterval, context.Cancellation).ConfigureAwait(false);
            vault = AcrVault.FromJson(await connection.Rest.GetAsync(path, Version, context, vault.Name).ConfigureAwait(false));
        }
        return vault;
    }

    /// <summary>
    /// Makes sure the signed-in identity can write and read secrets in the vault, checked on the management plane
    /// before anything is created. Grants the access when asked (Key Vault Secrets Officer at the vault for RBAC vaults,
    /// an access policy otherwise); else refuses, saying exactly what is missing and how to fix it.
    /// </summary>
    public async Task<AcrVault> EnsureSecretAccessAsync(AcrVault vault, bool grant, OperationContext context)
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
            try
            {
                await authorization.AssignAsync(vault.Id, Roles.KeyVaultSecretsOfficer, caller.ObjectId, context).ConfigureAwait(false);
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
        var reply = await connection.Rest.SendAsync(RequestMethod.Put, vault.Path.Child("accessPolicies", "add"), Version,
            new JsonObject { ["properties"] = new JsonObject { ["accessPolicies"] = new JsonArray(SecretPolicy(caller)) } }, context)
            .ConfigureAwait(false);
        if (!reply.IsSuccess) throw reply.ToException(vault);
        return AcrVault.FromJson(await connection.Rest.GetAsync(vault.Path, Version, context, vault).ConfigureAwait(false));
    }

    static JsonObject SecretPolicy(Caller caller) => new()
    {
        ["tenantId"] = caller.TenantId,
        ["objectId"] = caller.ObjectId,
        ["permissions"] = new JsonObject { ["secrets"] = new JsonArray("get", "list", "set", "delete", "recover") },
    };
}

using System.Net;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Authorization;
using AcrGeo.Emulator.Identity;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.KeyVault;

/// <summary>A secrets operation: the access-policy permission it needs and the RBAC data action it is.</summary>
sealed record SecretOperation(string Permission, string DataAction)
{
    const string Secrets = "Microsoft.KeyVault/vaults/secrets/";

    public static readonly SecretOperation Get = new("get", Secrets + "getSecret/action");
    public static readonly SecretOperation List = new("list", Secrets + "readMetadata/action");
    public static readonly SecretOperation Set = new("set", Secrets + "setSecret/action");
    /// <summary>Changing attributes takes the "set" permission, and its own data action.</summary>
    public static readonly SecretOperation Update = new("set", Secrets + "update/action");
    public static readonly SecretOperation Delete = new("delete", Secrets + "delete");
    public static readonly SecretOperation GetDeleted = new("get", Secrets + "readMetadata/action");
    public static readonly SecretOperation ListDeleted = new("list", Secrets + "readMetadata/action");
    public static readonly SecretOperation Recover = new("recover", Secrets + "recover/action");
    public static readonly SecretOperation Purge = new("purge", Secrets + "purge/action");
}

/// <summary>
/// Who may do what with a vault's secrets. Access-policy vaults: a policy for the caller (tenant and object id, and the
/// application id when the policy names one) with the permission, or "all". RBAC vaults: a role assignment whose
/// dataActions allow the action at the secret (or, for lists, the vault); management-plane roles such as Owner give
/// no data access.
/// </summary>
static class VaultAccess
{
    public static void Demand(EmulatorState state, ResourceRecord vault, TokenPrincipal caller, SecretOperation operation,
        string? secretName)
    {
        var identity = $"appid={caller.AppId};oid={caller.ObjectId};iss=https://sts.windows.net/{caller.TenantId}/";
        var vaultLabel = $"{vault.Name};location={vault.Location}";
        if (Vaults.RbacEnabled(vault))
        {
            var scope = secretName is null ? vault.Id : $"{vault.Id}/secrets/{secretName}";
            if (Rbac.IsAllowed(state, caller.ObjectId, scope, operation.DataAction, dataAction: true)) return;
            throw new KeyVaultException(HttpStatusCode.Forbidden, "Forbidden",
                "Caller is not authorized to perform action on resource.\r\n" +
                "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n" +
                $"Caller: {identity}\r\n" +
                $"Action: '{operation.DataAction}'\r\n" +
                $"Resource: '{scope.ToLowerInvariant()}'\r\n" +
                "Assignment: (not found)\r\n" +
                "DenyAssignmentId: null\r\n" +
                "DecisionReason: 'DeniedWithNoValidRBAC' \r\n" +
                $"Vault: {vaultLabel}\r\n",
                "ForbiddenByRbac");
        }

        if (PolicyAllows(vault, caller, operation.Permission)) return;
        throw new KeyVaultException(HttpStatusCode.Forbidden, "Forbidden",
            $"The user, group or application '{identity}' does not have secrets {operation.Permission} permission on key vault " +
            $"'{vaultLabel}'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287",
            "AccessDenied");
    }

    static bool PolicyAllows(ResourceRecord vault, TokenPrincipal caller, string permission) =>
        (vault.Properties["accessPolicies"] as JsonArray ?? []).OfType<JsonObject>().Any(policy =>
            Same((string?)policy["tenantId"], caller.TenantId)
            && Same((string?)policy["objectId"], caller.ObjectId)
            && ((string?)policy["applicationId"] is not { Length: > 0 } application || Same(application, caller.AppId))
            && (policy["permissions"]?["secrets"] as JsonArray ?? []).Any(p =>
                Same((string?)p, permission) || Same((string?)p, "all")));

    static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.Authorization;

/// <summary>A built-in role: what it allows on the management plane (actions) and on data planes (dataActions).</summary>
public sealed record RoleDefinition(
    string Id,
    string Name,
    string Description,
    string[] Actions,
    string[] NotActions,
    string[] DataActions,
    string[] NotDataActions);

/// <summary>
/// Azure RBAC as the emulator enforces it: built-in role definitions with their real ids, role assignments stored
/// as resources (<c>{scope}/providers/Microsoft.Authorization/roleAssignments/{id}</c>), inherited by every scope
/// below the assignment's. As in Azure, actions never grant dataActions: an Owner cannot read a secret from an
/// RBAC-mode vault without a data role.
/// </summary>
public static class Rbac
{
    public const string AssignmentType = "Microsoft.Authorization/roleAssignments";

    public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    public const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    public const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    public const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    public const string AcrPush = "8311e382-0749-4cb8-b61a-304f252e45ec";
    public const string KeyVaultAdministrator = "00482a5a-887f-4fb3-b363-3b7fe8e74483";
    public const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    static readonly string[] KeyVaultReads =
    [
        "Microsoft.Authorization/*/read", "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read",
        "Microsoft.KeyVault/checkNameAvailability/read", "Microsoft.KeyVault/deletedVaults/read", "Microsoft.KeyVault/locations/*/read",
        "Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/operations/read",
    ];

    public static readonly IReadOnlyList<RoleDefinition> BuiltIn =
    [
        new(Owner, "Owner", "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
            ["*"], [], [], []),
        new(Contributor, "Contributor",
            "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.",
            ["*"], ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action"], [], []),
        new(Reader, "Reader", "View all resources, but does not allow you to make any changes.", ["*/read"], [], [], []),
        new(UserAccessAdministrator, "User Access Administrator", "Lets you manage user access to Azure resources.",
            ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"], [], [], []),
        new(AcrPull, "AcrPull", "acr pull", ["Microsoft.ContainerRegistry/registries/pull/read"], [], [], []),
        new(AcrPush, "AcrPush", "acr push",
            ["Microsoft.ContainerRegistry/registries/pull/read", "Microsoft.ContainerRegistry/registries/push/write"], [], [], []),
        new(KeyVaultAdministrator, "Key Vault Administrator",
            "Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets.",
            KeyVaultReads, [], ["Microsoft.KeyVault/vaults/*"], []),
        new(KeyVaultSecretsOfficer, "Key Vault Secrets Officer",
            "Perform any action on the secrets of a key vault, except manage permissions.",
            KeyVaultReads, [], ["Microsoft.KeyVault/vaults/secrets/*"], []),
        new(KeyVaultSecretsUser, "Key Vault Secrets User", "Read secret contents.",
            [], [], ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"], []),
    ];

    public static RoleDefinition? Definition(string idOrRoleDefinitionId) =>
        BuiltIn.FirstOrDefault(d => idOrRoleDefinitionId.EndsWith(d.Id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The full role definition id ARM uses in assignments for a subscription.</summary>
    public static string DefinitionId(string subscriptionId, string roleId) =>
        $"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{roleId}";

    /// <summary>Stores a role assignment; the same principal, role and scope twice is refused by the caller as Azure does.</summary>
    public static ResourceRecord Assign(EmulatorState state, string scope, string assignmentName, string roleDefinitionId,
        string principalId, string principalType, DateTimeOffset now, string? createdBy)
    {
        var id = $"{scope.TrimEnd('/')}/providers/{AssignmentType}/{assignmentName}";
        var record = new ResourceRecord
        {
            Id = id,
            Type = AssignmentType,
            Name = assignmentName,
            CreatedAt = now,
            ModifiedAt = now,
            CreatedBy = createdBy,
            ProvisionedAt = now,
            Properties = new JsonObject
            {
                ["roleDefinitionId"] = roleDefinitionId,
                ["principalId"] = principalId,
                ["principalType"] = principalType,
                ["scope"] = scope.TrimEnd('/'),
            },
        };
        state.Resources[id] = record;
        return record;
    }

    /// <summary>
    /// Assignments that apply at a scope: made at that scope or any scope above it, and (when <paramref name="madeBy"/> is
    /// given) made no later than that: a data plane sees a new assignment only once it has propagated.
    /// </summary>
    public static IEnumerable<ResourceRecord> AssignmentsFor(EmulatorState state, string principalId, string scope, DateTimeOffset? madeBy = null) =>
        AssignmentsOf(state, principalId).Where(r => Covers(ScopeOf(r), scope) && (madeBy is null || r.CreatedAt <= madeBy));

    /// <summary>Every assignment the principal holds, at any scope.</summary>
    static IEnumerable<ResourceRecord> AssignmentsOf(EmulatorState state, string principalId) =>
        state.Resources.Values.Where(r => r.Type == AssignmentType
                                          && string.Equals((string?)r.Properties["principalId"], principalId, StringComparison.OrdinalIgnoreCase));

    static string ScopeOf(ResourceRecord assignment) => (string?)assignment.Properties["scope"] ?? "";

    /// <summary>
    /// Whether the principal may perform <paramref name="action"/> (or the data action) on <paramref name="scope"/>,
    /// counting only assignments made by <paramref name="madeBy"/> when it is given.
    /// </summary>
    public static bool IsAllowed(EmulatorState state, string principalId, string scope, string action, bool dataAction = false,
        DateTimeOffset? madeBy = null) =>
        AssignmentsFor(state, principalId, scope, madeBy)
            .Select(a => Definition((string?)a.Properties["roleDefinitionId"] ?? ""))
            .Any(role => role is not null && Grants(role, action, dataAction));

    /// <summary>
    /// <see cref="IsAllowed"/> for one principal and many scopes, as a listing of thousands of resources asks (Resource
    /// Graph): the principal's assignments are read once, and each action is matched against their roles once, instead of
    /// the whole state being read for every row.
    /// </summary>
    public static Func<string, string, bool> CheckerFor(EmulatorState state, string principalId)
    {
        var held = AssignmentsOf(state, principalId)
            .Select(r => (Scope: ScopeOf(r), Role: Definition((string?)r.Properties["roleDefinitionId"] ?? "")))
            .Where(h => h.Role is not null)
            .ToList();
        var granting = new Dictionary<string, bool[]>(StringComparer.OrdinalIgnoreCase);
        return (scope, action) =>
        {
            if (!granting.TryGetValue(action, out var grants))
                granting[action] = grants = held.Select(h => Grants(h.Role!, action, false)).ToArray();
            for (var i = 0; i < held.Count; i++)
                if (grants[i] && Covers(held[i].Scope, scope)) return true;
            return false;
        };
    }

    static bool Grants(RoleDefinition role, string action, bool dataAction) => dataAction
        ? Matches(role.DataActions, action) && !Matches(role.NotDataActions, action)
        : Matches(role.Actions, action) && !Matches(role.NotActions, action);

    /// <summary>Whether the principal holds any role at, above or below the scope: what lets ARM show it a subscription.</summary>
    public static bool HasAnyRoleWithin(EmulatorState state, string principalId, string scope) =>
        AssignmentsOf(state, principalId).Any(r => Covers(ScopeOf(r), scope) || Covers(scope, ScopeOf(r)));

    /// <summary>An assignment at <paramref name="assignmentScope"/> covers <paramref name="scope"/> when it is the same or an ancestor.</summary>
    public static bool Covers(string assignmentScope, string scope)
    {
        var above = assignmentScope.TrimEnd('/');
        return above.Length == 0 || above == "/"
               || scope.Equals(above, StringComparison.OrdinalIgnoreCase)
               || scope.StartsWith(above + "/", StringComparison.OrdinalIgnoreCase);
    }

    static bool Matches(IEnumerable<string> patterns, string action) =>
        patterns.Any(p => Regex.IsMatch(action, "^" + Regex.Escape(p).Replace("\\*", ".*") + "$", RegexOptions.IgnoreCase));

    /// <summary>ARM's refusal for a caller without the needed role.</summary>
    public static Arm.ArmException Forbidden(string appId, string objectId, string action, string scope) =>
        new(System.Net.HttpStatusCode.Forbidden, "AuthorizationFailed",
            $"The client '{appId}' with object id '{objectId}' does not have authorization to perform action '{action}' over scope " +
            $"'{scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.");
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using Azure.Core;

namespace AcrGeo.Operations;

/// <summary>A role assignment, as much of it as the module needs.</summary>
sealed record RoleAssignment(string Id, string RoleDefinitionId, string PrincipalId, string Scope, DateTimeOffset? CreatedOn = null)
{
    public string RoleId => RoleDefinitionId.Substring(RoleDefinitionId.LastIndexOf('/') + 1);

    /// <summary>AcrPull or AcrPush given on exactly this scope (not inherited from above it).</summary>
    public bool IsPullRoleOn(string scope) =>
        Scope.Equals(scope, StringComparison.OrdinalIgnoreCase)
        && (RoleId.Equals(Roles.AcrPull, StringComparison.OrdinalIgnoreCase) || RoleId.Equals(Roles.AcrPush, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Built-in roles by their fixed ids.</summary>
public static class Roles
{
    public const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    public const string AcrPush = "8311e382-0749-4cb8-b61a-304f252e45ec";
    public const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    public static string IdOf(string name) => name.ToLowerInvariant() switch
    {
        "acrpull" => AcrPull,
        "acrpush" => AcrPush,
        _ => throw new AcrGeoException(ErrorIds.InvalidRole, AcrErrorCategory.InvalidArgument,
            $"'{name}' is not a pull role; use AcrPull (pull only) or AcrPush (pull and push).", name),
    };

    public static string NameOf(string roleId) =>
        roleId.EndsWith(AcrPush, StringComparison.OrdinalIgnoreCase) ? "AcrPush"
        : roleId.EndsWith(AcrPull, StringComparison.OrdinalIgnoreCase) ? "AcrPull"
        : roleId;
}

/// <summary>Role assignments, and the question "may this principal do that, there?" answered as Azure would.</summary>
sealed class AuthorizationOperations
{
    const string Version = "2022-04-01";
    readonly AcrGeoConnection connection;

    public AuthorizationOperations(AcrGeoConnection connection) => this.connection = connection;

    string DefinitionId(string roleId) =>
        $"/subscriptions/{connection.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{roleId}";

    /// <summary>Assignments of the principal that apply at the scope: made there or above.</summary>
    public async Task<IReadOnlyList<RoleAssignment>> ListForPrincipalAsync(string scope, string principalId, OperationContext context)
    {
        var path = ArmPath.FromResourceId(scope).Provider("Microsoft.Authorization", "roleAssignments")
            .Query("$filter", $"principalId eq '{principalId}'");
        var items = await connection.Rest.ListAsync(path, Version, context, scope).ConfigureAwait(false);
        return items.Select(ToAssignment).ToList();
    }

    /// <summary>Every assignment that applies at the scope (made there or above), whoever holds it.</summary>
    public async Task<IReadOnlyList<RoleAssignment>> ListAtScopeAsync(string scope, OperationContext context)
    {
        var path = ArmPath.FromResourceId(scope).Provider("Microsoft.Authorization", "roleAssignments").Query("$filter", "atScope()");
        var items = await connection.Rest.ListAsync(path, Version, context, scope).ConfigureAwait(false);
        return items.Select(ToAssignment).ToList();
    }

    /// <summary>Assigns a role; an identical assignment that already exists is returned, so re-running converges.</summary>
    public async Task<RoleAssignment> AssignAsync(string scope, string roleId, string principalId, OperationContext context)
    {
        var existing = (await ListForPrincipalAsync(scope, principalId, context).ConfigureAwait(false))
            .FirstOrDefault(a => a.RoleId.Equals(roleId, StringComparison.OrdinalIgnoreCase) && a.Scope.Equals(scope, StringComparison.OrdinalIgnoreCase));
        if (existing is not null) return existing;
        // principalType is sent so a principal created moments ago is not refused while the directory replicates.
        var reply = await connection.Rest.SendAsync(RequestMethod.Put,
            ArmPath.FromResourceId(scope).Provider("Microsoft.Authorization", "roleAssignments", Guid.NewGuid().ToString()), Version,
            new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["roleDefinitionId"] = DefinitionId(roleId),
                    ["principalId"] = principalId,
                    ["principalType"] = "ServicePrincipal",
                },
            }, context).ConfigureAwait(false);
        return reply.IsSuccess ? ToAssignment(reply.Object) : throw reply.ToException(scope);
    }

    public async Task RemoveAsync(string assignmentId, OperationContext context)
    {
        var reply = await connection.Rest.SendAsync(RequestMethod.Delete, ArmPath.FromResourceId(assignmentId), Version, null, context).ConfigureAwait(false);
        if (!reply.IsSuccess && reply.Status != 404) throw reply.ToException(assignmentId);
    }

    /// <summary>
    /// Whether the principal may perform an action (or data action) at a scope: its assignments there and above,
    /// evaluated against their role definitions' actions and notActions. Lets commands refuse up front instead of
    /// failing halfway.
    /// </summary>
    public async Task<bool> IsAllowedAsync(string principalId, string scope, string action, bool dataAction, OperationContext context) =>
        (await AllowingAsync(principalId, scope, action, dataAction, context).ConfigureAwait(false)).Count > 0;

    /// <summary>The principal's assignments at or above the scope whose role allows the action (none: it may not).</summary>
    public async Task<IReadOnlyList<RoleAssignment>> AllowingAsync(string principalId, string scope, string action, bool dataAction,
        OperationContext context)
    {
        var assignments = await ListForPrincipalAsync(scope, principalId, context).ConfigureAwait(false);
        var allowing = new List<RoleAssignment>();
        foreach (var role in assignments.GroupBy(a => a.RoleDefinitionId, StringComparer.OrdinalIgnoreCase))
        {
            var definition = await connection.Rest.GetAsync(ArmPath.FromResourceId(role.Key), Version, context, role.Key).ConfigureAwait(false);
            foreach (var permission in (definition["properties"]?["permissions"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
            {
                var allowed = Strings(permission[dataAction ? "dataActions" : "actions"]);
                var denied = Strings(permission[dataAction ? "notDataActions" : "notActions"]);
                if (!Matches(allowed, action) || Matches(denied, action)) continue;
                allowing.AddRange(role);
                break;
            }
        }
        return allowing;
    }

    static IEnumerable<string> Strings(JsonNode? node) => (node as JsonArray ?? new JsonArray()).Select(n => n?.ToString() ?? "");

    static bool Matches(IEnumerable<string> patterns, string action) =>
        patterns.Any(p => Regex.IsMatch(action, "^" + Regex.Escape(p).Replace("\\*", ".*") + "$", RegexOptions.IgnoreCase));

    static RoleAssignment ToAssignment(JsonObject json) => new(
        (string?)json["id"] ?? "",
        (string?)json["properties"]?["roleDefinitionId"] ?? "",
        (string?)json["properties"]?["principalId"] ?? "",
        (string?)json["properties"]?["scope"] ?? "",
        DateTimeOffset.TryParse((string?)json["properties"]?["createdOn"], out var created) ? created : null);
}

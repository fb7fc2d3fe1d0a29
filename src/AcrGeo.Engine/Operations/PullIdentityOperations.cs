using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Input;
using AcrGeo.Models;
using Azure.Core;

namespace AcrGeo.Operations;

/// <summary>
/// User-assigned managed identities that may pull from one registry: the secretless pull credential. An identity is an
/// ARM resource (Microsoft.ManagedIdentity/userAssignedIdentities) with a service principal of its own; AcrPull on the
/// registry is assigned to that principal. Nothing here has a password, so nothing expires or can leak.
/// </summary>
public sealed class PullIdentityOperations
{
    internal const string Version = "2023-01-31";
    const string Namespace = "Microsoft.ManagedIdentity";
    const string Type = "userAssignedIdentities";
    const string RoleAssignmentWrite = "Microsoft.Authorization/roleAssignments/write";
    internal const string PullAction = "Microsoft.ContainerRegistry/registries/pull/read";

    /// <summary>Azure's rule for identity names: 3 to 128 letters, digits, hyphens and underscores, a letter or digit first.</summary>
    static readonly Regex Guid = new(@"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\z");

    readonly AcrGeoConnection connection;
    readonly AuthorizationOperations authorization;

    public PullIdentityOperations(AcrGeoConnection connection)
    {
        this.connection = connection;
        authorization = new AuthorizationOperations(connection);
    }

    ArmPath Path(string resourceGroup, string name) => connection.SubscriptionPath.ResourceGroup(resourceGroup).Provider(Namespace, Type, name);

    public static void CheckName(string name) => InputRules.IdentityName(name);

    /// <summary>
    /// The identity a resource id names, checked before any request: a user-assigned identity
    /// (<c>/subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}</c>).
    /// </summary>
    public static (string SubscriptionId, string ResourceGroup, string Name) CheckId(string identityId)
    {
        var parts = (identityId ?? "").Split('/');
        var valid = parts.Length == 9 && parts[0].Length == 0
                    && parts[1].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) && Guid.IsMatch(parts[2])
                    && parts[3].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase) && parts[4].Length > 0
                    && parts[5].Equals("providers", StringComparison.OrdinalIgnoreCase)
                    && parts[6].Equals(Namespace, StringComparison.OrdinalIgnoreCase)
                    && parts[7].Equals(Type, StringComparison.OrdinalIgnoreCase) && IsIdentityName(parts[8]);
        return valid
            ? (parts[2], parts[4], parts[8])
            : throw new AcrGeoException(ErrorIds.InvalidPullIdentity, AcrErrorCategory.InvalidArgument,
                $"'{InputRules.Printable(identityId ?? "")}' is not the resource id of a user-assigned managed identity " +
                $"(/subscriptions/<id>/resourceGroups/<group>/providers/{Namespace}/{Type}/<name>). New-AcrPullIdentity makes one.", identityId);
    }

    static bool IsIdentityName(string name)
    {
        try
        {
            InputRules.IdentityName(name);
            return true;
        }
        catch (AcrGeoException)
        {
            return false;
        }
    }

    /// <summary>An identity of this connection's subscription, where the container group goes.</summary>
    (string ResourceGroup, string Name) ParseId(string identityId)
    {
        var (subscription, resourceGroup, name) = CheckId(identityId);
        if (!subscription.Equals(connection.SubscriptionId, StringComparison.OrdinalIgnoreCase))
            throw new AcrGeoException(ErrorIds.InvalidPullIdentity, AcrErrorCategory.InvalidArgument,
                $"The identity '{identityId}' is in subscription {subscription}, not in {connection.SubscriptionId} where the container group goes.",
                identityId);
        return (resourceGroup, name);
    }

    /// <summary>
    /// Makes the identity and gives it AcrPull on the registry alone, or completes and returns the one a previous run
    /// made: an existing identity is kept as it is, an existing assignment is not made twice. The signed-in identity's
    /// right to assign roles on the registry is checked before anything is created.
    /// </summary>
    public async Task<AcrPullIdentity> CreateAsync(AcrRegistry registry, string name, string resourceGroup, string? location,
        OperationContext context)
    {
        CheckName(name);
        InputRules.ResourceGroupName(resourceGroup);
        if (location is not null) InputRules.RegionName(location);
        var region = location is null ? InputRules.NormalizeRegion(registry.Location) : await RequireRegionAsync(location, context).ConfigureAwait(false);
        var caller = await connection.GetCallerAsync(context).ConfigureAwait(false);
        if (!await authorization.IsAllowedAsync(caller.ObjectId, registry.Id, RoleAssignmentWrite, false, context).ConfigureAwait(false))
            throw new AcrGeoException(ErrorIds.RoleAssignmentDenied, AcrErrorCategory.PermissionDenied,
                $"The signed-in identity ({caller}) may not assign roles on registry '{registry.Name}'; it needs Owner or User Access " +
                "Administrator on the registry, its resource group or the subscription. Nothing was created.", registry);

        var path = Path(resourceGroup, name);
        var existing = await connection.Rest.SendAsync(RequestMethod.Get, path, Version, null, context).ConfigureAwait(false);
        JsonObject identity;
        if (existing.IsSuccess)
        {
            context.Log($"Managed identity '{name}' exists in '{resourceGroup}'; keeping it.");
            identity = existing.Object;
        }
        else if (existing.ErrorCode == "ResourceGroupNotFound")
            throw GroupNotFound(resourceGroup);
        else if (existing.Status != 404)
            throw existing.ToException(name);
        else
            identity = null!;

        return await ChangeJournal.RunAsync(context, "Run the same New-AcrPullIdentity command again to finish; it keeps the identity and " +
            "does not assign the role twice.", async journal =>
        {
            if (!existing.IsSuccess)
            {
                var what = $"managed identity '{name}' in resource group '{resourceGroup}'";
                journal.Sent(what);
                var created = await connection.Rest.SendAsync(RequestMethod.Put, path, Version, new JsonObject { ["location"] = region }, context)
                    .ConfigureAwait(false);
                identity = created.IsSuccess ? created.Object : throw created.ToException(name);
                journal.Done($"created {what}", what);
            }
            var principalId = PrincipalOf(identity);
            // The identity's principal is new to the directory: AssignAsync names its type, so replication does not refuse it.
            var role = $"AcrPull for '{name}' on registry '{registry.Name}'";
            journal.Sent(role);
            var assignment = await authorization.AssignAsync(registry.Id, Roles.AcrPull, principalId, context).ConfigureAwait(false);
            journal.Done($"assigned {role}", role);
            return Describe(identity, registry, assignment);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The user-assigned identities holding AcrPull or AcrPush on the registry itself (the rule Get-AcrPullPrincipal counts
    /// principals by), each with the container groups that pull with it: one list each of the registry's role assignments,
    /// the identities (of the subscription, or of one resource group) and the container groups, sent together. A name that
    /// matches none of them is PullIdentityNotFound.
    /// </summary>
    public async Task<IReadOnlyList<AcrPullIdentity>> ListAsync(AcrRegistry registry, string? name, string? resourceGroup, OperationContext context)
    {
        if (name is not null) CheckName(name);
        if (resourceGroup is not null) InputRules.ResourceGroupName(resourceGroup);
        var assignments = authorization.ListAtScopeAsync(registry.Id, context);
        var identities = connection.Rest.ListAsync(resourceGroup is null
            ? connection.SubscriptionPath.Provider(Namespace, Type)
            : connection.SubscriptionPath.ResourceGroup(resourceGroup).Provider(Namespace, Type), Version, context, resourceGroup);
        var groups = new ContainerInstanceOperations(connection).ListAllDefinitionsAsync(context);
        await Task.WhenAll(assignments, identities, groups).ConfigureAwait(false);

        var pulling = assignments.Result.Where(a => a.IsPullRoleOn(registry.Id))
            .GroupBy(a => a.PrincipalId, StringComparer.OrdinalIgnoreCase)
            // AcrPull first: the narrower role is the one this module gives.
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.RoleId.Equals(Roles.AcrPull, StringComparison.OrdinalIgnoreCase) ? 0 : 1).First(),
                StringComparer.OrdinalIgnoreCase);
        var found = identities.Result
            .Where(i => name is null || string.Equals((string?)i["name"], name, StringComparison.OrdinalIgnoreCase))
            .Select(i => (Identity: i, Assignment: pulling.TryGetValue(PrincipalOf(i), out var assignment) ? assignment : null))
            .Where(found => found.Assignment is not null)
            .Select(found => Describe(found.Identity, registry, found.Assignment!,
                ContainerInstanceOperations.IdentityUsersOf(groups.Result, registry.LoginServer, (string?)found.Identity["id"] ?? "")))
            .OrderBy(i => i.ResourceGroupName, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return name is not null && found.Count == 0
            ? throw new AcrGeoException(ErrorIds.PullIdentityNotFound, AcrErrorCategory.ObjectNotFound,
                $"No managed identity named '{name}'{(resourceGroup is null ? "" : $" in resource group '{resourceGroup}'")} holds AcrPull or AcrPush " +
                $"on registry '{registry.Name}'. Get-AcrPullIdentity -Registry {registry.Name} lists those that do; New-AcrPullIdentity makes one.", name)
            : found;
    }

    /// <summary>
    /// Takes the identity's AcrPull and AcrPush on the registry away and then deletes the identity (with
    /// <paramref name="keepIdentity"/>, only the roles go). An identity that container groups still pull with is refused
    /// (PullIdentityInUse: their next start would fail to pull) unless <paramref name="force"/>. Roles given above the
    /// registry were not given by this module and stay; a warning names them. A run that stops midway is finished by running
    /// it again.
    /// </summary>
    public async Task RemoveAsync(AcrRegistry registry, string name, string resourceGroup, bool keepIdentity, bool force, OperationContext context)
    {
        CheckName(name);
        InputRules.ResourceGroupName(resourceGroup);
        var path = Path(resourceGroup, name);
        var reply = await connection.Rest.SendAsync(RequestMethod.Get, path, Version, null, context).ConfigureAwait(false);
        if (reply.ErrorCode == "ResourceGroupNotFound") throw GroupNotFound(resourceGroup);
        if (reply.Status == 404)
            throw new AcrGeoException(ErrorIds.PullIdentityNotFound, AcrErrorCategory.ObjectNotFound,
                $"Resource group '{resourceGroup}' holds no managed identity named '{name}': there is nothing to remove.", name);
        if (!reply.IsSuccess) throw reply.ToException(name);
        var identityId = (string?)reply.Object["id"] ?? "";
        var assignments = authorization.ListForPrincipalAsync(registry.Id, PrincipalOf(reply.Object), context);
        var groups = new ContainerInstanceOperations(connection).ListAllDefinitionsAsync(context);
        await Task.WhenAll(assignments, groups).ConfigureAwait(false);

        // Without the role, groups pulling from this registry with the identity fail; without the identity, every group using it.
        var users = ContainerInstanceOperations.IdentityUsersOf(groups.Result, keepIdentity ? registry.LoginServer : null, identityId);
        if (users.Count > 0 && !force)
            throw new AcrGeoException(ErrorIds.PullIdentityInUse, AcrErrorCategory.InvalidOperation,
                $"{users.Count} container group(s) pull with managed identity '{name}': {string.Join(", ", users.Select(ResourceIds.GroupAndName))}. " +
                "Their next start would fail to pull. Remove them or give them another credential first, or give -Force. Nothing was removed.", name);
        foreach (var inherited in assignments.Result.Where(a => !a.Scope.Equals(registry.Id, StringComparison.OrdinalIgnoreCase)))
            context.Warn($"Managed identity '{name}' keeps role {Roles.NameOf(inherited.RoleId)} given at {inherited.Scope}, above registry " +
                $"'{registry.Name}'; it was not given by AcrGeo and is not removed.");

        await ChangeJournal.RunAsync(context, "Run the same Remove-AcrPullIdentity command again to remove the rest.", async journal =>
        {
            foreach (var assignment in assignments.Result.Where(a => a.IsPullRoleOn(registry.Id)))
            {
                var what = $"the removal of role {Roles.NameOf(assignment.RoleId)} of '{name}' on registry '{registry.Name}'";
                journal.Sent(what);
                await authorization.RemoveAsync(assignment.Id, context).ConfigureAwait(false);
                journal.Done($"removed role {Roles.NameOf(assignment.RoleId)} of '{name}' on registry '{registry.Name}'", what);
            }
            if (keepIdentity) return;
            var deletion = $"the deletion of managed identity '{name}' in resource group '{resourceGroup}'";
            journal.Sent(deletion);
            var deleted = await connection.Rest.SendAsync(RequestMethod.Delete, path, Version, null, context).ConfigureAwait(false);
            if (!deleted.IsSuccess && deleted.Status != 404) throw deleted.ToException(name);
            journal.Done($"deleted managed identity '{name}' in resource group '{resourceGroup}'", deletion);
        }).ConfigureAwait(false);
    }

    static string PrincipalOf(JsonObject identity) => (string?)identity["properties"]?["principalId"] ?? "";

    /// <summary>The identity a container group will pull with, or PullIdentityNotFound.</summary>
    internal async Task<JsonObject> GetAsync(string identityId, OperationContext context)
    {
        var (resourceGroup, name) = ParseId(identityId);
        var reply = await connection.Rest.SendAsync(RequestMethod.Get, Path(resourceGroup, name), Version, null, context).ConfigureAwait(false);
        if (reply.Status == 404)
            throw new AcrGeoException(ErrorIds.PullIdentityNotFound, AcrErrorCategory.ObjectNotFound,
                $"The managed identity '{identityId}' does not exist, so a container group could not be assigned it. Create it with " +
                $"New-AcrPullIdentity -Name {name} -ResourceGroupName {resourceGroup} -Registry <registry>.", identityId);
        return reply.IsSuccess ? reply.Object : throw reply.ToException(identityId);
    }

    /// <summary>
    /// The identity's assignments that let it pull from the registry (a role with pull/read at the registry or above),
    /// or PullIdentityRoleMissing: what the container runtime's token exchange will ask.
    /// </summary>
    internal async Task<IReadOnlyList<RoleAssignment>> RequirePullRoleAsync(AcrRegistry registry, string identityId, string principalId,
        OperationContext context)
    {
        var allowing = await authorization.AllowingAsync(principalId, registry.Id, PullAction, false, context).ConfigureAwait(false);
        return allowing.Count > 0
            ? allowing
            : throw new AcrGeoException(ErrorIds.PullIdentityRoleMissing, AcrErrorCategory.PermissionDenied,
                $"The managed identity '{identityId}' holds no pull role on registry '{registry.Name}', so the container could not pull. " +
                $"Give it AcrPull there: New-AcrPullIdentity -Registry {registry.Name} -Name {identityId.Split('/').Last()} does.", identityId);
    }

    async Task<string> RequireRegionAsync(string location, OperationContext context)
    {
        var regions = await connection.Regions.GetAsync(context).ConfigureAwait(false);
        var name = InputRules.RegionName(location);
        return regions.Any(r => r.Name == name) ? name : throw ReplicaOperations.UnknownRegion(new[] { location }, regions);
    }

    static AcrGeoException GroupNotFound(string resourceGroup) =>
        new(ErrorIds.ResourceGroupNotFound, AcrErrorCategory.ObjectNotFound,
            $"Resource group '{resourceGroup}' does not exist in this subscription.", resourceGroup);

    static AcrPullIdentity Describe(JsonObject identity, AcrRegistry registry, RoleAssignment assignment, IReadOnlyList<string>? users = null)
    {
        var id = (string?)identity["id"] ?? "";
        return new AcrPullIdentity
        {
            Name = (string?)identity["name"] ?? "",
            ResourceGroupName = ResourceIds.ResourceGroup(id),
            Location = (string?)identity["location"] ?? "",
            Id = id,
            PrincipalId = (string?)identity["properties"]?["principalId"] ?? "",
            ClientId = (string?)identity["properties"]?["clientId"] ?? "",
            TenantId = (string?)identity["properties"]?["tenantId"] ?? "",
            RegistryName = registry.Name,
            LoginServer = registry.LoginServer,
            Role = Roles.NameOf(assignment.RoleId),
            Scope = registry.Id,
            RoleAssignmentId = assignment.Id,
            RoleAssignedOn = assignment.CreatedOn,
            ContainerInstances = users?.Select(ResourceIds.GroupAndName).ToList() ?? (IReadOnlyList<string>)Array.Empty<string>(),
        };
    }
}

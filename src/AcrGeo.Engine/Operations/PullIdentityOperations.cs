using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
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
    static readonly Regex IdentityName = new(@"^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}\z");
    static readonly Regex Guid = new(@"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\z");

    readonly AcrGeoConnection connection;
    readonly AuthorizationOperations authorization;

    public PullIdentityOperations(AcrGeoConnection connection)
    {
        this.connection = connection;
        authorization = new AuthorizationOperations(connection);
    }

    ArmPath Path(string resourceGroup, string name) => connection.SubscriptionPath.ResourceGroup(resourceGroup).Provider(Namespace, Type, name);

    public static void CheckName(string name)
    {
        if (!IdentityName.IsMatch(name ?? ""))
            throw new AcrGeoException(ErrorIds.InvalidIdentityName, AcrErrorCategory.InvalidArgument,
                $"'{ArmPath.Printable(name ?? "")}' is not a managed identity name: use 3 to 128 letters, digits, hyphens and underscores, " +
                "starting with a letter or digit.", name);
    }

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
                    && parts[7].Equals(Type, StringComparison.OrdinalIgnoreCase) && IdentityName.IsMatch(parts[8]);
        return valid
            ? (parts[2], parts[4], parts[8])
            : throw new AcrGeoException(ErrorIds.InvalidPullIdentity, AcrErrorCategory.InvalidArgument,
                $"'{ArmPath.Printable(identityId ?? "")}' is not the resource id of a user-assigned managed identity " +
                $"(/subscriptions/<id>/resourceGroups/<group>/providers/{Namespace}/{Type}/<name>). New-AcrPullIdentity makes one.", identityId);
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
        var region = location is null ? NameRules.Region(registry.Location) : await RequireRegionAsync(location, context).ConfigureAwait(false);
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
        {
            var created = await connection.Rest.SendAsync(RequestMethod.Put, path, Version, new JsonObject { ["location"] = region }, context)
                .ConfigureAwait(false);
            identity = created.IsSuccess ? created.Object : throw created.ToException(name);
        }

        var principalId = (string?)identity["properties"]?["principalId"] ?? "";
        // The identity's principal is new to the directory: AssignAsync names its type, so replication does not refuse it.
        var assignment = await authorization.AssignAsync(registry.Id, Roles.AcrPull, principalId, context).ConfigureAwait(false);
        return Describe(identity, registry, assignment);
    }

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
        var name = NameRules.Region(location);
        return regions.Any(r => r.Name == name) ? name : throw ReplicaOperations.UnknownRegion(new[] { location }, regions);
    }

    static AcrGeoException GroupNotFound(string resourceGroup) =>
        new(ErrorIds.ResourceGroupNotFound, AcrErrorCategory.ObjectNotFound,
            $"Resource group '{resourceGroup}' does not exist in this subscription.", resourceGroup);

    static AcrPullIdentity Describe(JsonObject identity, AcrRegistry registry, RoleAssignment assignment)
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
        };
    }
}

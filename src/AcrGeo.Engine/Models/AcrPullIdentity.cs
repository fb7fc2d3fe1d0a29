using System;

namespace AcrGeo.Models;

/// <summary>
/// A user-assigned managed identity that may pull from one registry: the secretless counterpart of
/// <see cref="AcrPullPrincipal"/>. It has no password to expire or leak; a container group that is assigned it pulls as it.
/// </summary>
public sealed class AcrPullIdentity
{
    public string Name { get; init; } = "";
    public string ResourceGroupName { get; init; } = "";
    public string Location { get; init; } = "";
    /// <summary>The identity's resource id: what a container group's identity list and registry credential name.</summary>
    public string Id { get; init; } = "";
    /// <summary>The same as <see cref="Id"/>: lets an identity bind to -PullIdentity further down the pipeline.</summary>
    public string PullIdentityId => Id;
    /// <summary>The object id of the identity's service principal: what role assignments name.</summary>
    public string PrincipalId { get; init; } = "";
    public string ClientId { get; init; } = "";
    public string TenantId { get; init; } = "";
    public string RegistryName { get; init; } = "";
    public string LoginServer { get; init; } = "";
    /// <summary>AcrPull.</summary>
    public string Role { get; init; } = "";
    /// <summary>The registry's resource id: the role applies there and nowhere else.</summary>
    public string Scope { get; init; } = "";
    public string? RoleAssignmentId { get; init; }
    /// <summary>When the role was assigned; a registry may take minutes to honour a new assignment.</summary>
    public DateTimeOffset? RoleAssignedOn { get; init; }
    /// <summary>The container groups that pull from the registry with this identity ("resourceGroup/name"); filled by Get-AcrPullIdentity.</summary>
    public System.Collections.Generic.IReadOnlyList<string> ContainerInstances { get; init; } = Array.Empty<string>();

    public override string ToString() => Id;
}

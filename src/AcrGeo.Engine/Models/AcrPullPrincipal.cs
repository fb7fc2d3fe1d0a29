using System;
using System.Collections.Generic;

namespace AcrGeo.Models;

/// <summary>
/// A service principal that may pull from one registry, and where its credentials are kept. Never holds the password:
/// Get-AcrPullCredential reads it from the vault into a PSCredential when it is needed.
/// </summary>
public sealed class AcrPullPrincipal
{
    public string RegistryName { get; init; } = "";
    public string LoginServer { get; init; } = "";
    public string ResourceGroupName { get; init; } = "";
    public string VaultName { get; init; } = "";
    public string UsernameSecretName { get; init; } = "";
    public string PasswordSecretName { get; init; } = "";
    /// <summary>The application (client) id: the user name for docker login and container groups.</summary>
    public string AppId { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string ServicePrincipalId { get; init; } = "";
    public string ApplicationObjectId { get; init; } = "";
    /// <summary>AcrPull or AcrPush.</summary>
    public string Role { get; init; } = "";
    /// <summary>The registry's resource id: the role applies there and nowhere else.</summary>
    public string Scope { get; init; } = "";
    public string? RoleAssignmentId { get; init; }
    /// <summary>When the stored password stops working; renew before with Reset-AcrPullPrincipalCredential.</summary>
    public DateTimeOffset? ExpiresOn { get; init; }
    /// <summary>The id of the password credential the vault holds.</summary>
    public string? CredentialKeyId { get; init; }
    /// <summary>
    /// The container groups whose registry credential is this principal ("resourceGroup/name"): the ones a password
    /// change must redeploy (Reset-AcrPullPrincipalCredential -UpdateContainerInstance). Filled by the sweep
    /// (Get-AcrPullPrincipal -ExpiringWithin).
    /// </summary>
    public IReadOnlyList<string> ContainerInstances { get; init; } = Array.Empty<string>();

    public bool IsExpired => ExpiresOn is { } end && end <= DateTimeOffset.UtcNow;

    public override string ToString() => $"{DisplayName} ({AppId})";
}

using System;
using System.Collections.Generic;

namespace AcrGeo.Models;

/// <summary>
/// What a password rotation with its container groups did: the new password's expiry, the groups redeployed with it and
/// Running, those that did not come back, and whether the old password was retired (only once every group was back).
/// </summary>
public sealed class AcrCredentialRotation
{
    public string RegistryName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string AppId { get; init; } = "";
    public string VaultName { get; init; } = "";
    public string Role { get; init; } = "";
    /// <summary>When the new password expires.</summary>
    public DateTimeOffset? ExpiresOn { get; init; }
    /// <summary>The groups now running with the new password.</summary>
    public IReadOnlyList<AcrContainerInstance> Updated { get; init; } = Array.Empty<AcrContainerInstance>();
    /// <summary>The groups that did not come back with it ("resourceGroup/name"); each is also written as an error.</summary>
    public IReadOnlyList<string> Failed { get; init; } = Array.Empty<string>();
    /// <summary>False when a group did not come back: the old password then still works, so nothing is left broken.</summary>
    public bool PreviousCredentialRemoved { get; init; }

    public override string ToString() => $"{DisplayName} ({AppId})";
}

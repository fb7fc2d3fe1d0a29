using System;

namespace AcrGeo;

/// <summary>The kinds of failure, mapped one to one onto PowerShell's ErrorCategory by the cmdlet layer.</summary>
public enum AcrErrorCategory
{
    InvalidArgument,
    ObjectNotFound,
    ResourceExists,
    InvalidOperation,
    PermissionDenied,
    AuthenticationError,
    OperationTimeout,
    LimitsExceeded,
    ConnectionError,
    ResourceUnavailable,
    InvalidData,
    WriteError,
}

/// <summary>
/// A failure with a stable, namespaced id (<c>AcrGeo.*</c>), a category, the input it concerns, and a message
/// that says what to do. Everything the engine throws on purpose is one of these.
/// </summary>
public sealed class AcrGeoException : Exception
{
    public AcrGeoException(string errorId, AcrErrorCategory category, string message, object? target = null,
        Exception? inner = null, string? armCode = null, int? httpStatus = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Category = category;
        Target = target;
        ArmCode = armCode;
        HttpStatus = httpStatus;
    }

    public string ErrorId { get; }
    public AcrErrorCategory Category { get; }
    public object? Target { get; }
    /// <summary>The service's own error code, when the service refused the request.</summary>
    public string? ArmCode { get; }
    public int? HttpStatus { get; }
}

/// <summary>The error ids the engine raises; stable across releases, so scripts can match on them.</summary>
public static class ErrorIds
{
    // Input, refused before any request (one rule per kind of value, in AcrGeo.Input.InputRules).
    public const string InvalidRegistryName = "AcrGeo.InvalidRegistryName";
    public const string InvalidReplicaName = "AcrGeo.InvalidReplicaName";
    public const string InvalidWebhookName = "AcrGeo.InvalidWebhookName";
    public const string InvalidWebhookUri = "AcrGeo.InvalidWebhookUri";
    public const string InvalidWebhookAction = "AcrGeo.InvalidWebhookAction";
    public const string InvalidWebhookScope = "AcrGeo.InvalidWebhookScope";
    public const string InvalidWebhookHeader = "AcrGeo.InvalidWebhookHeader";
    public const string InvalidSku = "AcrGeo.InvalidSku";
    public const string InvalidResourceGroupName = "AcrGeo.InvalidResourceGroupName";
    public const string InvalidRegionName = "AcrGeo.InvalidRegionName";
    public const string InvalidTag = "AcrGeo.InvalidTag";
    public const string InvalidVaultName = "AcrGeo.InvalidVaultName";
    public const string InvalidDisplayName = "AcrGeo.InvalidDisplayName";
    public const string InvalidExpiry = "AcrGeo.InvalidExpiry";
    public const string InvalidRole = "AcrGeo.InvalidRole";
    public const string InvalidImageName = "AcrGeo.InvalidImageName";
    public const string InvalidContainerGroupName = "AcrGeo.InvalidContainerGroupName";
    public const string InvalidContainerName = "AcrGeo.InvalidContainerName";
    public const string InvalidDnsNameLabel = "AcrGeo.InvalidDnsNameLabel";
    public const string InvalidPort = "AcrGeo.InvalidPort";
    public const string InvalidCpu = "AcrGeo.InvalidCpu";
    public const string InvalidMemory = "AcrGeo.InvalidMemory";
    public const string InvalidEnvironmentVariableName = "AcrGeo.InvalidEnvironmentVariableName";
    public const string InvalidSecureValue = "AcrGeo.InvalidSecureValue";
    public const string InvalidOsType = "AcrGeo.InvalidOsType";
    public const string InvalidRestartPolicy = "AcrGeo.InvalidRestartPolicy";
    public const string InvalidTimeout = "AcrGeo.InvalidTimeout";
    public const string InvalidSubscriptionId = "AcrGeo.InvalidSubscriptionId";
    public const string InvalidTenantId = "AcrGeo.InvalidTenantId";
    public const string InvalidClientId = "AcrGeo.InvalidClientId";
    public const string InvalidConnectionSetting = "AcrGeo.InvalidConnectionSetting";
    public const string InvalidConnection = "AcrGeo.InvalidConnection";
    /// <summary>A name or id that would reach outside its resource in a URL (the last guard, after the rules above).</summary>
    public const string InvalidPathSegment = "AcrGeo.InvalidPathSegment";
    public const string FileExists = "AcrGeo.FileExists";
    public const string FileWriteFailed = "AcrGeo.FileWriteFailed";

    // Known by a read before any write.
    public const string RegistryNotFound = "AcrGeo.RegistryNotFound";
    public const string RegistryNameAmbiguous = "AcrGeo.RegistryNameAmbiguous";
    public const string ResourceGroupNotFound = "AcrGeo.ResourceGroupNotFound";
    public const string RegistryNameNotAvailable = "AcrGeo.RegistryNameNotAvailable";
    public const string ReplicaNotFound = "AcrGeo.ReplicaNotFound";
    public const string WebhookNotFound = "AcrGeo.WebhookNotFound";
    public const string PremiumSkuRequired = "AcrGeo.PremiumSkuRequired";
    public const string SkuDowngradeWithReplicas = "AcrGeo.SkuDowngradeWithReplicas";
    public const string HomeRegionReplica = "AcrGeo.HomeRegionReplica";
    public const string HomeReplicaCannotBeDeleted = "AcrGeo.HomeReplicaCannotBeDeleted";
    public const string UnknownRegion = "AcrGeo.UnknownRegion";
    public const string RegionUnavailable = "AcrGeo.RegionUnavailable";
    public const string KeyVaultRegionUnavailable = "AcrGeo.KeyVaultRegionUnavailable";
    public const string WebhookRegionNotReplicated = "AcrGeo.WebhookRegionNotReplicated";
    public const string VaultNotFound = "AcrGeo.VaultNotFound";
    public const string VaultNameNotAvailable = "AcrGeo.VaultNameNotAvailable";
    public const string VaultAccessDenied = "AcrGeo.VaultAccessDenied";
    public const string RoleAssignmentDenied = "AcrGeo.RoleAssignmentDenied";
    public const string PullPrincipalNotFound = "AcrGeo.PullPrincipalNotFound";
    public const string PullPrincipalAmbiguous = "AcrGeo.PullPrincipalAmbiguous";
    public const string PullCredentialNotFound = "AcrGeo.PullCredentialNotFound";
    public const string ImageTagExists = "AcrGeo.ImageTagExists";
    public const string RegistryCredentialRequired = "AcrGeo.RegistryCredentialRequired";
    public const string RegistryCredentialRejected = "AcrGeo.RegistryCredentialRejected";
    public const string RegistryCredentialExpired = "AcrGeo.RegistryCredentialExpired";
    public const string PullRoleMissing = "AcrGeo.PullRoleMissing";
    public const string ImageNotFound = "AcrGeo.ImageNotFound";
    public const string ImageNotReplicated = "AcrGeo.ImageNotReplicated";
    public const string ContainerInstanceNotFound = "AcrGeo.ContainerInstanceNotFound";

    // Failures while changing things: each says what exists and how to finish.
    public const string ReplicaFailed = "AcrGeo.ReplicaFailed";
    public const string OperationFailed = "AcrGeo.OperationFailed";
    public const string WaitTimedOut = "AcrGeo.WaitTimedOut";
    public const string PullPrincipalIncomplete = "AcrGeo.PullPrincipalIncomplete";
    public const string CredentialNotAccepted = "AcrGeo.CredentialNotAccepted";
    public const string ContainerInstanceFailed = "AcrGeo.ContainerInstanceFailed";
    public const string InvalidIdentityName = "AcrGeo.InvalidIdentityName";
    public const string InvalidPullIdentity = "AcrGeo.InvalidPullIdentity";
    public const string PullIdentityNotFound = "AcrGeo.PullIdentityNotFound";
    public const string PullIdentityRoleMissing = "AcrGeo.PullIdentityRoleMissing";
    public const string PullIdentityInUse = "AcrGeo.PullIdentityInUse";
    public const string PullRoleNotPropagated = "AcrGeo.PullRoleNotPropagated";
    public const string InvalidImageDigest = "AcrGeo.InvalidImageDigest";
    public const string InvalidImportSource = "AcrGeo.InvalidImportSource";
    public const string InvalidExpiryWindow = "AcrGeo.InvalidExpiryWindow";
    public const string ContainerInstanceNotRedeployable = "AcrGeo.ContainerInstanceNotRedeployable";
    public const string ContainerInstanceNotUpdated = "AcrGeo.ContainerInstanceNotUpdated";

    // Geo-replication operations, desired state, images across regions.
    public const string HomeReplicaCannotBeUpdated = "AcrGeo.HomeReplicaCannotBeUpdated";
    public const string NothingToChange = "AcrGeo.NothingToChange";
    public const string InvalidSetting = "AcrGeo.InvalidSetting";
    public const string ReplicaStuck = "AcrGeo.ReplicaStuck";
    public const string InvalidDesiredState = "AcrGeo.InvalidDesiredState";
    public const string ImageReplicationTimedOut = "AcrGeo.ImageReplicationTimedOut";
    public const string RegionalEndpointUnreachable = "AcrGeo.RegionalEndpointUnreachable";
    public const string InvalidMapPath = "AcrGeo.InvalidMapPath";
    public const string EmulatorNotFound = "AcrGeo.EmulatorNotFound";
    public const string EmulatorPortInUse = "AcrGeo.EmulatorPortInUse";
    public const string EmulatorDataDirectoryInUse = "AcrGeo.EmulatorDataDirectoryInUse";
    public const string EmulatorStartFailed = "AcrGeo.EmulatorStartFailed";
    public const string NotAnEmulator = "AcrGeo.NotAnEmulator";

    // Sign-in and services that kept failing after the retries.
    public const string NotConnected = "AcrGeo.NotConnected";
    public const string AuthenticationFailed = "AcrGeo.AuthenticationFailed";
    public const string SignInUnavailable = "AcrGeo.SignInUnavailable";
    public const string ArmUnavailable = "AcrGeo.ArmUnavailable";
    public const string GraphUnavailable = "AcrGeo.GraphUnavailable";
    public const string KeyVaultUnavailable = "AcrGeo.KeyVaultUnavailable";
    public const string RegistryUnavailable = "AcrGeo.RegistryUnavailable";
    /// <summary>The last resort of the cmdlet bridge: an exception no rule foresaw, kept as the inner exception.</summary>
    public const string Unexpected = "AcrGeo.Unexpected";

    /// <summary>Prefix for refusals the engine did not foresee: <c>AcrGeo.Arm.{service error code}</c>.</summary>
    public const string ArmPrefix = "AcrGeo.Arm.";
    /// <summary>Prefix for Microsoft Graph's refusals: <c>AcrGeo.Graph.{service error code}</c>.</summary>
    public const string GraphPrefix = "AcrGeo.Graph.";
}

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
    public const string InvalidRegistryName = "AcrGeo.InvalidRegistryName";
    public const string InvalidReplicaName = "AcrGeo.InvalidReplicaName";
    public const string InvalidWebhookName = "AcrGeo.InvalidWebhookName";
    public const string InvalidWebhookUri = "AcrGeo.InvalidWebhookUri";
    public const string InvalidSku = "AcrGeo.InvalidSku";
    public const string InvalidPathSegment = "AcrGeo.InvalidPathSegment";
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
    public const string WebhookRegionNotReplicated = "AcrGeo.WebhookRegionNotReplicated";
    public const string ReplicaFailed = "AcrGeo.ReplicaFailed";
    public const string OperationFailed = "AcrGeo.OperationFailed";
    public const string WaitTimedOut = "AcrGeo.WaitTimedOut";
    public const string NotConnected = "AcrGeo.NotConnected";
    public const string InvalidConnection = "AcrGeo.InvalidConnection";
    public const string AuthenticationFailed = "AcrGeo.AuthenticationFailed";
    public const string InvalidRole = "AcrGeo.InvalidRole";
    public const string InvalidVaultName = "AcrGeo.InvalidVaultName";
    public const string VaultNotFound = "AcrGeo.VaultNotFound";
    public const string VaultNameNotAvailable = "AcrGeo.VaultNameNotAvailable";
    public const string VaultAccessDenied = "AcrGeo.VaultAccessDenied";
    public const string RoleAssignmentDenied = "AcrGeo.RoleAssignmentDenied";
    public const string InvalidExpiry = "AcrGeo.InvalidExpiry";
    public const string PullPrincipalNotFound = "AcrGeo.PullPrincipalNotFound";
    public const string PullPrincipalAmbiguous = "AcrGeo.PullPrincipalAmbiguous";
    public const string PullPrincipalIncomplete = "AcrGeo.PullPrincipalIncomplete";
    public const string PullCredentialNotFound = "AcrGeo.PullCredentialNotFound";
    public const string CredentialNotAccepted = "AcrGeo.CredentialNotAccepted";
    public const string InvalidImageName = "AcrGeo.InvalidImageName";
    public const string InvalidContainerGroup = "AcrGeo.InvalidContainerGroup";
    public const string RegistryCredentialRequired = "AcrGeo.RegistryCredentialRequired";
    public const string RegistryCredentialRejected = "AcrGeo.RegistryCredentialRejected";
    public const string RegistryCredentialExpired = "AcrGeo.RegistryCredentialExpired";
    public const string PullRoleMissing = "AcrGeo.PullRoleMissing";
    public const string ImageNotFound = "AcrGeo.ImageNotFound";
    public const string ImageNotReplicated = "AcrGeo.ImageNotReplicated";
    public const string ContainerInstanceNotFound = "AcrGeo.ContainerInstanceNotFound";
    public const string ContainerInstanceFailed = "AcrGeo.ContainerInstanceFailed";
    public const string InvalidIdentityName = "AcrGeo.InvalidIdentityName";
    public const string InvalidPullIdentity = "AcrGeo.InvalidPullIdentity";
    public const string PullIdentityNotFound = "AcrGeo.PullIdentityNotFound";
    public const string PullIdentityRoleMissing = "AcrGeo.PullIdentityRoleMissing";
    public const string PullRoleNotPropagated = "AcrGeo.PullRoleNotPropagated";
    public const string InvalidImageDigest = "AcrGeo.InvalidImageDigest";
    public const string ImageTagExists = "AcrGeo.ImageTagExists";
    public const string InvalidImportSource = "AcrGeo.InvalidImportSource";
    public const string InvalidExpiryWindow = "AcrGeo.InvalidExpiryWindow";
    public const string ContainerInstanceNotRedeployable = "AcrGeo.ContainerInstanceNotRedeployable";
    public const string ContainerInstanceNotUpdated = "AcrGeo.ContainerInstanceNotUpdated";
    public const string HomeReplicaCannotBeUpdated = "AcrGeo.HomeReplicaCannotBeUpdated";
    public const string NothingToChange = "AcrGeo.NothingToChange";
    public const string InvalidSetting = "AcrGeo.InvalidSetting";
    public const string ReplicaStuck = "AcrGeo.ReplicaStuck";
    public const string InvalidTimeout = "AcrGeo.InvalidTimeout";
    public const string InvalidSubscriptionId = "AcrGeo.InvalidSubscriptionId";
    public const string InvalidDesiredState = "AcrGeo.InvalidDesiredState";
    public const string ImageReplicationTimedOut = "AcrGeo.ImageReplicationTimedOut";
    public const string RegionalEndpointUnreachable = "AcrGeo.RegionalEndpointUnreachable";
    public const string InvalidWebhookAction = "AcrGeo.InvalidWebhookAction";
    public const string InvalidMapPath = "AcrGeo.InvalidMapPath";
    public const string EmulatorNotFound = "AcrGeo.EmulatorNotFound";
    public const string EmulatorPortInUse = "AcrGeo.EmulatorPortInUse";
    public const string EmulatorDataDirectoryInUse = "AcrGeo.EmulatorDataDirectoryInUse";
    public const string EmulatorStartFailed = "AcrGeo.EmulatorStartFailed";
    public const string NotAnEmulator = "AcrGeo.NotAnEmulator";
    /// <summary>Prefix for refusals the engine did not foresee: <c>AcrGeo.Arm.{service error code}</c>.</summary>
    public const string ArmPrefix = "AcrGeo.Arm.";
}

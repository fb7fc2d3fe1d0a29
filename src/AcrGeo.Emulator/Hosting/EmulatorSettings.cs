namespace AcrGeo.Emulator.Hosting;

/// <summary>The emulator's timings, adjustable while it runs through the admin API.</summary>
public sealed class EmulatorSettings
{
    /// <summary>How long a create or update stays Creating/Updating before it Succeeds.</summary>
    public TimeSpan ProvisioningDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a new replica reports Syncing after it is provisioned.</summary>
    public TimeSpan SyncDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The Retry-After the emulator sends with long-running operations: 10, as Container Registry sends on its replication
    /// and webhook operations. Tests and demos that want speed lower it (admin API, --retry-after).
    /// </summary>
    public int RetryAfterSeconds { get; set; } = 10;

    /// <summary>How many items one page of a list holds before a nextLink is given.</summary>
    public int PageSize { get; set; } = 20;

    /// <summary>Lifetime of the access tokens the emulator issues.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a new service principal stays unknown to role assignments that do not name its principalType
    /// (Entra ID's replication delay, the reason clients send principalType).
    /// </summary>
    public TimeSpan PrincipalReplicationDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a new role assignment takes to reach the registries' data plane (Azure says up to ten minutes): until then a
    /// registry token does not carry what it grants, so a container group that pulls with the new role fails. Zero by
    /// default; ARM's own checks see assignments at once.
    /// </summary>
    public TimeSpan RoleAssignmentPropagationDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long after a replica's delete has finished ARM still refuses a new replica in its region
    /// (<c>ReplicationBeingDeleted</c>): the conflict window of azure-rest-api-specs issue 18934.
    /// </summary>
    public TimeSpan ReplicaRecreateDelay { get; set; } = TimeSpan.Zero;
    /// <summary>Whether Azure Resource Graph answers; off, the emulator is a cloud without it (as Azure Stack Hub is).</summary>
    public bool ResourceGraphEnabled { get; set; } = true;

    /// <summary>ARM's request budgets, on by default with Azure's limits.</summary>
    public Arm.ThrottlingSettings Throttling { get; set; } = new();

    public EmulatorSettings Clone() => (EmulatorSettings)MemberwiseClone();
}

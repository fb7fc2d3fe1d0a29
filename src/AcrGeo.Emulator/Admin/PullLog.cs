namespace AcrGeo.Emulator.Admin;

/// <summary>
/// One image pull by Container Instances (on create, redeploy, start and restart), as the emulator judged it. Azure
/// reports every failed pull alike (InaccessibleImage); this log says which cause it was, so a test can show that a
/// credential change broke no pull. It names the credential by kind and user name or identity, never by password.
/// </summary>
public sealed record PullLogEntry(
    long Sequence,
    DateTimeOffset Time,
    string ContainerGroup,
    string Image,
    string Region,
    string Credential,
    string? Principal,
    bool Succeeded,
    string Result);

/// <summary>The emulator's pull log: bounded, thread-safe, readable and clearable through the admin API.</summary>
public sealed class PullLog : BoundedLog<PullLogEntry>
{
    /// <summary>Records a pull; <paramref name="failure"/> is null when it succeeded, else why it did not.</summary>
    public void Add(DateTimeOffset time, string group, string image, string region, string credential, string? principal, string? failure) =>
        Add(sequence => new PullLogEntry(sequence, time, group, image, region, credential, principal, failure is null, failure ?? "Pulled"));
}

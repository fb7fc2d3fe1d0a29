using AcrGeo.Emulator.Admin;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.ContainerRegistry;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.Identity;
using AcrGeo.Emulator.ManagedIdentity;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ContainerInstance;

/// <summary>
/// What Container Instances does before it runs a group: pull every container's image. An image in an emulated registry
/// (<c>{registry}.azurecr.io/...</c>) is pulled with the group's credentials for that server: a user name and password,
/// judged exactly as the registry's own token exchange would judge them (<see cref="RegistryDataPlane.MayPull"/>), or a
/// user-assigned identity of the group, whose role assignments on the registry count once they have propagated. It pulls
/// from the replica in the group's region (else the home region), and only once the image has arrived there. Images
/// from the public catalogue need nothing. Every failure is the same <c>InaccessibleImage</c>, as in Azure: the message
/// never says which cause it was; the pull log does.
/// </summary>
sealed class ImagePullCheck(StateStore store, TokenService tokens, EmulatorSettings settings, PullLog log)
{
    const string RegistrySuffix = ".azurecr.io";

    /// <summary>The digest each container's image resolves to, in container order; throws InaccessibleImage.</summary>
    public IReadOnlyList<string> Pull(string group, string region, IReadOnlyList<ContainerDefinition> containers,
        IReadOnlyList<RegistryCredential> credentials) =>
        containers.Select(c =>
        {
            var credential = CredentialFor(c.Image, credentials);
            var (digest, failure) = Resolve(c.Image, region, credential);
            log.Add(store.Now, group, c.Image, region, Kind(credential), credential?.Identity ?? credential?.Username, failure);
            return digest ?? throw Inaccessible(c.Image, group);
        }).ToList();

    public static ArmException Inaccessible(string image, string group) =>
        ArmException.BadRequest("InaccessibleImage",
            $"The image '{image}' in container group '{group}' is not accessible. Please check the image and registry credential.");

    static RegistryCredential? CredentialFor(string image, IReadOnlyList<RegistryCredential> credentials) =>
        ImageReference.Parse(image) is { } reference
            ? credentials.FirstOrDefault(c => c.Server.Equals(reference.Host, StringComparison.OrdinalIgnoreCase))
            : null;

    static string Kind(RegistryCredential? credential) =>
        credential is null ? "None" : credential.Password is not null ? "Password" : "Identity";

    /// <summary>The digest, or null and why the pull failed.</summary>
    (string? Digest, string? Failure) Resolve(string image, string region, RegistryCredential? credential)
    {
        var reference = ImageReference.Parse(image);
        if (reference is null) return (null, "InvalidImageReference");
        if (!reference.Host.EndsWith(RegistrySuffix, StringComparison.Ordinal))
            return RegistryContent.PublicImageDigest(image) is { } publicDigest ? (publicDigest, null) : (null, "ImageNotFound");

        var registry = store.Read(state => RegistryDataPlane.FindByLoginServer(state, reference.Host));
        if (registry is null) return (null, "RegistryNotFound");

        var failure = credential is { Password: null, Identity: { } identity }
            ? IdentityMayPull(registry, identity)
            // No credentials for the server: an anonymous pull, which works only where the registry allows it.
            : RegistryDataPlane.MayPull(store, tokens, settings, registry, credential is null ? null : credential.Username ?? "", credential?.Password)
                ? null
                : credential is null ? "AnonymousPullDenied" : "CredentialRejectedOrNoPullRole";
        if (failure is not null) return (null, failure);

        var lookup = store.Read(state => state.Find(registry.Id) is { } current
            ? RegistryContent.Find(state, current, region, reference.Repository, reference.Reference, store.Now)
            : null);
        return lookup is { Found: true } ? (lookup.Digest, null) : (null, "ImageNotInReplica");
    }

    /// <summary>Null when the identity may pull from the registry now; else why not.</summary>
    string? IdentityMayPull(ResourceRecord registry, string identityId)
    {
        var principalId = store.Read(state => UserAssignedIdentities.Find(state, identityId) is { } identity
            ? UserAssignedIdentities.Ids(identity).PrincipalId
            : null);
        if (principalId is null) return "IdentityNotFound";
        return RegistryDataPlane.PrincipalActions(store, settings, registry, principalId).Contains("pull") ? null : "IdentityHasNoPullRole";
    }
}

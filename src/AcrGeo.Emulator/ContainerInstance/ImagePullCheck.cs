using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.ContainerRegistry;
using AcrGeo.Emulator.Identity;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ContainerInstance;

/// <summary>
/// What Container Instances does before it runs a group: pull every container's image. An image in an emulated registry
/// (<c>{registry}.azurecr.io/...</c>) is pulled with the group's credentials for that server, exactly as the registry's
/// own token exchange would judge them (<see cref="RegistryDataPlane.MayPull"/>), from the replica in the group's region
/// (else the home region), and only once the image has arrived there. Images from the public catalogue need nothing.
/// Every failure is the same <c>InaccessibleImage</c>, as in Azure: the message never says which cause it was.
/// </summary>
sealed class ImagePullCheck(StateStore store, TokenService tokens)
{
    const string RegistrySuffix = ".azurecr.io";

    /// <summary>The digest each container's image resolves to, in container order; throws InaccessibleImage.</summary>
    public IReadOnlyList<string> Pull(string group, string region, IReadOnlyList<ContainerDefinition> containers,
        IReadOnlyList<RegistryCredential> credentials) =>
        containers.Select(c => Resolve(c.Image, region, credentials) ?? throw Inaccessible(c.Image, group)).ToList();

    public static ArmException Inaccessible(string image, string group) =>
        ArmException.BadRequest("InaccessibleImage",
            $"The image '{image}' in container group '{group}' is not accessible. Please check the image and registry credential.");

    string? Resolve(string image, string region, IReadOnlyList<RegistryCredential> credentials)
    {
        var reference = ImageReference.Parse(image);
        if (reference is null) return null;
        if (!reference.Host.EndsWith(RegistrySuffix, StringComparison.Ordinal))
            return RegistryContent.PublicImageDigest(image);

        var registry = store.Read(state => RegistryDataPlane.FindByLoginServer(state, reference.Host));
        if (registry is null) return null;

        // No credentials for the server: an anonymous pull, which works only where the registry allows it.
        var credential = credentials.FirstOrDefault(c => c.Server.Equals(reference.Host, StringComparison.OrdinalIgnoreCase));
        // Managed identities are not emulated: a credential that is only an identity cannot sign in here.
        if (credential is { Password: null }) return null;
        if (!RegistryDataPlane.MayPull(store, tokens, registry, credential is null ? null : credential.Username ?? "", credential?.Password))
            return null;

        var lookup = store.Read(state => state.Find(registry.Id) is { } current
            ? RegistryContent.Find(state, current, region, reference.Repository, reference.Reference, store.Now)
            : null);
        return lookup is { Found: true } ? lookup.Digest : null;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Input;
using AcrGeo.Models;
using Azure.Core;

namespace AcrGeo.Operations;

/// <summary>Images in a registry: importing them without Docker, and listing repositories and tags.</summary>
public sealed class ImageOperations
{
    readonly AcrGeoConnection connection;

    public ImageOperations(AcrGeoConnection connection) => this.connection = connection;

    /// <summary>
    /// Copies an image into the registry (importImage, no Docker): from a public registry, or from another registry
    /// of the subscription by its resource id, so no credentials are needed. References are checked before any request.
    /// An existing target tag is refused unless <paramref name="force"/>, read before the import is sent: when it already
    /// holds the very image (the same digest, as after an import whose end went unseen), the import is done and the image
    /// is returned, so running the command again converges.
    /// </summary>
    public async Task<AcrImage> ImportAsync(AcrRegistry registry, string source, string? target, bool force, OperationContext context)
    {
        var from = ImageReference.Parse(source);
        if (target is null && from.IsDigest)
            throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                $"'{InputRules.Printable(source)}' names its image by digest, which gives no tag to import it as. Give -Image repository:tag.", source);
        var to = ImageReference.Parse(target ?? $"{(from.RepositoryPath.StartsWith("library/", StringComparison.Ordinal) ? from.RepositoryPath.Substring(8) : from.RepositoryPath)}:{from.Reference}");
        if (to.Registry is not null && !to.Registry.Equals(registry.LoginServer, StringComparison.OrdinalIgnoreCase))
            throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                $"The target '{InputRules.Printable(target)}' names another registry; give only repository:tag (it goes into {registry.LoginServer}).", target);
        if (to.IsDigest)
            throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                "The target must be repository:tag, not a digest.", target);

        var sourceJson = new JsonObject { ["sourceImage"] = from.RepositoryAndReference };
        var sourceHost = from.Registry ?? "docker.io";
        AcrRegistry? sourceRegistry = null;
        if (sourceHost.EndsWith(connection.Cloud.LoginServerSuffix, StringComparison.OrdinalIgnoreCase))
        {
            sourceRegistry = (await new RegistryOperations(connection).ListAsync(null, context).ConfigureAwait(false))
                .FirstOrDefault(r => r.LoginServer.Equals(sourceHost, StringComparison.OrdinalIgnoreCase));
            if (sourceRegistry is not null) sourceJson["resourceId"] = sourceRegistry.Id;
            else sourceJson["registryUri"] = sourceHost;
            context.Log(sourceRegistry is null ? $"Importing from {sourceHost} by its address." : $"Importing from registry '{sourceRegistry.Name}' of this subscription.");
        }
        else
        {
            sourceJson["registryUri"] = sourceHost;
        }
        var image = new AcrImage
        {
            RegistryName = registry.Name, LoginServer = registry.LoginServer, Repository = to.RepositoryPath, Tag = to.Reference,
            LastUpdated = DateTimeOffset.UtcNow,
        };

        var plane = new RegistryDataPlane(connection);
        if (!force && await plane.TagDigestAsync(registry, to.RepositoryPath, to.Reference, context).ConfigureAwait(false) is { } existing)
        {
            var sourceDigest = from.Digest ?? (sourceRegistry is not null
                ? await plane.DigestAsync(sourceRegistry, from.RepositoryPath, from.Reference, context).ConfigureAwait(false)
                : await plane.PublicDigestAsync(DataPlaneHost(sourceHost),
                    from.Registry is null && !from.RepositoryPath.Contains("/") ? "library/" + from.RepositoryPath : from.RepositoryPath,
                    from.Reference, context).ConfigureAwait(false));
            if (sourceDigest != existing)
                throw new AcrGeoException(ErrorIds.ImageTagExists, AcrErrorCategory.ResourceExists,
                    $"{registry.LoginServer} already has {to.RepositoryAndReference} ({existing}), and it is not the image {source} " +
                    $"{(sourceDigest is null ? "(whose digest the source registry does not tell)" : $"({sourceDigest})")}. Add -Force to overwrite " +
                    "the tag, or import under another tag with -Image.", to.RepositoryAndReference);
            context.Log($"{registry.LoginServer} already holds {to.RepositoryAndReference} as {existing}, the same image; nothing to import.");
            return new AcrImage
            {
                RegistryName = image.RegistryName, LoginServer = image.LoginServer, Repository = image.Repository, Tag = image.Tag, Digest = existing,
                LastUpdated = image.LastUpdated,
            };
        }

        var body = new JsonObject
        {
            ["source"] = sourceJson,
            ["targetTags"] = new JsonArray(to.RepositoryAndReference),
            ["mode"] = force ? "Force" : "NoForce",
        };
        var progress = new ProgressReporter(context, 400, $"Importing {from.WithRegistry(sourceHost)} into {registry.LoginServer}");
        try
        {
            return await ChangeJournal.RunAsync(context, "Run the same Import-AcrImage command again to finish: an image that arrived is kept.",
                async journal =>
                {
                    var what = $"the import of {source} as {registry.LoginServer}/{to.RepositoryAndReference}";
                    journal.Sent(what);
                    await LongRunning.RunAsync(connection.Rest, RequestMethod.Post, registry.Path.Child("importImage"), ApiVersions.ContainerRegistry,
                        body, connection.Settings.PollInterval, progress.Status, context, source).ConfigureAwait(false);
                    journal.Done($"imported {source} as {registry.LoginServer}/{to.RepositoryAndReference}", what);
                    return image;
                }).ConfigureAwait(false);
        }
        finally
        {
            progress.Complete();
        }
    }

    /// <summary>Docker Hub's images are served by registry-1.docker.io; other registries by their own name.</summary>
    static string DataPlaneHost(string host) => host is "docker.io" or "index.docker.io" ? "registry-1.docker.io" : host;

    /// <summary>The registry's repositories and tags (through the registry's own API, as the signed-in identity).</summary>
    public Task<IReadOnlyList<AcrImage>> ListAsync(AcrRegistry registry, string? repository, OperationContext context) =>
        new RegistryDataPlane(connection).ListAsync(registry, repository, context);
}

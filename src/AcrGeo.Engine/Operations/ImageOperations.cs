using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Input;
using AcrGeo.Models;
using Azure.Core;

namespace AcrGeo.Operations;

/// <summary>What <see cref="ImageOperations.ImportAsync"/> copies, from where, and how.</summary>
public sealed record ImageImportRequest
{
    /// <summary>The image to copy: [registry/]repository[:tag|@digest], or repository[:tag|@digest] with <see cref="SourceRegistryId"/>.</summary>
    public string Source { get; init; } = "";
    /// <summary>repository:tag in the target registry; default: the source's repository and tag.</summary>
    public string? Target { get; init; }
    /// <summary>Overwrite a target tag that exists; without it such a tag is refused before anything is sent.</summary>
    public bool Force { get; init; }
    /// <summary>Another registry of the subscription, by resource id: the signed-in identity's pull right there is used.</summary>
    public string? SourceRegistryId { get; init; }
    /// <summary>A user name and password (or token) for a private source registry.</summary>
    public string? SourceUserName { get; init; }
    public System.Security.SecureString? SourcePassword { get; init; }
    /// <summary>Return once the import is accepted, without waiting for it to finish.</summary>
    public bool NoWait { get; init; }
}

/// <summary>Images in a registry: importing them without Docker, and listing repositories and tags.</summary>
public sealed class ImageOperations
{
    static readonly Regex RegistryId = new(
        @"^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/Microsoft\.ContainerRegistry/registries/[a-zA-Z0-9]{5,50}\z",
        RegexOptions.IgnoreCase);

    readonly AcrGeoConnection connection;

    public ImageOperations(AcrGeoConnection connection) => this.connection = connection;

    /// <summary>
    /// Copies an image into the registry (importImage, no Docker): from a public registry, from a private one with a
    /// user name and password, from another registry of the subscription by its resource id or login server (the
    /// signed-in identity's own pull right is used), or from a replica's regional endpoint. Everything is checked before
    /// the import is sent: the references and digests, the source, and that the target tag does not exist (unless
    /// <see cref="ImageImportRequest.Force"/>).
    /// </summary>
    public async Task<AcrImage> ImportAsync(AcrRegistry registry, ImageImportRequest request, OperationContext context)
    {
        var (from, to) = Check(request);
        if (to.Registry is not null && !to.Registry.Equals(registry.LoginServer, StringComparison.OrdinalIgnoreCase))
            throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                $"The target '{InputRules.Printable(request.Target)}' names another registry; give only repository:tag (it goes into {registry.LoginServer}).",
                request.Target);

        var plane = new RegistryDataPlane(connection);
        if (!request.Force && await plane.TagDigestAsync(registry, to.RepositoryPath, to.Reference, context).ConfigureAwait(false) is { } existing)
        {
            // The same image already there (as after an import whose end went unseen) is the import done: a re-run converges.
            var sourceDigest = from.Digest ?? await SourceDigestAsync(request, from, plane, context).ConfigureAwait(false);
            if (sourceDigest != existing)
                throw new AcrGeoException(ErrorIds.ImageTagExists, AcrErrorCategory.ResourceExists,
                    $"{registry.LoginServer} already has {to.RepositoryAndReference} ({existing}), and it is not the image {request.Source} " +
                    $"{(sourceDigest is null ? "(whose digest could not be read from its registry)" : $"({sourceDigest})")}. Give -Force to " +
                    "overwrite the tag, or import under another tag with -Image.", to.RepositoryAndReference);
            context.Log($"{registry.LoginServer} already holds {to.RepositoryAndReference} as {existing}, the same image; nothing to import.");
            return new AcrImage
            {
                RegistryName = registry.Name, LoginServer = registry.LoginServer, Repository = to.RepositoryPath, Tag = to.Reference,
                Digest = existing, LastUpdated = DateTimeOffset.UtcNow,
            };
        }

        var (sourceJson, sourceName) = await SourceAsync(request, from, plane, context).ConfigureAwait(false);
        var body = new JsonObject
        {
            ["source"] = sourceJson,
            ["targetTags"] = new JsonArray(to.RepositoryAndReference),
            ["mode"] = request.Force ? "Force" : "NoForce",
        };
        var path = registry.Path.Child("importImage");
        var progress = new ProgressReporter(context, 400, $"Importing {sourceName} into {registry.LoginServer}");
        try
        {
            return await ChangeJournal.RunAsync(context, "Run the same Import-AcrImage command again to finish: an image that arrived is kept.",
                async journal =>
                {
                    var what = $"the import of {sourceName} as {registry.LoginServer}/{to.RepositoryAndReference}";
                    journal.Sent(what);
                    if (request.NoWait)
                    {
                        var reply = await connection.Rest.SendAsync(RequestMethod.Post, path, ApiVersions.ContainerRegistry, body, context).ConfigureAwait(false);
                        if (!reply.IsSuccess) throw reply.ToException(request.Source);
                        context.Log($"Import of {sourceName} accepted; not waiting for it (-NoWait).");
                    }
                    else
                    {
                        await LongRunning.RunAsync(connection.Rest, RequestMethod.Post, path, ApiVersions.ContainerRegistry, body,
                            connection.Settings.PollInterval, progress.Status, context, request.Source).ConfigureAwait(false);
                        journal.Done($"imported {sourceName} as {registry.LoginServer}/{to.RepositoryAndReference}", what);
                    }
                    return new AcrImage
                    {
                        RegistryName = registry.Name, LoginServer = registry.LoginServer, Repository = to.RepositoryPath, Tag = to.Reference,
                        LastUpdated = request.NoWait ? null : DateTimeOffset.UtcNow,
                    };
                }).ConfigureAwait(false);
        }
        finally
        {
            progress.Complete();
        }
    }

    /// <summary>
    /// The digest the source names, read before an import onto an existing tag: from a registry of the subscription through
    /// the token exchange, from a public registry anonymously. Null when it cannot be told (a private registry's
    /// credentials are used only by ACR itself, and a registry that does not answer tells nothing).
    /// </summary>
    async Task<string?> SourceDigestAsync(ImageImportRequest request, ImageReference from, RegistryDataPlane plane, OperationContext context)
    {
        if (request.SourceUserName is not null) return null;
        try
        {
            var suffix = connection.Cloud.LoginServerSuffix;
            var host = from.Registry ?? "docker.io";
            if (request.SourceRegistryId is null && !host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return await plane.PublicDigestAsync(DataPlaneHost(host),
                    from.Registry is null && !from.RepositoryPath.Contains("/") ? "library/" + from.RepositoryPath : from.RepositoryPath,
                    from.Reference, context).ConfigureAwait(false);
            var loginServer = request.SourceRegistryId is null ? host.Substring(0, host.IndexOf('.')) + suffix : null;
            var source = (await new RegistryOperations(connection).ListAsync(null, context).ConfigureAwait(false))
                .FirstOrDefault(r => request.SourceRegistryId is { } id
                    ? r.Id.Equals(id, StringComparison.OrdinalIgnoreCase)
                    : r.LoginServer.Equals(loginServer, StringComparison.OrdinalIgnoreCase));
            return source is null ? null : await plane.DigestAsync(source, from.RepositoryPath, from.Reference, context).ConfigureAwait(false);
        }
        catch (AcrGeoException e) when (e.ErrorId == ErrorIds.RegistryUnavailable || e.ErrorId == ErrorIds.ArmPrefix + "RegistryDataPlane")
        {
            context.Log($"The source's digest could not be read ({e.Message}).");
            return null;
        }
    }

    /// <summary>Docker Hub's images are served by registry-1.docker.io; other registries by their own name.</summary>
    static string DataPlaneHost(string host) => host is "docker.io" or "index.docker.io" ? "registry-1.docker.io" : host;

    /// <summary>
    /// Every rule of the import that needs no request, so a caller can refuse bad input before it sends anything: the
    /// source and target references and digests, and the combinations of source, registry id and credential that cannot work.
    /// </summary>
    public static (ImageReference From, ImageReference To) Check(ImageImportRequest request)
    {
        static AcrGeoException Invalid(string message, object? target) =>
            new(ErrorIds.InvalidImportSource, AcrErrorCategory.InvalidArgument, message, target);
        var from = ImageReference.Parse(request.Source);
        if (request.Target is null && from.IsDigest && from.Tag is null)
            throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                $"'{InputRules.Printable(request.Source)}' names its image by digest, which gives no tag to import it as. Give -Image repository:tag.",
                request.Source);
        var repository = from.RepositoryPath.StartsWith("library/", StringComparison.Ordinal) ? from.RepositoryPath.Substring(8) : from.RepositoryPath;
        var to = ImageReference.Parse(request.Target ?? $"{repository}:{from.Tag ?? from.Reference}");
        if (to.IsDigest)
            throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                "The target must be repository:tag, not a digest.", request.Target);
        if ((request.SourceUserName is null) != (request.SourcePassword is null))
            throw Invalid("A source credential needs both a user name and a password.", request.SourceUserName);
        if (request.SourceRegistryId is not { } id) return (from, to);
        if (!RegistryId.IsMatch(id))
            throw Invalid($"'{InputRules.Printable(id)}' is not the resource id of a container registry " +
                          "(/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ContainerRegistry/registries/<name>).", id);
        if (from.Registry is not null)
            throw Invalid($"With -SourceRegistryId the source is repository:tag in that registry; '{request.Source}' names a registry host too.",
                request.Source);
        if (request.SourceUserName is not null)
            throw Invalid("A registry named by resource id is read with the signed-in identity's own access; give -Credential only with a " +
                          "source registry's address.", id);
        return (from, to);
    }

    /// <summary>The import's source as ACR takes it, and a name for it that holds no secret.</summary>
    async Task<(JsonObject Source, string Name)> SourceAsync(ImageImportRequest request, ImageReference from, RegistryDataPlane plane,
        OperationContext context)
    {
        var json = new JsonObject { ["sourceImage"] = from.RepositoryAndReference };
        if (request.SourceRegistryId is { } id)
        {
            json["resourceId"] = id;
            return (json, $"{from.RepositoryAndReference} of {id.Split('/').Last()}");
        }
        var host = from.Registry ?? "docker.io";
        json["registryUri"] = host;
        if (request.SourceUserName is { } user)
        {
            json["credentials"] = new JsonObject { ["username"] = user, ["password"] = SecureText.Reveal(request.SourcePassword!) };
            return (json, from.WithRegistry(host));
        }

        var suffix = connection.Cloud.LoginServerSuffix;
        if (!host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return (json, from.WithRegistry(host));
        var labels = host.Substring(0, host.Length - suffix.Length).Split('.');
        // <registry>.<region>.geo.azurecr.io: a replica's regional endpoint, which serves what has reached that replica.
        var regional = labels.Length == 3 && labels[2] == "geo";
        var loginServer = labels[0] + suffix;
        var source = (await new RegistryOperations(connection).ListAsync(null, context).ConfigureAwait(false))
            .FirstOrDefault(r => r.LoginServer.Equals(loginServer, StringComparison.OrdinalIgnoreCase));
        if (source is null)
        {
            if (regional)
                throw new AcrGeoException(ErrorIds.InvalidImportSource, AcrErrorCategory.InvalidArgument,
                    $"{loginServer} is not a registry of this subscription, so its regional endpoint {host} needs -Credential.", request.Source);
            context.Log($"Importing from {host} by its address.");
            return (json, from.WithRegistry(host));
        }
        if (!regional)
        {
            json.Remove("registryUri");
            json["resourceId"] = source.Id;
            context.Log($"Importing from registry '{source.Name}' of this subscription.");
            return (json, from.WithRegistry(host));
        }
        // ACR reads a registry address with credentials: the signed-in identity's own registry refresh token serves as the
        // password of the null user, as 'az acr login --expose-token' gives it.
        json["credentials"] = new JsonObject
        {
            ["username"] = RegistryDataPlane.TokenUser,
            ["password"] = await plane.RefreshTokenForCallerAsync(source, context).ConfigureAwait(false),
        };
        context.Log($"Importing from the {labels[1]} replica of '{source.Name}' through its regional endpoint, as the signed-in identity.");
        return (json, from.WithRegistry(host));
    }

    /// <summary>The registry's repositories and tags (through the registry's own API, as the signed-in identity).</summary>
    public Task<IReadOnlyList<AcrImage>> ListAsync(AcrRegistry registry, string? repository, OperationContext context) =>
        new RegistryDataPlane(connection).ListAsync(registry, repository, context);
}

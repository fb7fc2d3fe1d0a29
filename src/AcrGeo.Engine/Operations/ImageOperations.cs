using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Models;
using Azure.Core;

namespace AcrGeo.Operations;

/// <summary>An image reference taken apart: registry host, repository, and tag or digest.</summary>
public sealed class ImageReference
{
    const string Repository = @"^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*\z";
    static readonly Regex RepositoryName = new(Repository);
    static readonly Regex TagName = new(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z");
    static readonly Regex HostName = new(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?\z");
    static readonly Regex Digest = new(@"^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})\z");

    ImageReference(string? registry, string repository, string reference)
    {
        Registry = registry;
        RepositoryPath = repository;
        Reference = reference;
    }

    /// <summary>The registry host, or null for a short name ("aci-helloworld:v1").</summary>
    public string? Registry { get; }
    public string RepositoryPath { get; }
    /// <summary>A tag, or a digest ("sha256:...").</summary>
    public string Reference { get; }
    public bool IsDigest => Reference.StartsWith("sha256:", StringComparison.Ordinal) || Reference.StartsWith("sha512:", StringComparison.Ordinal);
    public string RepositoryAndReference => RepositoryPath + (IsDigest ? "@" : ":") + Reference;

    public string WithRegistry(string host) => $"{host}/{RepositoryAndReference}";

    /// <summary>
    /// Parses "host/repo:tag", "repo:tag", "repo" (tag latest) or "repo@sha256:&lt;64 hex&gt;"; refuses what a registry would
    /// (AcrGeo.InvalidImageName), and a digest that is not one (AcrGeo.InvalidImageDigest).
    /// </summary>
    public static ImageReference Parse(string image)
    {
        var text = image ?? "";
        string? registry = null;
        var slash = text.IndexOf('/');
        if (slash > 0)
        {
            var first = text.Substring(0, slash);
            if (first.Contains(".") || first.Contains(":") || first == "localhost")
            {
                registry = first.ToLowerInvariant();
                text = text.Substring(slash + 1);
                if (!HostName.IsMatch(registry))
                    throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                        $"'{ArmPath.Printable(image ?? "")}' names a registry host that is not a host name: '{ArmPath.Printable(first)}'.", image);
            }
        }
        string repository, reference;
        var at = text.IndexOf('@');
        var colon = text.LastIndexOf(':');
        if (at > 0)
        {
            repository = text.Substring(0, at);
            reference = text.Substring(at + 1);
        }
        else if (colon > text.LastIndexOf('/'))
        {
            repository = text.Substring(0, colon);
            reference = text.Substring(colon + 1);
        }
        else
        {
            repository = text;
            reference = "latest";
        }
        if (at > 0 && RepositoryName.IsMatch(repository) && !Digest.IsMatch(reference))
            throw new AcrGeoException(ErrorIds.InvalidImageDigest, AcrErrorCategory.InvalidArgument,
                $"'{ArmPath.Printable(image ?? "")}' names a digest that is not one: a digest is sha256: and 64 lowercase hexadecimal " +
                "digits (or sha512: and 128), as Get-AcrImage shows it.", image);
        if (!RepositoryName.IsMatch(repository) || !(at > 0 || TagName.IsMatch(reference)))
            throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                $"'{ArmPath.Printable(image ?? "")}' is not an image reference: use [registry/]repository[:tag], with a lowercase repository " +
                "such as 'aci-helloworld:v1' or 'mcr.microsoft.com/azuredocs/aci-helloworld:latest'.", image);
        // Docker Hub's official images live under library/.
        if (registry is "docker.io" or "registry-1.docker.io" && !repository.Contains("/")) repository = "library/" + repository;
        return new ImageReference(registry, repository, reference);
    }
}

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
                $"The target '{request.Target}' names another registry; give only repository:tag (it goes into {registry.LoginServer}).", request.Target);

        var plane = new RegistryDataPlane(connection);
        if (!request.Force && await plane.TagExistsAsync(registry, to.RepositoryPath, to.Reference, context).ConfigureAwait(false))
            throw new AcrGeoException(ErrorIds.ImageTagExists, AcrErrorCategory.ResourceExists,
                $"{registry.LoginServer} already has {to.RepositoryAndReference}. Give -Force to overwrite it, or another -Image.",
                to.RepositoryAndReference);

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
            var reply = await connection.Rest.SendAsync(RequestMethod.Post, path, ApiVersions.ContainerRegistry, body, context).ConfigureAwait(false);
            if (request.NoWait)
            {
                if (!reply.IsSuccess) throw reply.ToException(request.Source);
                context.Log($"Import of {sourceName} accepted; not waiting for it (-NoWait).");
            }
            else
                await LongRunning.CompleteAsync(connection.Rest, reply, RequestMethod.Post, path, ApiVersions.ContainerRegistry,
                    connection.Settings.PollInterval, progress.Status, context, request.Source).ConfigureAwait(false);
        }
        finally
        {
            progress.Complete();
        }
        return new AcrImage
        {
            RegistryName = registry.Name, LoginServer = registry.LoginServer, Repository = to.RepositoryPath, Tag = to.Reference,
            LastUpdated = request.NoWait ? null : DateTimeOffset.UtcNow,
        };
    }

    /// <summary>
    /// Every rule of the import that needs no request, so a caller can refuse bad input before it sends anything: the
    /// source and target references and digests, and the combinations of source, registry id and credential that cannot work.
    /// </summary>
    public static (ImageReference From, ImageReference To) Check(ImageImportRequest request)
    {
        static AcrGeoException Invalid(string message, object? target) =>
            new(ErrorIds.InvalidImportSource, AcrErrorCategory.InvalidArgument, message, target);
        var from = ImageReference.Parse(request.Source);
        var to = ImageReference.Parse(request.Target ?? from.RepositoryAndReference.Replace("library/", ""));
        if (to.IsDigest)
            throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                "The target must be repository:tag, not a digest.", request.Target);
        if ((request.SourceUserName is null) != (request.SourcePassword is null))
            throw Invalid("A source credential needs both a user name and a password.", request.SourceUserName);
        if (request.SourceRegistryId is not { } id) return (from, to);
        if (!RegistryId.IsMatch(id))
            throw Invalid($"'{ArmPath.Printable(id)}' is not the resource id of a container registry " +
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

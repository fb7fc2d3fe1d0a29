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
    const string Repository = "^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$";
    static readonly Regex RepositoryName = new(Repository);
    static readonly Regex TagName = new(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");

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
    public bool IsDigest => Reference.StartsWith("sha256:", StringComparison.Ordinal);
    public string RepositoryAndReference => RepositoryPath + (IsDigest ? "@" : ":") + Reference;

    public string WithRegistry(string host) => $"{host}/{RepositoryAndReference}";

    /// <summary>Parses "host/repo:tag", "repo:tag", "repo" (tag latest) or "repo@sha256:..."; refuses what a registry would.</summary>
    public static ImageReference Parse(string image)
    {
        var text = (image ?? "").Trim();
        string? registry = null;
        var slash = text.IndexOf('/');
        if (slash > 0)
        {
            var first = text.Substring(0, slash);
            if (first.Contains(".") || first.Contains(":") || first == "localhost")
            {
                registry = first.ToLowerInvariant();
                text = text.Substring(slash + 1);
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
        if (!RepositoryName.IsMatch(repository) || !(reference.StartsWith("sha256:", StringComparison.Ordinal) || TagName.IsMatch(reference)))
            throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                $"'{image}' is not an image reference: use [registry/]repository[:tag], with a lowercase repository such as " +
                "'aci-helloworld:v1' or 'mcr.microsoft.com/azuredocs/aci-helloworld:latest'.", image);
        // Docker Hub's official images live under library/.
        if (registry is "docker.io" or "registry-1.docker.io" && !repository.Contains("/")) repository = "library/" + repository;
        return new ImageReference(registry, repository, reference);
    }
}

/// <summary>Images in a registry: importing them without Docker, and listing repositories and tags.</summary>
public sealed class ImageOperations
{
    readonly AcrGeoConnection connection;

    public ImageOperations(AcrGeoConnection connection) => this.connection = connection;

    /// <summary>
    /// Copies an image into the registry (importImage, no Docker): from a public registry, or from another registry
    /// of the subscription by its resource id, so no credentials are needed. Names are checked before any request;
    /// an existing target tag is refused unless <paramref name="force"/>.
    /// </summary>
    public async Task<AcrImage> ImportAsync(AcrRegistry registry, string source, string? target, bool force, OperationContext context)
    {
        var from = ImageReference.Parse(source);
        var to = ImageReference.Parse(target ?? from.RepositoryAndReference.Replace("library/", ""));
        if (to.Registry is not null && !to.Registry.Equals(registry.LoginServer, StringComparison.OrdinalIgnoreCase))
            throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                $"The target '{target}' names another registry; give only repository:tag (it goes into {registry.LoginServer}).", target);
        if (to.IsDigest)
            throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                "The target must be repository:tag, not a digest.", target);

        var sourceJson = new JsonObject { ["sourceImage"] = from.RepositoryAndReference };
        var sourceHost = from.Registry ?? "docker.io";
        if (sourceHost.EndsWith(connection.Cloud.LoginServerSuffix, StringComparison.OrdinalIgnoreCase))
        {
            var name = sourceHost.Substring(0, sourceHost.Length - connection.Cloud.LoginServerSuffix.Length);
            var other = (await new RegistryOperations(connection).ListAsync(null, context).ConfigureAwait(false))
                .FirstOrDefault(r => r.LoginServer.Equals(sourceHost, StringComparison.OrdinalIgnoreCase));
            if (other is not null) sourceJson["resourceId"] = other.Id;
            else sourceJson["registryUri"] = sourceHost;
            context.Log(other is null ? $"Importing from {sourceHost} by its address." : $"Importing from registry '{name}' of this subscription.");
        }
        else
        {
            sourceJson["registryUri"] = sourceHost;
        }

        var body = new JsonObject
        {
            ["source"] = sourceJson,
            ["targetTags"] = new JsonArray(to.RepositoryAndReference),
            ["mode"] = force ? "Force" : "NoForce",
        };
        var path = registry.Path.Child("importImage");
        var progress = new ProgressReporter(context, 400, $"Importing {from.WithRegistry(sourceHost)} into {registry.LoginServer}");
        try
        {
            var reply = await connection.Rest.SendAsync(RequestMethod.Post, path, ApiVersions.ContainerRegistry, body, context).ConfigureAwait(false);
            await LongRunning.CompleteAsync(connection.Rest, reply, RequestMethod.Post, path, ApiVersions.ContainerRegistry,
                connection.Settings.PollInterval, progress.Status, context, source).ConfigureAwait(false);
        }
        finally
        {
            progress.Complete();
        }
        return new AcrImage
        {
            RegistryName = registry.Name, LoginServer = registry.LoginServer, Repository = to.RepositoryPath, Tag = to.Reference,
            LastUpdated = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>The registry's repositories and tags (through the registry's own API, as the signed-in identity).</summary>
    public Task<IReadOnlyList<AcrImage>> ListAsync(AcrRegistry registry, string? repository, OperationContext context) =>
        new RegistryDataPlane(connection).ListAsync(registry, repository, context);
}

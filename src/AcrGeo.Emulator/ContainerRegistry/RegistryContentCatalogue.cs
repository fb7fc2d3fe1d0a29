using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.ContainerRegistry;

/// <summary>An image manifest (Docker schema 2) and what it describes: the digest is the SHA-256 of the document.</summary>
sealed record ImageManifest(string Digest, string Manifest, long ConfigSize, IReadOnlyList<long> LayerSizes, string Os, string Architecture)
{
    /// <summary>A manifest with a config and layers whose digests and sizes are derived from <paramref name="seed"/>.</summary>
    public static ImageManifest Build(string seed, long configSize, long[] layerSizes, string os = "linux", string architecture = "amd64")
    {
        var document = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = RegistryContent.ManifestMediaType,
            ["config"] = new JsonObject
            {
                ["mediaType"] = RegistryContent.ConfigMediaType,
                ["size"] = configSize,
                ["digest"] = RegistryContent.Sha256($"config {seed}"),
            },
            ["layers"] = new JsonArray(layerSizes.Select((size, i) => (JsonNode)new JsonObject
            {
                ["mediaType"] = RegistryContent.LayerMediaType,
                ["size"] = size,
                ["digest"] = RegistryContent.Sha256($"layer {i} {seed}"),
            }).ToArray()),
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        return new ImageManifest(RegistryContent.Sha256(document), document, configSize, layerSizes, os, architecture);
    }

    public static ImageManifest From(ManifestContent stored) =>
        new(stored.Digest, stored.Manifest, stored.ConfigSize, stored.LayerSizes, stored.Os, stored.Architecture);
}

/// <summary>
/// The public images import and Container Instances can use without a network: fixed names with deterministic fake
/// manifests (the sizes are plausible, the digests are the emulator's own, not the real registries').
/// </summary>
static class PublicImages
{
    public const string Mcr = "mcr.microsoft.com";
    public const string DockerHub = "docker.io";

    /// <summary>Docker Hub answers under several names; import's examples use registry.hub.docker.com.</summary>
    static readonly string[] DockerHubAliases = [DockerHub, "registry.hub.docker.com", "index.docker.io", "registry-1.docker.io"];

    static readonly Dictionary<string, ImageManifest> Catalogue = new(StringComparer.Ordinal)
    {
        [$"{Mcr}/azuredocs/aci-helloworld:latest"] = ImageManifest.Build("mcr.microsoft.com/azuredocs/aci-helloworld:latest", 5_847,
            [2_797_541, 1_279, 19_354_232, 3_157, 432, 1_190]),
        [$"{Mcr}/hello-world:latest"] = ImageManifest.Build("mcr.microsoft.com/hello-world:latest", 1_469, [2_479]),
        [$"{DockerHub}/library/hello-world:latest"] = ImageManifest.Build("docker.io/library/hello-world:latest", 1_470, [2_459]),
        [$"{DockerHub}/library/nginx:latest"] = ImageManifest.Build("docker.io/library/nginx:latest", 8_589,
            [28_233_923, 43_951_362, 628, 956, 405, 1_209, 1_400]),
        [$"{DockerHub}/library/alpine:3.20"] = ImageManifest.Build("docker.io/library/alpine:3.20", 1_471, [3_626_898]),
        [$"{DockerHub}/library/alpine:latest"] = ImageManifest.Build("docker.io/library/alpine:latest", 1_472, [3_642_451]),
    };

    /// <summary>Whether the host is a public registry the catalogue speaks for.</summary>
    public static bool IsPublicRegistry(string host) => Canonical(host) is not null;

    /// <summary>An image by its full name (<c>registry/repository[:tag|@digest]</c>; Docker Hub's short forms too).</summary>
    public static ImageManifest? Find(string image)
    {
        var slash = image.IndexOf('/');
        var first = slash < 0 ? "" : image[..slash];
        // Docker's rule: the first part names a registry only when it has a dot or a port (or is localhost).
        var (host, rest) = first.Contains('.') || first.Contains(':') ? (first, image[(slash + 1)..]) : (DockerHub, image);
        var (repository, reference) = SplitReference(rest);
        return Find(host, repository, reference);
    }

    /// <summary>An image of a public registry by repository and tag or digest.</summary>
    public static ImageManifest? Find(string host, string repository, string reference)
    {
        var registry = Canonical(host);
        if (registry is null) return null;
        if (registry == DockerHub && !repository.Contains('/')) repository = "library/" + repository;
        if (!RegistryContent.IsDigest(reference)) return Catalogue.GetValueOrDefault($"{registry}/{repository}:{reference}");
        return Catalogue.Where(c => c.Key.StartsWith($"{registry}/{repository}:", StringComparison.Ordinal))
            .Select(c => c.Value).FirstOrDefault(m => m.Digest == reference);
    }

    /// <summary><c>repo:tag</c>, <c>repo@sha256:...</c> or <c>repo</c> (meaning latest).</summary>
    public static (string Repository, string Reference) SplitReference(string image)
    {
        var at = image.IndexOf('@');
        if (at >= 0) return (image[..at], image[(at + 1)..]);
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }

    static string? Canonical(string host)
    {
        var name = host.Trim().TrimEnd('/').ToLowerInvariant();
        if (name.StartsWith("https://", StringComparison.Ordinal)) name = name["https://".Length..];
        return name == Mcr ? Mcr : DockerHubAliases.Contains(name) ? DockerHub : null;
    }
}

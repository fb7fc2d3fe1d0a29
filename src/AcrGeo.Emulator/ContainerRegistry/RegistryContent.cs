using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ContainerRegistry;

/// <summary>What <see cref="RegistryContent.Find"/> saw of one image reference in one region of a registry.</summary>
/// <param name="Found">The reference (tag or digest) is readable in <paramref name="Region"/> now.</param>
/// <param name="Digest">The manifest digest the reference resolves to there (null when not found there).</param>
/// <param name="Region">The region looked in: the asked one when the registry has a replica there, else its home region.</param>
/// <param name="PendingUntil">When the reference's newest content arrives in <paramref name="Region"/>, if it is still on its
/// way there (an image imported elsewhere, or a replica still syncing); null when nothing is on its way.</param>
public sealed record ImageLookup(bool Found, string? Digest, string Region, DateTimeOffset? PendingUntil);

/// <summary>
/// A registry's images: repositories, tags and manifests, kept in the registry's private bag (so it is persisted with
/// the state and goes with the registry). Each tag assignment and manifest records, per region, when it is there:
/// at once in the region it was pushed or imported into, after <see cref="Hosting.EmulatorSettings.SyncDelay"/> in every
/// other replica region. Replicas created later receive everything when they finish syncing; a deleted replica's copy
/// goes with it. Readers see a region's content as it is at a given time, which is how geo-replication's eventual
/// consistency shows: a tag pushed in one region is unknown (or still the old digest) in another for a while.
/// </summary>
public static class RegistryContent
{
    public const string ManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json";
    public const string ConfigMediaType = "application/vnd.docker.container.image.v1+json";
    public const string LayerMediaType = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    const string Bag = "content";

    static readonly JsonSerializerOptions Format = new();

    /// <summary>
    /// Looks up <paramref name="repository"/>:<paramref name="reference"/> (a tag, or a <c>sha256:</c> digest) as the
    /// registry's replica in <paramref name="region"/> sees it at <paramref name="now"/>. ACR routes a pull to the nearest
    /// replica, so a region without one is answered by the home region. Never throws for unknown names.
    /// </summary>
    public static ImageLookup Find(EmulatorState state, ResourceRecord registry, string? region, string repository,
        string reference, DateTimeOffset now)
    {
        var replicas = ReplicaRegions(state, registry);
        var normalized = region is null ? null : Regions.Normalize(region);
        var looked = normalized is not null && replicas.ContainsKey(normalized) ? normalized : registry.Location!;
        var content = Load(registry);
        if (!content.Repositories.TryGetValue(repository, out var repo))
            return new ImageLookup(false, null, looked, null);

        if (IsDigest(reference))
        {
            if (!repo.Manifests.TryGetValue(reference, out var manifest)) return new ImageLookup(false, null, looked, null);
            var at = Arrival(manifest.Regions, manifest.Origin, manifest.LandedAt, looked, replicas);
            return at <= now
                ? new ImageLookup(true, manifest.Digest, looked, null)
                : new ImageLookup(false, null, looked, at);
        }

        if (!repo.Tags.TryGetValue(reference, out var versions) || versions.Count == 0)
            return new ImageLookup(false, null, looked, null);
        var visible = VisibleVersion(versions, looked, replicas, now);
        var newest = versions[^1];
        var newestAt = Arrival(newest.Regions, newest.Origin, newest.LandedAt, looked, replicas);
        DateTimeOffset? pending = newestAt > now ? newestAt : null;
        return visible is null
            ? new ImageLookup(false, null, looked, pending)
            : new ImageLookup(true, visible.Digest, looked, pending);
    }

    /// <summary>The latest moment any content still on its way to <paramref name="region"/> arrives there, or null.</summary>
    public static DateTimeOffset? PendingUntil(EmulatorState state, ResourceRecord registry, string region, DateTimeOffset now)
    {
        var replicas = ReplicaRegions(state, registry);
        if (!replicas.ContainsKey(region)) return null;
        DateTimeOffset? latest = null;
        foreach (var repo in Load(registry).Repositories.Values)
        {
            var times = repo.Manifests.Values.Select(m => Arrival(m.Regions, m.Origin, m.LandedAt, region, replicas))
                .Concat(repo.Tags.Values.SelectMany(v => v).Select(v => Arrival(v.Regions, v.Origin, v.LandedAt, region, replicas)));
            foreach (var at in times)
                if (at > now && (latest is null || at > latest)) latest = at;
        }
        return latest;
    }

    // ---- the model ----

    internal static ContentModel Load(ResourceRecord registry) =>
        registry.Private[Bag] is JsonObject bag ? bag.Deserialize<ContentModel>(Format) ?? new() : new();

    internal static void Save(ResourceRecord registry, ContentModel content) =>
        registry.Private[Bag] = JsonSerializer.SerializeToNode(content, Format);

    internal static bool IsDigest(string reference) => reference.StartsWith("sha256:", StringComparison.Ordinal);

    /// <summary>The regions where the registry has a working replica, with when each finished its initial sync.</summary>
    internal static Dictionary<string, DateTimeOffset> ReplicaRegions(EmulatorState state, ResourceRecord registry)
    {
        var regions = new Dictionary<string, DateTimeOffset> { [registry.Location!] = registry.ProvisionedAt };
        foreach (var replica in ReplicationEndpoints.ReplicasOf(state, registry))
            if (replica.DeletingUntil is null && replica.ProvisioningError is null && replica.Location is not null)
                regions[replica.Location] = replica.SyncedAt;
        return regions;
    }

    /// <summary>
    /// When content recorded with <paramref name="regions"/> is readable in <paramref name="region"/>: never where there is
    /// no replica; not before the replica finished its own sync (which also covers a replica deleted and made again);
    /// in a replica made after the content landed, when that replica finishes syncing.
    /// </summary>
    internal static DateTimeOffset Arrival(Dictionary<string, DateTimeOffset> regions, string origin, DateTimeOffset landedAt,
        string region, Dictionary<string, DateTimeOffset> replicas)
    {
        if (!replicas.TryGetValue(region, out var synced)) return DateTimeOffset.MaxValue;
        var recorded = regions.TryGetValue(region, out var at) ? at : landedAt;
        return recorded > synced ? recorded : synced;
    }

    static TagVersion? VisibleVersion(List<TagVersion> versions, string region, Dictionary<string, DateTimeOffset> replicas,
        DateTimeOffset now)
    {
        for (var i = versions.Count - 1; i >= 0; i--)
            if (Arrival(versions[i].Regions, versions[i].Origin, versions[i].LandedAt, region, replicas) <= now)
                return versions[i];
        return null;
    }

    internal static string Sha256(string text) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>A registry's content as stored: repositories by name.</summary>
public sealed class ContentModel
{
    public Dictionary<string, RepositoryContent> Repositories { get; set; } = new(StringComparer.Ordinal);
}

public sealed class RepositoryContent
{
    public DateTimeOffset CreatedTime { get; set; }
    public DateTimeOffset LastUpdateTime { get; set; }
    /// <summary>Manifests by digest.</summary>
    public Dictionary<string, ManifestContent> Manifests { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Each tag's assignments, oldest first; a replica sees the newest one that has reached it.</summary>
    public Dictionary<string, List<TagVersion>> Tags { get; set; } = new(StringComparer.Ordinal);
}

public sealed class ManifestContent
{
    public required string Digest { get; set; }
    public string MediaType { get; set; } = RegistryContent.ManifestMediaType;
    /// <summary>The manifest document, byte for byte what the digest is computed over.</summary>
    public required string Manifest { get; set; }
    public long ConfigSize { get; set; }
    public List<long> LayerSizes { get; set; } = [];
    public string Architecture { get; set; } = "amd64";
    public string Os { get; set; } = "linux";
    public DateTimeOffset CreatedTime { get; set; }
    public DateTimeOffset LastUpdateTime { get; set; }
    public required string Origin { get; set; }
    public DateTimeOffset LandedAt { get; set; }
    /// <summary>When it is (or will be) readable in each region that had a replica when it landed.</summary>
    public Dictionary<string, DateTimeOffset> Regions { get; set; } = new();

    public long Size => Encoding.UTF8.GetByteCount(Manifest);
    public long ImageSize => ConfigSize + LayerSizes.Sum();
}

/// <summary>One assignment of a tag to a digest, and where it has reached.</summary>
public sealed class TagVersion
{
    public required string Digest { get; set; }
    public DateTimeOffset CreatedTime { get; set; }
    public DateTimeOffset LastUpdateTime { get; set; }
    public required string Origin { get; set; }
    public DateTimeOffset LandedAt { get; set; }
    public Dictionary<string, DateTimeOffset> Regions { get; set; } = new();
    /// <summary>Regions whose webhooks have been told of this assignment's push.</summary>
    public List<string> Notified { get; set; } = [];
}

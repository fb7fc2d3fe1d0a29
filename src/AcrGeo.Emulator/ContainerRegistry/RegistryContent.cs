using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ContainerRegistry;

/// <summary>What <see cref="RegistryContent.Find"/> saw of one image reference in one region of a registry.</summary>
/// <param name="Found">The reference (tag or digest) is readable in <paramref name="Region"/> now.</param>
/// <param name="Digest">The manifest digest the reference resolves to there (null when not found there).</param>
/// <param name="Region">The region looked in: the asked one when the registry has a replica there, else its home region.</param>
/// <param name="PendingUntil">When the reference's newest content arrives in <paramref name="Region"/>, if it is still on its
/// way there (an import still running, an image landed in another region, or a replica still syncing); null when nothing
/// is on its way. A tag can be found (with its old digest) and pending (its new digest) at once.</param>
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
    /// replica, so a region without one (or null) is answered by the home region. Never throws for unknown names.
    /// </summary>
    public static ImageLookup Find(EmulatorState state, ResourceRecord registry, string? region, string repository,
        string reference, DateTimeOffset now)
    {
        var replicas = ReplicaRegions(state, registry);
        var looked = RouteTo(replicas, registry, region);
        if (!Load(registry).Repositories.TryGetValue(repository, out var repo))
            return new ImageLookup(false, null, looked, null);

        if (IsDigest(reference))
        {
            if (!repo.Manifests.TryGetValue(reference, out var manifest)) return new ImageLookup(false, null, looked, null);
            var at = Arrival(manifest.Regions, manifest.LandedAt, looked, replicas);
            return at <= now
                ? new ImageLookup(true, manifest.Digest, looked, null)
                : new ImageLookup(false, null, looked, at == DateTimeOffset.MaxValue ? null : at);
        }

        if (!repo.Tags.TryGetValue(reference, out var versions) || versions.Count == 0)
            return new ImageLookup(false, null, looked, null);
        var visible = Visible(versions, looked, replicas, now);
        var newestAt = Arrival(versions[^1].Regions, versions[^1].LandedAt, looked, replicas);
        DateTimeOffset? pending = newestAt > now && newestAt != DateTimeOffset.MaxValue ? newestAt : null;
        return new ImageLookup(visible is not null, visible?.Digest, looked, pending);
    }

    /// <summary>
    /// The digest of an image in the emulator's catalogue of public images (<c>mcr.microsoft.com/azuredocs/aci-helloworld:latest</c>,
    /// <c>docker.io/library/nginx:latest</c>, <c>nginx</c>...), or null: what a service pulling straight from a public
    /// registry would get. The emulator never reaches the network.
    /// </summary>
    public static string? PublicImageDigest(string image) => PublicImages.Find(image)?.Digest;

    /// <summary>
    /// Until when the replica in <paramref name="region"/> is still receiving content that landed in another region,
    /// or null when it has everything that has landed. What makes a replica report Syncing after its own sync is done.
    /// </summary>
    public static DateTimeOffset? PendingUntil(EmulatorState state, ResourceRecord registry, string region, DateTimeOffset now)
    {
        if (registry.Private[Bag] is null) return null;
        var replicas = ReplicaRegions(state, registry);
        if (!replicas.ContainsKey(region)) return null;
        DateTimeOffset? latest = null;
        void Consider(string origin, DateTimeOffset landedAt, Dictionary<string, DateTimeOffset> regions)
        {
            if (origin == region || landedAt > now) return;
            var at = Arrival(regions, landedAt, region, replicas);
            if (at > now && at != DateTimeOffset.MaxValue && (latest is null || at > latest)) latest = at;
        }
        foreach (var repo in Load(registry).Repositories.Values)
        {
            foreach (var manifest in repo.Manifests.Values) Consider(manifest.Origin, manifest.LandedAt, manifest.Regions);
            foreach (var version in repo.Tags.Values.SelectMany(v => v)) Consider(version.Origin, version.LandedAt, version.Regions);
        }
        return latest;
    }

    // ---- what a region sees, for the data plane ----

    /// <summary>The region a request for <paramref name="region"/> is answered from: that replica, else the home region.</summary>
    internal static string RouteTo(Dictionary<string, DateTimeOffset> replicas, ResourceRecord registry, string? region)
    {
        var normalized = region is null ? null : Regions.Normalize(region);
        return normalized is not null && replicas.ContainsKey(normalized) ? normalized : registry.Location!;
    }

    /// <summary>A region's view of the registry at a time: the repositories, tags and manifests that have reached it.</summary>
    internal static RegionView View(EmulatorState state, ResourceRecord registry, string? region, DateTimeOffset now)
    {
        var replicas = ReplicaRegions(state, registry);
        var looked = RouteTo(replicas, registry, region);
        var repositories = new SortedDictionary<string, RepositoryView>(StringComparer.Ordinal);
        foreach (var (name, repo) in Load(registry).Repositories)
        {
            var manifests = repo.Manifests.Values.Where(m => Arrival(m.Regions, m.LandedAt, looked, replicas) <= now)
                .ToDictionary(m => m.Digest, StringComparer.Ordinal);
            var tags = new SortedDictionary<string, TagVersion>(StringComparer.Ordinal);
            foreach (var (tag, versions) in repo.Tags)
                if (Visible(versions, looked, replicas, now) is { } version) tags[tag] = version;
            if (manifests.Count > 0 || tags.Count > 0)
                repositories[name] = new RepositoryView(name, repo, manifests, tags);
        }
        return new RegionView(looked, repositories);
    }

    // ---- writing ----

    /// <summary>
    /// Records an image landing in <paramref name="origin"/> at <paramref name="at"/> under each target (a tag, or a
    /// repository alone for an untagged copy); every other replica region receives it <paramref name="syncDelay"/> later.
    /// </summary>
    internal static void Land(EmulatorState state, ResourceRecord registry, string origin, DateTimeOffset at, TimeSpan syncDelay,
        ImageManifest image, IEnumerable<(string Repository, string? Tag)> targets)
    {
        var replicas = ReplicaRegions(state, registry);
        var regions = replicas.Keys.ToDictionary(r => r, r => r == origin ? at : at + syncDelay);
        var content = Load(registry);
        foreach (var (repository, tag) in targets)
        {
            if (!content.Repositories.TryGetValue(repository, out var repo))
                content.Repositories[repository] = repo = new RepositoryContent { CreatedTime = at };
            repo.LastUpdateTime = at;

            if (repo.Manifests.TryGetValue(image.Digest, out var manifest))
            {
                // The same manifest again: it is wherever it already was, and now also wherever this copy reaches sooner.
                foreach (var (region, arrives) in regions)
                    if (!manifest.Regions.TryGetValue(region, out var known) || arrives < known) manifest.Regions[region] = arrives;
                manifest.LastUpdateTime = at;
            }
            else
                repo.Manifests[image.Digest] = new ManifestContent
                {
                    Digest = image.Digest,
                    Manifest = image.Manifest,
                    ConfigSize = image.ConfigSize,
                    LayerSizes = [.. image.LayerSizes],
                    Architecture = image.Architecture,
                    Os = image.Os,
                    CreatedTime = at,
                    LastUpdateTime = at,
                    Origin = origin,
                    LandedAt = at,
                    Regions = new(regions),
                };

            if (tag is null) continue;
            if (!repo.Tags.TryGetValue(tag, out var versions)) repo.Tags[tag] = versions = [];
            versions.Add(new TagVersion
            {
                Digest = image.Digest,
                CreatedTime = versions.Count > 0 ? versions[0].CreatedTime : at,
                LastUpdateTime = at,
                Origin = origin,
                LandedAt = at,
                Regions = new(regions),
            });
        }
        Save(registry, content);
    }

    /// <summary>What the registry stores: each distinct manifest with its config and layers, counted once however many tags point at it.</summary>
    internal static long StoredBytes(ResourceRecord registry) =>
        registry.Private[Bag] is null
            ? 0
            : Load(registry).Repositories.Values.SelectMany(r => r.Manifests.Values).GroupBy(m => m.Digest)
                .Sum(g => g.First().Size + g.First().ImageSize);

    /// <summary>Whether the tag exists (or is being written) in the registry, in any region.</summary>
    internal static bool TagExists(ResourceRecord registry, string repository, string tag) =>
        Load(registry).Repositories.TryGetValue(repository, out var repo) && repo.Tags.ContainsKey(tag);

    /// <summary>
    /// Applies what time has made due, for every registry: each tag assignment that has reached a region is announced to
    /// that region's push webhooks (once, stamped with the moment it arrived); copies in regions that no longer have a
    /// replica are dropped; assignments superseded everywhere are forgotten. Runs in the state store's settle step.
    /// </summary>
    internal static bool Settle(EmulatorState state, DateTimeOffset now, WebhookDelivery delivery)
    {
        var changed = false;
        foreach (var registry in state.Resources.Values.Where(r => r.Type == RegistryEndpoints.RegistryType && r.Private[Bag] is not null).ToList())
        {
            var replicas = ReplicaRegions(state, registry);
            var content = Load(registry);
            var touched = false;
            foreach (var (name, repo) in content.Repositories)
            {
                foreach (var manifest in repo.Manifests.Values)
                    touched |= DropGoneRegions(manifest.Regions, replicas);
                foreach (var (tag, versions) in repo.Tags)
                {
                    foreach (var version in versions)
                    {
                        touched |= DropGoneRegions(version.Regions, replicas);
                        foreach (var region in version.Regions.Keys.Where(r => !version.Notified.Contains(r)).ToList())
                        {
                            var at = Arrival(version.Regions, version.LandedAt, region, replicas);
                            if (at > now) continue;
                            Announce(state, registry, region, name, tag, repo.Manifests.GetValueOrDefault(version.Digest), version.Digest, at, delivery);
                            version.Notified.Add(region);
                            touched = true;
                        }
                    }
                    touched |= ForgetSuperseded(versions, replicas, now) > 0;
                }
            }
            if (!touched) continue;
            Save(registry, content);
            changed = true;
        }
        return changed;
    }

    static bool DropGoneRegions(Dictionary<string, DateTimeOffset> regions, Dictionary<string, DateTimeOffset> replicas)
    {
        var gone = regions.Keys.Where(r => !replicas.ContainsKey(r)).ToList();
        foreach (var region in gone) regions.Remove(region);
        return gone.Count > 0;
    }

    /// <summary>Drops assignments older than one that every replica already sees, once their events have gone out.</summary>
    static int ForgetSuperseded(List<TagVersion> versions, Dictionary<string, DateTimeOffset> replicas, DateTimeOffset now)
    {
        var everywhere = versions.FindLastIndex(v => replicas.Keys.All(r => Arrival(v.Regions, v.LandedAt, r, replicas) <= now));
        var forgotten = 0;
        for (var i = everywhere - 1; i >= 0; i--)
        {
            if (!versions[i].Regions.Keys.All(versions[i].Notified.Contains)) continue;
            versions.RemoveAt(i);
            forgotten++;
        }
        return forgotten;
    }

    /// <summary>A push event to every enabled push webhook of the region whose scope covers the tag.</summary>
    static void Announce(EmulatorState state, ResourceRecord registry, string region, string repository, string tag,
        ManifestContent? manifest, string digest, DateTimeOffset at, WebhookDelivery delivery)
    {
        foreach (var webhook in state.ChildrenOf(registry.Id, WebhookEndpoints.WebhookType))
        {
            if (webhook.Location != region || webhook.DeletingUntil is not null || webhook.ProvisioningError is not null
                || (string?)webhook.Properties["status"] != "enabled"
                || !(webhook.Properties["actions"] as JsonArray ?? []).Any(a => (string?)a == "push")
                || !ScopeCovers((string?)webhook.Properties["scope"], repository, tag))
                continue;
            var size = manifest?.Size ?? 0;
            delivery.Enqueue(webhook, "push", new JsonObject
            {
                ["mediaType"] = ManifestMediaType,
                ["size"] = size,
                ["digest"] = digest,
                ["length"] = size,
                ["repository"] = repository,
                ["tag"] = tag,
            }, at);
        }
    }

    /// <summary>
    /// A webhook's scope, as ACR defines it: <c>foo:bar</c> is that tag, <c>foo:*</c> every tag of foo, <c>foo</c> means
    /// <c>foo:latest</c>, empty means everything.
    /// </summary>
    internal static bool ScopeCovers(string? scope, string repository, string tag)
    {
        if (string.IsNullOrEmpty(scope)) return true;
        var colon = scope.LastIndexOf(':');
        var (repo, wanted) = colon < 0 ? (scope, "latest") : (scope[..colon], scope[(colon + 1)..]);
        return repo == repository && (wanted == "*" || wanted == tag);
    }

    // ---- the model ----

    internal static ContentModel Load(ResourceRecord registry) =>
        registry.Private[Bag] is JsonObject bag ? bag.Deserialize<ContentModel>(Format) ?? new() : new();

    static void Save(ResourceRecord registry, ContentModel content) =>
        registry.Private[Bag] = JsonSerializer.SerializeToNode(content, Format);

    internal static bool IsDigest(string reference) => reference.StartsWith("sha256:", StringComparison.Ordinal);

    /// <summary>The regions where the registry has a working replica, with when each finished its own initial sync.</summary>
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
    /// no replica (MaxValue); not before that replica finished its own sync (which also covers a replica deleted and made
    /// again); in a replica made after the content landed, when that replica finishes syncing.
    /// </summary>
    internal static DateTimeOffset Arrival(Dictionary<string, DateTimeOffset> regions, DateTimeOffset landedAt, string region,
        Dictionary<string, DateTimeOffset> replicas)
    {
        if (!replicas.TryGetValue(region, out var synced)) return DateTimeOffset.MaxValue;
        var recorded = regions.TryGetValue(region, out var at) ? at : landedAt;
        return recorded > synced ? recorded : synced;
    }

    static TagVersion? Visible(List<TagVersion> versions, string region, Dictionary<string, DateTimeOffset> replicas, DateTimeOffset now)
    {
        for (var i = versions.Count - 1; i >= 0; i--)
            if (Arrival(versions[i].Regions, versions[i].LandedAt, region, replicas) <= now)
                return versions[i];
        return null;
    }

    internal static string Sha256(string text) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>One region's view: its repositories by name, in order.</summary>
sealed record RegionView(string Region, SortedDictionary<string, RepositoryView> Repositories);

/// <summary>One repository as a region sees it: the manifests and the tag assignments that have reached it.</summary>
sealed record RepositoryView(string Name, RepositoryContent Content, Dictionary<string, ManifestContent> Manifests,
    SortedDictionary<string, TagVersion> Tags);

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
    /// <summary>The region it was first pushed or imported into, and when.</summary>
    public required string Origin { get; set; }
    public DateTimeOffset LandedAt { get; set; }
    /// <summary>When it is (or will be) readable in each region that had a replica when it landed.</summary>
    public Dictionary<string, DateTimeOffset> Regions { get; set; } = new();

    [JsonIgnore] public long Size => Encoding.UTF8.GetByteCount(Manifest);
    [JsonIgnore] public long ImageSize => ConfigSize + LayerSizes.Sum();
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
    /// <summary>Regions whose webhooks have been told of this assignment.</summary>
    public List<string> Notified { get; set; } = [];
}

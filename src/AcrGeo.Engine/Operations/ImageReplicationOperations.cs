using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AcrGeo.Connection;
using AcrGeo.Models;

namespace AcrGeo.Operations;

/// <summary>
/// Where an image is: one tag (or digest) read in every replica region through that region's regional endpoint, as a
/// client in the region would pull it, and waiting until they all serve the same digest. Geo-replication is eventually
/// consistent; this is how to know a push has reached the regions that will pull it.
/// </summary>
public sealed class ImageReplicationOperations
{
    readonly AcrGeoConnection connection;

    public ImageReplicationOperations(AcrGeoConnection connection) => this.connection = connection;

    /// <summary>
    /// One row per region (the named ones, or every replica region): present or not, the digest there, and whether all
    /// regions agree. Requests: one replica list, then per region a token exchange (two requests) and one HEAD.
    /// </summary>
    public async Task<IReadOnlyList<AcrImageReplica>> GetAsync(AcrRegistry registry, string image, IReadOnlyCollection<string>? locations,
        string? digest, OperationContext context)
    {
        var target = Target(registry, image, digest);
        var reader = new RegionReader(connection, registry, target.Image.RepositoryPath);
        var replicas = await new ReplicaOperations(connection).ListAsync(registry, context).ConfigureAwait(false);
        return await ReadAsync(reader, target, Regions(registry, replicas, locations), replicas, context).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until the reference resolves to the expected digest (the one given, else the home region's) in every named
    /// region (every replica region by default), with progress. Each poll interval: one replica list (the shared watch
    /// loop) and one HEAD per region. On timeout, ImageReplicationTimedOut names the regions that lag and what they serve.
    /// </summary>
    public async Task<IReadOnlyList<AcrImageReplica>> WaitAsync(AcrRegistry registry, string image, IReadOnlyCollection<string>? locations,
        string? digest, TimeSpan timeout, OperationContext context)
    {
        NameRules.Timeout(timeout, "-TimeoutSeconds");
        var target = Target(registry, image, digest);
        var reader = new RegionReader(connection, registry, target.Image.RepositoryPath);
        var activity = $"Waiting for {target.Image.RepositoryAndReference} to reach every region of {registry.Name}";
        IReadOnlyList<AcrImageReplica> last = Array.Empty<AcrImageReplica>();
        var rows = await new ReplicaOperations(connection).WatchAsync(registry, timeout, context, async (replicas, _) =>
        {
            last = await ReadAsync(reader, target, Regions(registry, replicas, locations), replicas, context).ConfigureAwait(false);
            var lagging = last.Where(r => !r.InSync).ToList();
            context.Report(new OperationProgress(2, activity,
                lagging.Count == 0 ? "Done"
                    : $"{last.Count - lagging.Count} of {last.Count} regions serve {Short(last[0].ExpectedDigest) ?? "it"}; waiting for " +
                      string.Join(", ", lagging.Select(Lag)),
                last.Count == 0 ? 100 : (last.Count - lagging.Count) * 100 / last.Count, completed: lagging.Count == 0));
            return lagging.Count == 0 ? last : null;
        }, elapsed => new AcrGeoException(ErrorIds.ImageReplicationTimedOut, AcrErrorCategory.OperationTimeout,
            $"After {(int)elapsed.TotalSeconds} s {target.Image.RepositoryAndReference} has not reached every region of '{registry.Name}'. " +
            $"Lagging: {string.Join("; ", last.Where(r => !r.InSync).Select(Lag))}. Wait longer (-TimeoutSeconds), or check the lagging " +
            "replicas with Get-AcrReplica.", string.Join(",", last.Where(r => !r.InSync).Select(r => r.Location)))).ConfigureAwait(false);
        return rows;
    }

    static string Lag(AcrImageReplica row) =>
        !row.Present ? $"{row.Location} (not there yet; replica {row.ReplicaStatus})"
        : row.ExpectedDigest is null ? $"{row.Location} ({Short(row.Digest)}; no region to agree with)"
        : $"{row.Location} (still {Short(row.Digest)}; replica {row.ReplicaStatus})";

    static string? Short(string? digest) => digest is { Length: > 19 } ? digest.Substring(0, 19) + "…" : digest;

    sealed class Wanted
    {
        public Wanted(ImageReference image, string? digest)
        {
            Image = image;
            Digest = digest;
        }

        public ImageReference Image { get; }
        public string? Digest { get; }
    }

    static Wanted Target(AcrRegistry registry, string image, string? digest)
    {
        var reference = ImageReference.Parse(image);
        if (reference.Registry is not null && !reference.Registry.Equals(registry.LoginServer, StringComparison.OrdinalIgnoreCase))
            throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                $"'{image}' names another registry; give repository:tag of an image in {registry.LoginServer}.", image);
        if (digest is not null && !System.Text.RegularExpressions.Regex.IsMatch(digest, "^sha256:[0-9a-f]{64}\\z"))
            throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                $"'{digest}' is not a manifest digest: use sha256: and 64 lowercase hexadecimal digits.", digest);
        return new Wanted(reference, digest);
    }

    /// <summary>The regions to read: the named ones (each must hold a replica), or every replica region; home first.</summary>
    static IReadOnlyList<string> Regions(AcrRegistry registry, IReadOnlyList<AcrReplica> replicas, IReadOnlyCollection<string>? locations)
    {
        var serving = replicas.Where(r => !r.IsDeleting).Select(r => NameRules.Region(r.Location)).ToList();
        if (locations is null || locations.Any(l => l == "*")) return serving;
        var named = locations.Select(NameRules.Region).Distinct().ToList();
        var missing = named.Where(n => !serving.Contains(n)).ToList();
        if (missing.Count > 0)
            throw new AcrGeoException(ErrorIds.ReplicaNotFound, AcrErrorCategory.ObjectNotFound,
                $"Registry '{registry.Name}' has no replica in {string.Join(", ", missing)}; its regions are {string.Join(", ", serving)}.", missing[0]);
        return serving.Where(named.Contains).ToList();
    }

    async Task<IReadOnlyList<AcrImageReplica>> ReadAsync(RegionReader reader, Wanted target, IReadOnlyList<string> regions,
        IReadOnlyList<AcrReplica> replicas, OperationContext context)
    {
        var home = NameRules.Region(reader.Registry.Location);
        // The home region is read even when not asked for: without a digest given, it is what the others converge on.
        var read = target.Digest is null && !regions.Contains(home) ? regions.Append(home).ToList() : regions.ToList();
        var digests = await Fanout.RunAsync(read, connection.Settings.MaxParallelOperations,
            (region, _) => reader.DigestAsync(region, target.Image.Reference, context), context.Cancellation).ConfigureAwait(false);
        var byRegion = read.Select((region, i) => (region, digest: digests[i])).ToDictionary(x => x.region, x => x.digest);
        var asked = regions.Select(r => byRegion[r]).ToList();
        var agreed = asked.Count > 0 && asked.All(d => d is not null) && asked.Distinct().Count() == 1 ? asked[0] : null;
        var expected = target.Digest ?? byRegion[home] ?? agreed;
        return regions.Select(region => new AcrImageReplica
        {
            RegistryName = reader.Registry.Name,
            Repository = target.Image.RepositoryPath,
            Reference = target.Image.Reference,
            Location = region,
            IsHome = region == home,
            Endpoint = reader.Host(region),
            Present = byRegion[region] is not null,
            Digest = byRegion[region],
            ExpectedDigest = expected,
            InSync = expected is not null && byRegion[region] == expected,
            AllRegionsAgree = agreed is not null,
            ReplicaStatus = replicas.FirstOrDefault(r => NameRules.Region(r.Location) == region)?.Status ?? "",
        }).ToList();
    }

    /// <summary>Reads one repository in many regions, signing in to each regional endpoint once and keeping the token.</summary>
    sealed class RegionReader
    {
        readonly RegistryDataPlane plane;
        readonly string repository;
        readonly ConcurrentDictionary<string, Task<string>> tokens = new(StringComparer.OrdinalIgnoreCase);

        public RegionReader(AcrGeoConnection connection, AcrRegistry registry, string repository)
        {
            plane = new RegistryDataPlane(connection);
            Registry = registry;
            this.repository = repository;
        }

        public AcrRegistry Registry { get; }

        public string Host(string region) => plane.RegionalHost(Registry, region);

        public async Task<string?> DigestAsync(string region, string reference, OperationContext context)
        {
            var token = tokens.GetOrAdd(region, r => plane.RegionalPullTokenAsync(Registry, r, repository, context));
            try
            {
                return await plane.DigestInRegionAsync(Registry, region, await token.ConfigureAwait(false), repository, reference, context)
                    .ConfigureAwait(false);
            }
            catch (AcrGeoException)
            {
                // A failed sign-in is not kept: the next poll tries again.
                tokens.TryRemove(region, out _);
                throw;
            }
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AcrGeo.Connection;
using AcrGeo.Models;

namespace AcrGeo.Operations;

/// <summary>The replication map: every region, and where it stands for one registry.</summary>
public sealed class RegionOperations
{
    readonly AcrGeoConnection connection;

    public RegionOperations(AcrGeoConnection connection) => this.connection = connection;

    /// <summary>The subscription's regions, each Available or Unavailable for replicas, by name.</summary>
    public async Task<IReadOnlyList<AcrRegion>> ListRegionsAsync(OperationContext context) =>
        (await connection.Regions.GetAsync(context).ConfigureAwait(false))
        .Select(region => ToRegion(region, "", null, region.OffersReplicas ? RegionState.Available : RegionState.Unavailable))
        .OrderBy(r => r.Name)
        .ToList();

    /// <summary>Home, replica, available and unavailable regions, in that order, each group by name.</summary>
    public async Task<IReadOnlyList<AcrRegion>> GetMapAsync(AcrRegistry registry, OperationContext context)
    {
        var regionsTask = connection.Regions.GetAsync(context);
        var replicasTask = registry.IsPremium
            ? new ReplicaOperations(connection).ListAsync(registry, context)
            : Task.FromResult<IReadOnlyList<AcrReplica>>(new List<AcrReplica>());
        await Task.WhenAll(regionsTask, replicasTask).ConfigureAwait(false);
        var replicas = replicasTask.Result.ToDictionary(r => r.Location);
        var home = NameRules.Region(registry.Location);

        return regionsTask.Result
            .Select(region =>
            {
                replicas.TryGetValue(region.Name, out var replica);
                return ToRegion(region, registry.Name, replica,
                    region.Name == home ? RegionState.Home
                    : replica is not null ? RegionState.Replica
                    : region.OffersReplicas ? RegionState.Available
                    : RegionState.Unavailable);
            })
            .OrderBy(r => r.State).ThenBy(r => r.Name)
            .ToList();
    }

    /// <summary>
    /// Writes the map of <see cref="GetMapAsync"/> as an SVG picture to <paramref name="path"/> (checked first: an .svg
    /// file in an existing folder) and returns the map's regions. Requests: the replica list (and the region catalogue
    /// once per connection).
    /// </summary>
    public async Task<IReadOnlyList<AcrRegion>> ExportMapAsync(AcrRegistry registry, string path, OperationContext context)
    {
        var file = RegionMap.CheckPath(path);
        var map = await GetMapAsync(registry, context).ConfigureAwait(false);
        System.IO.File.WriteAllText(file, RegionMap.Render(registry.Name, map), new System.Text.UTF8Encoding(false));
        return map;
    }

    static AcrRegion ToRegion(RegionEntry region, string registryName, AcrReplica? replica, RegionState state) => new()
    {
        Name = region.Name,
        DisplayName = region.DisplayName,
        GeographyGroup = region.GeographyGroup,
        RegistryName = registryName,
        PairedRegion = region.PairedRegion,
        Latitude = region.Latitude,
        Longitude = region.Longitude,
        Replica = replica,
        State = state,
    };
}

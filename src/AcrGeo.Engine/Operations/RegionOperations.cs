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
                return new AcrRegion
                {
                    Name = region.Name,
                    DisplayName = region.DisplayName,
                    GeographyGroup = region.GeographyGroup,
                    RegistryName = registry.Name,
                    PairedRegion = region.PairedRegion,
                    Latitude = region.Latitude,
                    Longitude = region.Longitude,
                    Replica = replica,
                    State = region.Name == home ? RegionState.Home
                        : replica is not null ? RegionState.Replica
                        : region.OffersReplicas ? RegionState.Available
                        : RegionState.Unavailable,
                };
            })
            .OrderBy(r => r.State).ThenBy(r => r.Name)
            .ToList();
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Models;

namespace AcrGeo.Operations;

/// <summary>A registry's endpoints per region, as <c>az acr show-endpoints</c> reports them.</summary>
public sealed class EndpointOperations
{
    /// <summary>Where layers come from when a region has no dedicated data endpoint: the storage accounts behind the registry.</summary>
    const string StorageWildcard = "*.blob.core.windows.net";

    readonly AcrGeoConnection connection;

    public EndpointOperations(AcrGeoConnection connection) => this.connection = connection;

    /// <summary>
    /// One row per region, the home region first: the login server, the data endpoint and the regional endpoint. Two
    /// requests: the registry read with the api-version that reports regional endpoints, and its replica list (routing, and
    /// the regions when data endpoints are off).
    /// </summary>
    public async Task<IReadOnlyList<AcrRegistryEndpoint>> ListAsync(AcrRegistry registry, OperationContext context)
    {
        var registryTask = connection.Rest.GetAsync(registry.Path, ApiVersions.ContainerRegistryRegionalEndpoints, context, registry);
        var replicasTask = registry.IsPremium
            ? new ReplicaOperations(connection).ListAsync(registry, context)
            : Task.FromResult<IReadOnlyList<AcrReplica>>(Array.Empty<AcrReplica>());
        await Task.WhenAll(registryTask, replicasTask).ConfigureAwait(false);
        var current = AcrRegistry.FromJson(registryTask.Result);
        var home = NameRules.Region(current.Location);
        var regions = replicasTask.Result.Select(r => NameRules.Region(r.Location)).Where(r => r != home).Prepend(home).Distinct().ToList();

        return regions.Select(region => new AcrRegistryEndpoint
        {
            RegistryName = current.Name,
            Region = region,
            IsHome = region == home,
            LoginServer = current.LoginServer,
            DataEndpoint = current.DataEndpointEnabled ? HostIn(current.DataEndpointHostNames, region) ?? StorageWildcard : StorageWildcard,
            RegionalEndpoint = current.RegionalEndpoints == "Enabled" ? HostIn(current.RegionalEndpointHostNames, region) : null,
            GlobalEndpointRouting = replicasTask.Result.FirstOrDefault(r => NameRules.Region(r.Location) == region)?.GlobalEndpointRouting
                                    ?? GlobalEndpointRouting.Enabled,
        }).ToList();
    }

    /// <summary>The host name of a region in ARM's list (<c>{registry}.{region}.data.azurecr.io</c>): its second label is the region.</summary>
    static string? HostIn(IEnumerable<string> hosts, string region) =>
        hosts.FirstOrDefault(h => h.Split('.') is { Length: > 2 } labels && labels[1].Equals(region, StringComparison.OrdinalIgnoreCase));
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Models;

namespace AcrGeo.Operations;

/// <summary>A registry's quota usage, with the replicas the service's figures leave out and the units they are billed as.</summary>
public sealed class UsageOperations
{
    readonly AcrGeoConnection connection;

    public UsageOperations(AcrGeoConnection connection) => this.connection = connection;

    /// <summary>
    /// Three requests at once: <c>GET listUsages</c> (storage, webhooks, scope maps, tokens), the replica list (regions,
    /// each a Premium unit) and the webhook list (regional webhooks per region).
    /// </summary>
    public async Task<AcrRegistryUsage> GetAsync(AcrRegistry registry, OperationContext context)
    {
        var usagesTask = connection.Rest.ListAsync(registry.Path.Child("listUsages"), ApiVersions.ContainerRegistry, context, registry);
        var replicasTask = new ReplicaOperations(connection).ListAsync(registry, context);
        var webhooksTask = new WebhookOperations(connection).ListAsync(registry, context);
        await Task.WhenAll(usagesTask, replicasTask, webhooksTask).ConfigureAwait(false);

        var usages = usagesTask.Result.Select(u => new AcrUsage
        {
            Name = (string?)u["name"] ?? "",
            CurrentValue = Number(u["currentValue"]),
            Limit = Number(u["limit"]),
            Unit = (string?)u["unit"] ?? "",
        }).ToList();
        var regions = replicasTask.Result.Where(r => !r.IsDeleting).ToList();
        if (regions.Count == 0)
            regions.Add(new AcrReplica { Name = registry.Location, Location = registry.Location, IsHome = true, RegistryName = registry.Name });
        var perUnit = registry.IsPremium ? 1 : 0;
        var replicas = regions.Select(r => new AcrReplicaUsage
        {
            RegistryName = registry.Name,
            Location = r.Location,
            IsHome = r.IsHome,
            Status = r.Status,
            Webhooks = webhooksTask.Result.Count(w => NameRules.Region(w.Location) == NameRules.Region(r.Location)),
            BilledUnits = perUnit,
        }).ToList();
        AcrUsage? Named(string name) => usages.FirstOrDefault(u => u.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        return new AcrRegistryUsage
        {
            RegistryName = registry.Name,
            Sku = registry.Sku,
            StorageUsedBytes = Named("Size")?.CurrentValue,
            StorageLimitBytes = Named("Size")?.Limit,
            Webhooks = Named("Webhooks")?.CurrentValue,
            WebhookLimit = Named("Webhooks")?.Limit,
            Regions = replicas.Count,
            // Premium is billed per region; Basic and Standard have one region and one unit.
            BilledUnits = registry.IsPremium ? replicas.Count : 1,
            Usages = usages,
            Replicas = replicas,
        };
    }

    static long? Number(JsonNode? node) => node is JsonValue value && long.TryParse(value.ToString(), out var number) ? number : null;
}

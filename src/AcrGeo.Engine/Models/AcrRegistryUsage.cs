using System;
using System.Collections.Generic;

namespace AcrGeo.Models;

/// <summary>One quota figure as the registry reports it (<c>listUsages</c>): Size in bytes, Webhooks, ScopeMaps, Tokens.</summary>
public sealed class AcrUsage
{
    public string Name { get; init; } = "";
    public long? CurrentValue { get; init; }
    public long? Limit { get; init; }
    /// <summary>Bytes or Count.</summary>
    public string Unit { get; init; } = "";

    public override string ToString() => $"{Name}: {CurrentValue}/{Limit} {Unit}";
}

/// <summary>
/// One region's share of a registry: its replica, the regional webhooks that listen there, and the Premium unit it is
/// billed for. The service reports no storage per replica: every replica holds all of the registry's content.
/// </summary>
public sealed class AcrReplicaUsage
{
    public string RegistryName { get; init; } = "";
    public string Location { get; init; } = "";
    public bool IsHome { get; init; }
    public string Status { get; init; } = "";
    public int Webhooks { get; init; }
    /// <summary>1 for every region of a Premium registry, the home region included.</summary>
    public int BilledUnits { get; init; }

    public override string ToString() => Location;
}

/// <summary>A registry's quota usage with what the service leaves out: the replicas, and the units they are billed as.</summary>
public sealed class AcrRegistryUsage
{
    public string RegistryName { get; init; } = "";
    public string Sku { get; init; } = "";
    public long? StorageUsedBytes { get; init; }
    public long? StorageLimitBytes { get; init; }
    public long? Webhooks { get; init; }
    public long? WebhookLimit { get; init; }
    /// <summary>The home region and every replica region.</summary>
    public int Regions { get; init; }
    /// <summary>Premium is billed per region (the home one included); Basic and Standard as one unit.</summary>
    public int BilledUnits { get; init; }
    public IReadOnlyList<AcrUsage> Usages { get; init; } = Array.Empty<AcrUsage>();
    public IReadOnlyList<AcrReplicaUsage> Replicas { get; init; } = Array.Empty<AcrReplicaUsage>();

    public override string ToString() => RegistryName;
}

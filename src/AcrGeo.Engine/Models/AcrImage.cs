using System;

namespace AcrGeo.Models;

/// <summary>One tag of a repository in a registry.</summary>
public sealed class AcrImage
{
    public string RegistryName { get; init; } = "";
    public string LoginServer { get; init; } = "";
    public string Repository { get; init; } = "";
    public string Tag { get; init; } = "";
    public string? Digest { get; init; }
    public DateTimeOffset? LastUpdated { get; init; }

    /// <summary>The full reference a container runtime pulls: loginserver/repository:tag.</summary>
    public string Reference => $"{LoginServer}/{Repository}:{Tag}";

    public override string ToString() => Reference;
}

/// <summary>A container group deployed from a registry.</summary>
public sealed class AcrContainerInstance
{
    public string Name { get; init; } = "";
    public string ResourceGroupName { get; init; } = "";
    public string Location { get; init; } = "";
    /// <summary>Pending, Running, Stopped, Succeeded or Failed (the instance view's state).</summary>
    public string State { get; init; } = "";
    public string ProvisioningState { get; init; } = "";
    public string? IPAddress { get; init; }
    public string? Fqdn { get; init; }
    public string? DnsNameLabel { get; init; }
    public string Image { get; init; } = "";
    public string? RegistryLoginServer { get; init; }
    public string OsType { get; init; } = "";
    public string RestartPolicy { get; init; } = "";
    public int[] Ports { get; init; } = Array.Empty<int>();
    public string Id { get; init; } = "";
    /// <summary>The ARM path of <see cref="Id"/>, checked and escaped.</summary>
    internal Arm.ArmPath Path => Arm.ArmPath.FromResourceId(Id);

    public override string ToString() => Fqdn ?? Name;
}

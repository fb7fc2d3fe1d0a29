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
    /// <summary>The user name of the registry credential (a pull principal's application id), if it has one.</summary>
    public string? RegistryUserName { get; init; }
    /// <summary>The resource id of the managed identity the group pulls with, if it pulls with one.</summary>
    public string? PullIdentityId { get; init; }
    /// <summary>What happened to the group and its containers, newest last; filled only when asked for (-IncludeEvent).</summary>
    public System.Collections.Generic.IReadOnlyList<AcrContainerInstanceEvent> Events { get; init; } = Array.Empty<AcrContainerInstanceEvent>();
    public string Id { get; init; } = "";
    /// <summary>The ARM path of <see cref="Id"/>, checked and escaped.</summary>
    internal Arm.ArmPath Path => Arm.ArmPath.FromResourceId(Id);

    public override string ToString() => Fqdn ?? Name;
}

/// <summary>One event of a container group or one of its containers (pulling, pulled, started, killing...).</summary>
public sealed class AcrContainerInstanceEvent
{
    public string ContainerGroupName { get; init; } = "";
    /// <summary>The container the event concerns; empty for an event of the group itself.</summary>
    public string Container { get; init; } = "";
    public string Name { get; init; } = "";
    public string Message { get; init; } = "";
    /// <summary>Normal or Warning.</summary>
    public string Type { get; init; } = "";
    public int Count { get; init; }
    public DateTimeOffset? FirstTimestamp { get; init; }
    public DateTimeOffset? LastTimestamp { get; init; }

    public override string ToString() => $"{Name}: {Message}";
}

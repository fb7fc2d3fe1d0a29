namespace AcrGeo.Models;

/// <summary>What Sync-AcrReplica does with one region of one registry.</summary>
public enum ReplicaSyncAction
{
    /// <summary>The region is as desired (or is extra and not pruned): nothing is sent.</summary>
    Keep,
    /// <summary>No replica there yet: one is created.</summary>
    Create,
    /// <summary>The replica's routing or tags differ: they are changed in place.</summary>
    Update,
    /// <summary>The replica Failed: it is deleted and created again, which is what repairs one.</summary>
    Recreate,
    /// <summary>A replica that is not desired, with -Prune: it is removed. Never the home replica.</summary>
    Remove,
}

/// <summary>How a step ended.</summary>
public enum ReplicaSyncOutcome
{
    /// <summary>Nothing to do.</summary>
    NoChange,
    /// <summary>Not carried out: -WhatIf, or declined at the prompt.</summary>
    Planned,
    Succeeded,
    Failed,
}

/// <summary>One region of one registry in a Sync-AcrReplica run: where it stood, what was done, how it ended.</summary>
public sealed class AcrReplicaSyncResult
{
    public string RegistryName { get; init; } = "";
    public string ResourceGroupName { get; init; } = "";
    public string Location { get; init; } = "";
    public ReplicaSyncAction Action { get; init; }
    public ReplicaSyncOutcome Result { get; init; }
    /// <summary>True when the region already matched the desired state before the run (no drift).</summary>
    public bool InDesiredState { get; init; }
    /// <summary>What differs, or why nothing is done.</summary>
    public string Detail { get; init; } = "";
    /// <summary>The replica after the step, when there is one.</summary>
    public AcrReplica? Replica { get; init; }
    /// <summary>Why the step failed, when it did (the error is also written to the error stream).</summary>
    public string? Error { get; init; }

    public override string ToString() => $"{RegistryName}/{Location}: {Action} {Result}";
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Waits until replicas are provisioned and in sync (Ready), or have failed, with progress and a timeout.</para>
/// </summary>
// The object set is the default so that piped replicas bind as objects; a registry (or -Registry) selects the other set.
[Cmdlet(VerbsLifecycle.Wait, "AcrReplica", DefaultParameterSetName = ByObjectSet)]
[OutputType(typeof(AcrReplica))]
public sealed class WaitAcrReplicaCommand : RegistryCmdlet
{
    const string ByRegistrySet = "ByRegistry";
    const string ByObjectSet = "ByObject";
    readonly List<(string Registry, string? ResourceGroup, string? Replica)> targets = new();

    [Parameter(ParameterSetName = ByRegistrySet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RegistryName")]
    [ValidatePattern(NameRules.ResourceNamePattern)]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string Registry { get; set; } = "";

    [Parameter(ParameterSetName = ByRegistrySet, ValueFromPipelineByPropertyName = true)]
    public string? ResourceGroupName { get; set; }

    /// <summary>The replicas to wait for; all of the registry's when left out.</summary>
    [Parameter(ParameterSetName = ByRegistrySet, Position = 1)]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, ValueFromPipeline = true)]
    public AcrReplica[] InputObject { get; set; } = Array.Empty<AcrReplica>();

    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSeconds { get; set; } = 1800;

    /// <summary>Fail with AcrGeo.ReplicaStuck, naming the replica's status and message, once a replica shows no change for this long.</summary>
    [Parameter]
    public int? StuckAfterSeconds { get; set; }

    protected override Task ProcessRecordAsync()
    {
        if (ParameterSetName == ByObjectSet)
            targets.AddRange(InputObject.Select(r => (r.RegistryName, (string?)r.ResourceGroupName, (string?)r.Name)));
        else if (Name is null)
            targets.Add((Registry, ResourceGroupName, null));
        else
            targets.AddRange(Name.Select(n => (Registry, ResourceGroupName, (string?)n)));
        return Task.CompletedTask;
    }

    /// <summary>All inputs are gathered first, so each registry is polled by one loop, and registries in parallel.</summary>
    protected override async Task EndProcessingAsync()
    {
        var byRegistry = targets.GroupBy(t => (t.Registry.ToLowerInvariant(), t.ResourceGroup?.ToLowerInvariant()));
        await Task.WhenAll(byRegistry.Select(async group =>
        {
            var first = group.First();
            var registry = await ResolveRegistryAsync(first.Registry, first.ResourceGroup).ConfigureAwait(false);
            var names = group.Any(t => t.Replica is null) ? null : group.Select(t => t.Replica!).Distinct().ToList();
            var replicas = await new ReplicaOperations(Connection)
                .WaitAsync(registry, names, TimeSpan.FromSeconds(TimeoutSeconds), Context,
                    StuckAfterSeconds is { } stuck ? TimeSpan.FromSeconds(stuck) : null).ConfigureAwait(false);
            foreach (var replica in replicas)
            {
                if (replica.IsFailed)
                    EmitError(new AcrGeoException(ErrorIds.ReplicaFailed, AcrErrorCategory.InvalidOperation,
                        $"Replica '{replica.Name}' of '{replica.RegistryName}' is {replica.ProvisioningState}: {replica.StatusMessage} " +
                        $"Remove it and create it again (Remove-AcrReplica, then New-AcrReplica -Location {replica.Location}).", replica));
                else
                    Emit(replica);
            }
        })).ConfigureAwait(false);
    }
}

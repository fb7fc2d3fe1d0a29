using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Removes replicas, in parallel. The home region's replica is refused before any request.</para>
/// </summary>
// The object set is the default: with ByName as default, PowerShell would ask for -Name before binding piped replicas.
[Cmdlet(VerbsCommon.Remove, "AcrReplica", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAcrReplicaCommand : RegistryCmdlet
{
    const string ByNameSet = "ByName";
    const string ByObjectSet = "ByObject";
    readonly List<(string Registry, string? ResourceGroup, string Replica)> targets = new();

    [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RegistryName")]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string Registry { get; set; } = "";

    [Parameter(ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
    public string? ResourceGroupName { get; set; }

    [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, ValueFromPipeline = true)]
    public AcrReplica[] InputObject { get; set; } = Array.Empty<AcrReplica>();

    protected override async Task ProcessRecordAsync()
    {
        if (ParameterSetName == ByObjectSet)
        {
            // Known from the object itself: the home replica is refused with no request at all.
            foreach (var replica in InputObject)
                if (Passes(() => ReplicaOperations.EnsureRemovable(replica)) && Confirm($"{replica.RegistryName} ({replica.Location})", "Remove replica"))
                    targets.Add((replica.RegistryName, replica.ResourceGroupName, replica.Name));
            return;
        }
        var registry = await ResolveRegistryAsync(Registry, ResourceGroupName).ConfigureAwait(false);
        foreach (var name in Name)
            if (Passes(() => ReplicaOperations.EnsureRemovable(registry, name)) && Confirm($"{registry.Name} ({name})", "Remove replica"))
                targets.Add((registry.Name, registry.ResourceGroupName, name));
    }

    /// <summary>Gathered first, so each registry's replicas are removed together in parallel, and registries in parallel too.</summary>
    protected override async Task EndProcessingAsync() =>
        await Task.WhenAll(targets.GroupBy(t => (t.Registry.ToLowerInvariant(), t.ResourceGroup?.ToLowerInvariant())).Select(async group =>
        {
            var registry = await ResolveRegistryAsync(group.First().Registry, group.First().ResourceGroup).ConfigureAwait(false);
            var outcomes = await new ReplicaOperations(Connection)
                .RemoveAsync(registry, group.Select(t => t.Replica).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), Context)
                .ConfigureAwait(false);
            foreach (var outcome in outcomes.Where(o => !o.Succeeded)) EmitError(outcome.Error!);
        })).ConfigureAwait(false);
}

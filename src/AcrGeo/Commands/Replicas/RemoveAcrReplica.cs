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

    /// <summary>Each piped replica or registry is removed as it comes, all at once; each waits through its registry's one replica list.</summary>
    protected override bool ProcessesRecordsConcurrently => true;

    protected override async Task ProcessRecordAsync()
    {
        if (ParameterSetName == ByObjectSet)
        {
            // Known from the object itself: the home replica is refused with no request at all.
            var confirmed = InputObject
                .Where(replica => Passes(() => ReplicaOperations.EnsureRemovable(replica))
                                  && Confirm($"{replica.RegistryName} ({replica.Location})", "Remove replica"))
                .ToList();
            await Task.WhenAll(confirmed.GroupBy(r => (r.RegistryName.ToLowerInvariant(), r.ResourceGroupName.ToLowerInvariant()))
                .Select(group => RemoveAsync(ResolveRegistryAsync(group.First().RegistryName, group.First().ResourceGroupName),
                    group.Select(r => r.Name).ToList()))).ConfigureAwait(false);
            return;
        }
        var names = Name;
        var registry = await ResolveRegistryAsync(Registry, ResourceGroupName).ConfigureAwait(false);
        var chosen = names.Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(name => Passes(() => ReplicaOperations.EnsureRemovable(registry, name)) && Confirm($"{registry.Name} ({name})", "Remove replica"))
            .ToList();
        await RemoveAsync(Task.FromResult(registry), chosen).ConfigureAwait(false);
    }

    async Task RemoveAsync(Task<AcrRegistry> registry, IReadOnlyList<string> names)
    {
        if (names.Count == 0) return;
        var outcomes = await new ReplicaOperations(Connection).RemoveAsync(await registry.ConfigureAwait(false),
            names.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), Context).ConfigureAwait(false);
        foreach (var outcome in outcomes.Where(o => !o.Succeeded)) EmitError(outcome.Error!);
    }
}

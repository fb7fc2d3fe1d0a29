using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Geo-replicates a Premium registry to one or more regions at once; regions that already hold a replica return it.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "AcrReplica", SupportsShouldProcess = true)]
[OutputType(typeof(AcrReplica))]
public sealed class NewAcrReplicaCommand : OneRegistryCmdlet
{
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string[] Location { get; set; } = Array.Empty<string>();

    [Parameter]
    public SwitchParameter ZoneRedundancy { get; set; }

    /// <summary>Whether the regional endpoint takes traffic; leave out for the service default (enabled).</summary>
    [Parameter]
    public bool? RegionEndpointEnabled { get; set; }

    [Parameter]
    public Hashtable? Tag { get; set; }

    /// <summary>Upgrade a Basic or Standard registry to Premium first instead of refusing.</summary>
    [Parameter]
    public SwitchParameter UpgradeSku { get; set; }

    /// <summary>Return once each create is accepted; use Wait-AcrReplica later.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>A registry from Get-AcrRegistry: taken as it is, with no request to find it again.</summary>
    [Parameter(ValueFromPipeline = true)]
    public AcrRegistry? InputObject { get; set; }

    /// <summary>Piped registries are replicated at once, each waiting through its own replica list; output in pipeline order.</summary>
    protected override bool ProcessesRecordsConcurrently => true;

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync(Registry, ResourceGroupName, InputObject).ConfigureAwait(false);
        var replicas = new ReplicaOperations(Connection);
        var plan = await replicas.PlanAsync(registry, new ReplicaRequest
        {
            Locations = Location,
            ZoneRedundant = ZoneRedundancy,
            RegionEndpointEnabled = RegionEndpointEnabled,
            Tags = ToDictionary(Tag),
            UpgradeToPremium = UpgradeSku,
            NoWait = NoWait,
        }, Context).ConfigureAwait(false);

        foreach (var existing in plan.Existing)
        {
            Verbose($"Registry '{registry.Name}' already has a replica in {existing.Location}.");
            Emit(existing);
        }
        if (plan.NeedsUpgrade && plan.ToCreate.Count > 0 && !Confirm(registry.Name, $"Upgrade SKU from {registry.Sku} to Premium")) return;
        var confirmed = plan.ToCreate.Where(location => Confirm($"{registry.Name} ({location})", "Create replica")).ToList();
        if (confirmed.Count == 0) return;

        foreach (var outcome in await replicas.CreateAsync(plan.Only(confirmed), Context).ConfigureAwait(false))
        {
            if (outcome.Succeeded) Emit(outcome.Value!);
            else EmitError(outcome.Error!);
        }
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
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

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
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

/// <summary>
/// <para type="synopsis">Lists a registry's replicas, the home replica included, with provisioning state and sync status.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrReplica")]
[OutputType(typeof(AcrReplica))]
public sealed class GetAcrReplicaCommand : OneRegistryCmdlet
{
    [Parameter(Position = 1)]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        var all = await new ReplicaOperations(Connection).ListAsync(registry, Context).ConfigureAwait(false);
        if (Name is null)
        {
            foreach (var replica in all) Emit(replica);
            return;
        }
        foreach (var name in Name)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = all.Where(r => pattern.IsMatch(r.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                EmitError(new AcrGeoException(ErrorIds.ReplicaNotFound, AcrErrorCategory.ObjectNotFound,
                    $"Registry '{registry.Name}' has no replica named '{name}'.", name));
            foreach (var replica in matches) Emit(replica);
        }
    }
}

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
                .WaitAsync(registry, names, TimeSpan.FromSeconds(TimeoutSeconds), Context).ConfigureAwait(false);
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
    [ValidatePattern(NameRules.ResourceNamePattern)]
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

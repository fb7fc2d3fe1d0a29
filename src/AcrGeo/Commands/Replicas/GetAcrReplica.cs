using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Input;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Lists a registry's replicas, the home replica included, with provisioning state and sync status; or, with -All, every replica across subscriptions through Azure Resource Graph.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrReplica", DefaultParameterSetName = ByRegistrySet)]
[OutputType(typeof(AcrReplica))]
public sealed class GetAcrReplicaCommand : RegistryCmdlet
{
    const string ByRegistrySet = "ByRegistry";
    const string AllSet = "All";

    [Parameter(ParameterSetName = ByRegistrySet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RegistryName")]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string Registry { get; set; } = "";

    /// <summary>Optional: registry names are unique, so without it the registry is found by name.</summary>
    [Parameter(ParameterSetName = ByRegistrySet, ValueFromPipelineByPropertyName = true)]
    public string? ResourceGroupName { get; set; }

    /// <summary>A registry from Get-AcrRegistry: taken as it is, so its replicas cost one request and no lookup.</summary>
    [Parameter(ParameterSetName = ByRegistrySet, ValueFromPipeline = true)]
    public AcrRegistry? InputObject { get; set; }

    [Parameter(ParameterSetName = ByRegistrySet, Position = 1)]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    /// <summary>Every replica of every registry, through Azure Resource Graph (ARM's lists where it is not available).</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    /// <summary>With -All: these subscriptions; left out, every subscription the signed-in identity can see.</summary>
    [Parameter(ParameterSetName = AllSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Subscription { get; set; }

    protected override bool ProcessesRecordsConcurrently => true;

    protected override async Task ProcessRecordAsync()
    {
        if (ParameterSetName == AllSet)
        {
            var subscriptions = InventoryOperations.Subscriptions(Subscription);
            foreach (var replica in await new InventoryOperations(Connection).ReplicasAsync(subscriptions, Context).ConfigureAwait(false))
                Emit(replica);
            return;
        }
        // Read before the first await: the next piped registry rebinds these.
        var names = Name;
        var registry = await ResolveRegistryAsync(Registry, ResourceGroupName, InputObject).ConfigureAwait(false);
        var all = await new ReplicaOperations(Connection).ListAsync(registry, Context).ConfigureAwait(false);
        if (names is null)
        {
            foreach (var replica in all) Emit(replica);
            return;
        }
        foreach (var name in names)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(name) && !Passes(() => InputRules.ReplicaName(name))) continue;
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = all.Where(r => pattern.IsMatch(r.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                EmitError(new AcrGeoException(ErrorIds.ReplicaNotFound, AcrErrorCategory.ObjectNotFound,
                    $"Registry '{registry.Name}' has no replica named '{name}'.", name));
            foreach (var replica in matches) Emit(replica);
        }
    }
}

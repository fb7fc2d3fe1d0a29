using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Gets container registries: one by name, by wildcard, in a resource group, or all; with -All, every registry across subscriptions through Azure Resource Graph.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrRegistry", DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(AcrRegistry))]
public sealed class GetAcrRegistryCommand : RegistryCmdlet
{
    const string ByNameSet = "ByName";
    const string AllSet = "All";

    // Not bound from the pipeline: a replica's or webhook's Name would be taken for a registry's.
    [Parameter(ParameterSetName = ByNameSet, Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string? Name { get; set; }

    [Parameter(ParameterSetName = ByNameSet)]
    public string? ResourceGroupName { get; set; }

    /// <summary>Every registry of every subscription asked for, through Azure Resource Graph (ARM's lists where it is not available).</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    /// <summary>With -All: these subscriptions; left out, every subscription the signed-in identity can see.</summary>
    [Parameter(ParameterSetName = AllSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Subscription { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        if (ParameterSetName == AllSet)
        {
            var subscriptions = InventoryOperations.Subscriptions(Subscription);
            foreach (var registry in await new InventoryOperations(Connection).RegistriesAsync(subscriptions, Context).ConfigureAwait(false))
                Emit(registry);
            return;
        }
        if (Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name))
        {
            Emit(await ResolveRegistryAsync(Name, ResourceGroupName).ConfigureAwait(false));
            return;
        }
        var pattern = new WildcardPattern(Name ?? "*", WildcardOptions.IgnoreCase);
        var all = await new RegistryOperations(Connection).ListAsync(ResourceGroupName, Context).ConfigureAwait(false);
        foreach (var registry in all.Where(r => pattern.IsMatch(r.Name))) Emit(registry);
    }
}

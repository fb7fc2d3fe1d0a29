using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Gets container registries: one by name, by wildcard, in a resource group, or all.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrRegistry")]
[OutputType(typeof(AcrRegistry))]
public sealed class GetAcrRegistryCommand : RegistryCmdlet
{
    // Not bound from the pipeline: a replica's or webhook's Name would be taken for a registry's.
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string? Name { get; set; }

    [Parameter]
    public string? ResourceGroupName { get; set; }

    protected override async Task ProcessRecordAsync()
    {
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

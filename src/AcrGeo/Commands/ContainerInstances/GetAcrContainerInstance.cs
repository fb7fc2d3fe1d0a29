using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Gets container groups with their real state: one by name, by wildcard, in a resource group, or all; with their events on request.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrContainerInstance")]
[OutputType(typeof(AcrContainerInstance))]
public sealed class GetAcrContainerInstanceCommand : RegistryCmdlet
{
    [Parameter(Position = 0)]
    public string? ResourceGroupName { get; set; }

    [Parameter(Position = 1)]
    [SupportsWildcards]
    public string? Name { get; set; }

    /// <summary>Fill each group's Events: what happened to it and its containers (pulling, pulled, started, killed...).</summary>
    [Parameter]
    public SwitchParameter IncludeEvent { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var instances = new ContainerInstanceOperations(Connection);
        if (ResourceGroupName is not null && Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name))
        {
            Emit(await instances.GetAsync(ResourceGroupName, Name, Context, IncludeEvent).ConfigureAwait(false));
            return;
        }
        var pattern = new WildcardPattern(Name ?? "*", WildcardOptions.IgnoreCase);
        foreach (var instance in await instances.ListAsync(ResourceGroupName, pattern.IsMatch, Context, IncludeEvent).ConfigureAwait(false))
            Emit(instance);
    }
}

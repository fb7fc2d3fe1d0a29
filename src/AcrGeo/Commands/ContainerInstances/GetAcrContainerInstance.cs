using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Gets container groups: one by name, by wildcard, in a resource group, or all.</para>
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

    protected override async Task ProcessRecordAsync()
    {
        var instances = new ContainerInstanceOperations(Connection);
        if (ResourceGroupName is not null && Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name))
        {
            Emit(await instances.GetAsync(ResourceGroupName, Name, Context).ConfigureAwait(false));
            return;
        }
        var pattern = new WildcardPattern(Name ?? "*", WildcardOptions.IgnoreCase);
        foreach (var instance in (await instances.ListAsync(ResourceGroupName, Context).ConfigureAwait(false)).Where(i => pattern.IsMatch(i.Name)))
            Emit(instance);
    }
}

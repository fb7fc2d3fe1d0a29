using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Deletes container groups.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "AcrContainerInstance", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAcrContainerInstanceCommand : RegistryCmdlet
{
    const string ByNameSet = "ByName";
    const string ByObjectSet = "ByObject";

    [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0)]
    public string ResourceGroupName { get; set; } = "";

    [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 1)]
    public string Name { get; set; } = "";

    [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, ValueFromPipeline = true)]
    public AcrContainerInstance[] InputObject { get; set; } = Array.Empty<AcrContainerInstance>();

    protected override async Task ProcessRecordAsync()
    {
        var targets = ParameterSetName == ByObjectSet
            ? InputObject.Select(i => (i.ResourceGroupName, i.Name)).ToList()
            : new List<(string, string)> { (ResourceGroupName, Name) };
        // Each target on its own: a missing one is an error for that target, as Remove-Item gives, and the others go on.
        foreach (var (group, name) in targets)
            if (Confirm($"{group}/{name}", "Delete container group"))
                await NonTerminatingAsync(() => new ContainerInstanceOperations(Connection).RemoveAsync(group, name, Context)).ConfigureAwait(false);
    }
}

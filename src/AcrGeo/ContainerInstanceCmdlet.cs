using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo;

/// <summary>
/// Base of the cmdlets that act on existing container groups: named by resource group and name, or piped in as the objects
/// Get-AcrContainerInstance and New-AcrContainerInstance return. Each group is confirmed and acted on in turn.
/// </summary>
public abstract class ContainerInstanceCmdlet : RegistryCmdlet
{
    protected const string ByNameSet = "ByName";
    protected const string ByObjectSet = "ByObject";

    [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0)]
    public string ResourceGroupName { get; set; } = "";

    [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 1)]
    public string Name { get; set; } = "";

    [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, ValueFromPipeline = true)]
    public AcrContainerInstance[] InputObject { get; set; } = Array.Empty<AcrContainerInstance>();

    /// <summary>The groups this record names: (resource group, name).</summary>
    protected IReadOnlyList<(string ResourceGroup, string Name)> Targets =>
        ParameterSetName == ByObjectSet
            ? InputObject.Select(i => (i.ResourceGroupName, i.Name)).ToList()
            : new List<(string, string)> { (ResourceGroupName, Name) };

    /// <summary>Runs <paramref name="act"/> on each group the user confirms for <paramref name="action"/>.</summary>
    protected async Task ForEachConfirmedAsync(string action, Func<string, string, Task> act)
    {
        foreach (var (group, name) in Targets)
            if (Confirm($"{group}/{name}", action))
                await act(group, name).ConfigureAwait(false);
    }
}

/// <summary>
/// Base of Start- and Restart-AcrContainerInstance: both run each group again (its images pulled again) and, unless
/// -NoWait, wait until it runs.
/// </summary>
public abstract class ContainerInstanceRunCmdlet : ContainerInstanceCmdlet
{
    /// <summary>Return once Azure has accepted the request, without waiting until the group runs.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    [Parameter]
    public int TimeoutSeconds { get; set; } = 900;

    /// <summary>Write each group (with its state) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Runs <paramref name="run"/> (start or restart) on each confirmed group, with this command's wait settings.</summary>
    protected Task RunEachAsync(string action,
        Func<ContainerInstanceOperations, string, string, bool, TimeSpan, OperationContext, Task<AcrContainerInstance>> run) =>
        ForEachConfirmedAsync(action, async (group, name) =>
        {
            var ran = await run(new ContainerInstanceOperations(Connection), group, name, NoWait, TimeSpan.FromSeconds(TimeoutSeconds), Context)
                .ConfigureAwait(false);
            if (PassThru) Emit(ran);
        });
}


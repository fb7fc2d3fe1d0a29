using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Stops every container of container groups: billing stops, the groups and their definitions stay.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "AcrContainerInstance", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AcrContainerInstance))]
public sealed class StopAcrContainerInstanceCommand : ContainerInstanceCmdlet
{
    /// <summary>Write each stopped group (with its state) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override Task ProcessRecordAsync() =>
        ForEachConfirmedAsync("Stop every container of the group", async (group, name) =>
        {
            var stopped = await new ContainerInstanceOperations(Connection).StopAsync(group, name, Context).ConfigureAwait(false);
            if (PassThru) Emit(stopped);
        });
}

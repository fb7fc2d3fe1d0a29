using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Restarts every container of container groups in place: their images are pulled again, and it waits until they run.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Restart, "AcrContainerInstance", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AcrContainerInstance))]
public sealed class RestartAcrContainerInstanceCommand : ContainerInstanceCmdlet
{
    /// <summary>Return once Azure has accepted the restart, without waiting until the group runs.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSeconds { get; set; } = 900;

    /// <summary>Write each restarted group (with its state) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override Task ProcessRecordAsync() =>
        ForEachConfirmedAsync("Restart every container of the group (its images are pulled again)", async (group, name) =>
        {
            var restarted = await new ContainerInstanceOperations(Connection)
                .RestartAsync(group, name, NoWait, TimeSpan.FromSeconds(TimeoutSeconds), Context).ConfigureAwait(false);
            if (PassThru) Emit(restarted);
        });
}

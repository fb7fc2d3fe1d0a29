using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Starts stopped container groups: their images are pulled again, and it waits until they run.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "AcrContainerInstance", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true)]
[OutputType(typeof(AcrContainerInstance))]
public sealed class StartAcrContainerInstanceCommand : ContainerInstanceCmdlet
{
    /// <summary>Return once Azure has accepted the start, without waiting until the group runs.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSeconds { get; set; } = 900;

    /// <summary>Write each started group (with its state) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override Task ProcessRecordAsync() =>
        ForEachConfirmedAsync("Start container group (its images are pulled again)", async (group, name) =>
        {
            var started = await new ContainerInstanceOperations(Connection)
                .StartAsync(group, name, NoWait, TimeSpan.FromSeconds(TimeoutSeconds), Context).ConfigureAwait(false);
            if (PassThru) Emit(started);
        });
}

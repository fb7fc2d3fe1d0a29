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
public sealed class RestartAcrContainerInstanceCommand : ContainerInstanceRunCmdlet
{
    protected override Task ProcessRecordAsync() =>
        RunEachAsync("Restart every container of the group (its images are pulled again)",
            (operations, group, name, noWait, timeout, context) => operations.RestartAsync(group, name, noWait, timeout, context));
}

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
public sealed class StartAcrContainerInstanceCommand : ContainerInstanceRunCmdlet
{
    protected override Task ProcessRecordAsync() =>
        RunEachAsync("Start container group (its images are pulled again)",
            (operations, group, name, noWait, timeout, context) => operations.StartAsync(group, name, noWait, timeout, context));
}

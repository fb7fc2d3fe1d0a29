using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Deletes container groups.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "AcrContainerInstance", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAcrContainerInstanceCommand : ContainerInstanceCmdlet
{
    protected override Task ProcessRecordAsync() =>
        ForEachConfirmedAsync("Delete container group",
            (group, name) => new ContainerInstanceOperations(Connection).RemoveAsync(group, name, Context));
}

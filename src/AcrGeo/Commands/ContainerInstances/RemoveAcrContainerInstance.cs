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
    // Each target on its own: a missing one is an error for that target, as Remove-Item gives, and the others go on.
    protected override Task ProcessRecordAsync() =>
        ForEachConfirmedAsync("Delete container group",
            (group, name) => NonTerminatingAsync(() => new ContainerInstanceOperations(Connection).RemoveAsync(group, name, Context)));
}

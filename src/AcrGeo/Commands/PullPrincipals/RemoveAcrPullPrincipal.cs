using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Removes a pull principal: its role assignment, service principal, application and both secrets.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "AcrPullPrincipal", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAcrPullPrincipalCommand : PullCredentialCmdlet
{
    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        if (!Confirm(registry.Name, $"Remove the {Role} principal and its credentials in vault {VaultName}")) return;
        await new PullPrincipalOperations(Connection).RemoveAsync(registry, VaultName, Role, Context).ConfigureAwait(false);
    }
}

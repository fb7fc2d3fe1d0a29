using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Gives a pull principal a new password before the old one expires: stored first, old one removed after.</para>
/// </summary>
[Cmdlet(VerbsCommon.Reset, "AcrPullPrincipalCredential", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = ExpiresInSet)]
[OutputType(typeof(AcrPullPrincipal))]
public sealed class ResetAcrPullPrincipalCredentialCommand : PullCredentialCmdlet
{
    const string ExpiresInSet = "ExpiresIn";
    const string EndDateSet = "EndDate";

    [Parameter(ParameterSetName = ExpiresInSet)]
    public TimeSpan? ExpiresIn { get; set; }

    [Parameter(ParameterSetName = EndDateSet, Mandatory = true)]
    public DateTime EndDate { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        if (!Confirm(registry.Name, $"Replace the {Role} password stored in vault {VaultName}")) return;
        Emit(await new PullPrincipalOperations(Connection).ResetCredentialAsync(registry, VaultName, ExpiresIn,
            ParameterSetName == EndDateSet ? EndDate : null, Role, Context).ConfigureAwait(false));
    }
}

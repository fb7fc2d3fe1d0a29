using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Gives a pull principal a new password before the old one expires, and redeploys the container groups that use it: stored first, old one removed only when everything works with the new one.</para>
/// </summary>
[Cmdlet(VerbsCommon.Reset, "AcrPullPrincipalCredential", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = ExpiresInSet)]
[OutputType(typeof(AcrPullPrincipal), typeof(AcrCredentialRotation))]
public sealed class ResetAcrPullPrincipalCredentialCommand : PullCredentialCmdlet
{
    const string ExpiresInSet = "ExpiresIn";
    const string EndDateSet = "EndDate";

    [Parameter(ParameterSetName = ExpiresInSet)]
    public TimeSpan? ExpiresIn { get; set; }

    [Parameter(ParameterSetName = EndDateSet, Mandatory = true)]
    public DateTime EndDate { get; set; }

    /// <summary>
    /// Redeploy every container group that pulls with the principal (same definition, new password) and check that each
    /// runs before the old password is removed; a group that does not come back is reported and the old password kept.
    /// Writes an AcrCredentialRotation instead of the principal.
    /// </summary>
    [Parameter]
    public SwitchParameter UpdateContainerInstance { get; set; }

    /// <summary>How long each redeployed group may take to run again.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSeconds { get; set; } = 900;

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        var endDate = NewAcrPullPrincipalCommand.EndDateOf(ParameterSetName == EndDateSet ? EndDate : null, ExpiresIn);
        var principals = new PullPrincipalOperations(Connection);
        if (!UpdateContainerInstance)
        {
            if (!Confirm(registry.Name, $"Replace the {Role} password stored in vault {VaultName}")) return;
            Emit(await principals.ResetCredentialAsync(registry, VaultName, endDate, Role, Context).ConfigureAwait(false));
            return;
        }
        if (!Confirm(registry.Name, $"Replace the {Role} password stored in vault {VaultName} and redeploy the container groups that use it")) return;
        var (rotation, errors) = await principals.ResetCredentialWithContainerInstancesAsync(registry, VaultName, endDate, Role,
            TimeSpan.FromSeconds(TimeoutSeconds), Context).ConfigureAwait(false);
        foreach (var error in errors) EmitError(error);
        Emit(rotation);
    }
}

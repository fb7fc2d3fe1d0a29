using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Creates a service principal that may pull from one registry, and stores its credentials in a key vault.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "AcrPullPrincipal", SupportsShouldProcess = true, DefaultParameterSetName = ExpiresInSet)]
[OutputType(typeof(AcrPullPrincipal))]
public sealed class NewAcrPullPrincipalCommand : PullCredentialCmdlet
{
    const string ExpiresInSet = "ExpiresIn";
    const string EndDateSet = "EndDate";

    /// <summary>How long the password lives (default one year, at most two).</summary>
    [Parameter(ParameterSetName = ExpiresInSet)]
    public TimeSpan? ExpiresIn { get; set; }

    [Parameter(ParameterSetName = EndDateSet, Mandatory = true)]
    public DateTime EndDate { get; set; }

    [Parameter]
    public string? DisplayName { get; set; }

    /// <summary>Give the signed-in identity the vault access it lacks (a Key Vault Secrets Officer role, or an access policy).</summary>
    [Parameter]
    public SwitchParameter GrantVaultAccess { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        if (!Confirm(registry.Name, $"Create a service principal with {Role} on the registry, its credentials stored in vault {VaultName}")) return;
        Emit(await new PullPrincipalOperations(Connection).CreateAsync(registry, VaultName, new PullPrincipalRequest
        {
            Role = Role,
            ExpiresIn = ExpiresIn,
            EndDate = ParameterSetName == EndDateSet ? EndDate : null,
            DisplayName = DisplayName,
            GrantVaultAccess = GrantVaultAccess,
        }, Context).ConfigureAwait(false));
    }
}

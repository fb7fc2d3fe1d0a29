using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Lists the principals that may pull from a registry with their expiry, or the one whose credentials a vault holds.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrPullPrincipal")]
[OutputType(typeof(AcrPullPrincipal))]
public sealed class GetAcrPullPrincipalCommand : OneRegistryCmdlet
{
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? VaultName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("AcrPull", "AcrPush")]
    public string Role { get; set; } = "AcrPull";

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        var principals = new PullPrincipalOperations(Connection);
        if (VaultName is not null)
        {
            Emit(await principals.GetAsync(registry, VaultName, Role, Context).ConfigureAwait(false));
            return;
        }
        foreach (var principal in await principals.ListAsync(registry, Context).ConfigureAwait(false))
        {
            if (principal.IsExpired) Warn($"The password of '{principal.DisplayName}' ({principal.AppId}) expired on {principal.ExpiresOn:u}.");
            Emit(principal);
        }
    }
}

using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Reads a registry's pull credentials from the key vault as a PSCredential.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrPullCredential")]
[OutputType(typeof(PSCredential))]
public sealed class GetAcrPullCredentialCommand : PullCredentialCmdlet
{
    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        var (user, password) = await new PullPrincipalOperations(Connection).GetCredentialAsync(registry, VaultName, Role, Context)
            .ConfigureAwait(false);
        Emit(new PSCredential(user, password));
    }
}

using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Lists a registry's endpoints per region, as az acr show-endpoints does: login server, data endpoint, regional endpoint.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrRegistryEndpoint")]
[OutputType(typeof(AcrRegistryEndpoint))]
public sealed class GetAcrRegistryEndpointCommand : OneRegistryCmdlet
{
    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        foreach (var endpoint in await new EndpointOperations(Connection).ListAsync(registry, Context).ConfigureAwait(false)) Emit(endpoint);
    }
}

using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">A registry's storage and webhook usage against its quotas, its regions, and the Premium units it is billed for (one per region).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrRegistryUsage")]
[OutputType(typeof(AcrRegistryUsage))]
public sealed class GetAcrRegistryUsageCommand : OneRegistryCmdlet
{
    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        Emit(await new UsageOperations(Connection).GetAsync(registry, Context).ConfigureAwait(false));
    }
}

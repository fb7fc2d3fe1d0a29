using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">The replication map of a registry: every region as Home, Replica, Available or Unavailable.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrRegion")]
[OutputType(typeof(AcrRegion))]
public sealed class GetAcrRegionCommand : OneRegistryCmdlet
{
    /// <summary>Only regions in these states.</summary>
    [Parameter]
    public RegionState[]? State { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        var map = await new RegionOperations(Connection).GetMapAsync(registry, Context).ConfigureAwait(false);
        foreach (var region in map.Where(r => State is null || State.Contains(r.State))) Emit(region);
    }
}

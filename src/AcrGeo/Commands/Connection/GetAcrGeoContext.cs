using System.Management.Automation;
using System.Threading.Tasks;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Shows the subscription, identity and cloud AcrGeo is connected to.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrGeoContext")]
[OutputType(typeof(AcrGeoContext))]
public sealed class GetAcrGeoContextCommand : AsyncCmdlet
{
    protected override Task ProcessRecordAsync()
    {
        if (AcrGeoSession.TryCurrent is { } connection) Emit(new AcrGeoContext(connection, null));
        return Task.CompletedTask;
    }
}

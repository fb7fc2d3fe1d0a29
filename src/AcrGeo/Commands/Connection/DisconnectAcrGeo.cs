using System.Management.Automation;
using System.Threading.Tasks;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Forgets the connection made by Connect-AcrGeo.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "AcrGeo")]
[OutputType(typeof(void))]
public sealed class DisconnectAcrGeoCommand : AsyncCmdlet
{
    protected override Task ProcessRecordAsync()
    {
        AcrGeoSession.Disconnect();
        return Task.CompletedTask;
    }
}

using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Writes the registry's replication map as an SVG world map, like the portal's: home, replicas by status, available and unavailable regions.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "AcrRegionMap", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportAcrRegionMapCommand : OneRegistryCmdlet
{
    /// <summary>The .svg file to write; replaced when it exists.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string Path { get; set; } = "";

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var file = RegionMap.CheckPath(FileSystemPath(Path));
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        if (!Confirm(file, $"Write the region map of {registry.Name}")) return;
        await new RegionOperations(Connection).ExportMapAsync(registry, file, Context).ConfigureAwait(false);
        if (PassThru) Emit(new FileInfo(file));
    }
}

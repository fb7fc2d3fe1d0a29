using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Shows an image tag in every replica region, read through each region's regional endpoint: there or not, its digest, whether all regions agree.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrImageReplication")]
[OutputType(typeof(AcrImageReplica))]
public sealed class GetAcrImageReplicationCommand : OneRegistryCmdlet
{
    /// <summary>repository:tag (or repository@sha256:...) in this registry.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string Image { get; set; } = "";

    /// <summary>The regions to read; every replica region when left out or *.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string[]? Location { get; set; }

    /// <summary>The digest every region should serve; the home region's when left out.</summary>
    [Parameter]
    public string? Digest { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        foreach (var row in await new ImageReplicationOperations(Connection).GetAsync(registry, Image, Location, Digest, Context).ConfigureAwait(false))
            Emit(row);
    }
}

using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Waits, with progress, until an image tag resolves to the same digest in every (or the named) replica region; on timeout names the regions that lag.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "AcrImage")]
[OutputType(typeof(AcrImageReplica))]
public sealed class WaitAcrImageCommand : OneRegistryCmdlet
{
    /// <summary>repository:tag (or repository@sha256:...) in this registry.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string Image { get; set; } = "";

    /// <summary>The regions to wait for; every replica region when left out or *.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string[]? Location { get; set; }

    /// <summary>The digest to wait for; the home region's when left out.</summary>
    [Parameter]
    public string? Digest { get; set; }

    [Parameter]
    public int TimeoutSeconds { get; set; } = 600;

    protected override async Task ProcessRecordAsync()
    {
        var timeout = TimeSpan.FromSeconds(TimeoutSeconds);
        NameRules.Timeout(timeout, "-TimeoutSeconds");
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        foreach (var row in await new ImageReplicationOperations(Connection).WaitAsync(registry, Image, Location, Digest, timeout, Context)
                     .ConfigureAwait(false))
            Emit(row);
    }
}

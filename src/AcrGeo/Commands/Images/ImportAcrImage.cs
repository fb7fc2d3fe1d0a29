using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Copies an image into a registry without Docker, from a public registry or another registry.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "AcrImage", SupportsShouldProcess = true)]
[OutputType(typeof(AcrImage))]
public sealed class ImportAcrImageCommand : OneRegistryCmdlet
{
    /// <summary>The image to copy, e.g. mcr.microsoft.com/azuredocs/aci-helloworld:latest.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string Source { get; set; } = "";

    /// <summary>repository:tag in the registry; default: the source's repository and tag.</summary>
    [Parameter(Position = 2)]
    public string? Image { get; set; }

    /// <summary>Overwrite the target tag if it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        if (!Confirm(registry.LoginServer, $"Import {Source}{(Image is null ? "" : " as " + Image)}")) return;
        Emit(await new ImageOperations(Connection).ImportAsync(registry, Source, Image, Force, Context).ConfigureAwait(false));
    }
}

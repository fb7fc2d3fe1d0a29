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
/// <para type="synopsis">Lists the repositories and tags of a registry.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrImage")]
[OutputType(typeof(AcrImage))]
public sealed class GetAcrImageCommand : OneRegistryCmdlet
{
    [Parameter(Position = 1)]
    public string? Repository { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        foreach (var image in await new ImageOperations(Connection).ListAsync(registry, Repository, Context).ConfigureAwait(false)) Emit(image);
    }
}

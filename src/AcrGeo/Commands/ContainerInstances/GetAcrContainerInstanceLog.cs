using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Shows what a container wrote to its output.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrContainerInstanceLog")]
[OutputType(typeof(string))]
public sealed class GetAcrContainerInstanceLogCommand : RegistryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string ResourceGroupName { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = "";

    /// <summary>The container in the group; default: the one named after the group.</summary>
    [Parameter]
    public string? ContainerName { get; set; }

    protected override async Task ProcessRecordAsync() =>
        Emit(await new ContainerInstanceOperations(Connection).GetLogsAsync(ResourceGroupName, Name, ContainerName, Context).ConfigureAwait(false));
}

using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Copies an image into a registry without Docker: from a public or private registry, another registry of the subscription, or a replica's regional endpoint.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "AcrImage", SupportsShouldProcess = true, DefaultParameterSetName = AddressSet)]
[OutputType(typeof(AcrImage))]
public sealed class ImportAcrImageCommand : OneRegistryCmdlet
{
    const string AddressSet = "Address";
    const string ResourceIdSet = "ResourceId";

    /// <summary>
    /// The image to copy: registry/repository:tag (or @digest), e.g. mcr.microsoft.com/azuredocs/aci-helloworld:latest or
    /// contoso.eastus.geo.azurecr.io/app:v1; with -SourceRegistryId only repository:tag.
    /// </summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string Source { get; set; } = "";

    /// <summary>repository:tag in the registry; default: the source's repository and tag.</summary>
    [Parameter(Position = 2)]
    public string? Image { get; set; }

    /// <summary>A user name and password (or token) for a private source registry.</summary>
    [Parameter(ParameterSetName = AddressSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>Another registry of the subscription by resource id; the signed-in identity's pull right there is used.</summary>
    [Parameter(ParameterSetName = ResourceIdSet, Mandatory = true)]
    public string SourceRegistryId { get; set; } = "";

    /// <summary>Overwrite the target tag if it exists; without it an existing tag is refused before anything is sent.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Return once the registry has accepted the import, without waiting for it to finish.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var credential = Credential is { } given && given != PSCredential.Empty ? given : null;
        var request = new ImageImportRequest
        {
            Source = Source,
            Target = Image,
            Force = Force,
            SourceRegistryId = ParameterSetName == ResourceIdSet ? SourceRegistryId : null,
            SourceUserName = credential?.UserName,
            SourcePassword = credential?.Password,
            NoWait = NoWait,
        };
        if (!Passes(() => ImageOperations.Check(request))) return;
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        if (!Confirm(registry.LoginServer, $"Import {Source}{(Image is null ? "" : " as " + Image)}")) return;
        Emit(await new ImageOperations(Connection).ImportAsync(registry, request, Context).ConfigureAwait(false));
    }
}

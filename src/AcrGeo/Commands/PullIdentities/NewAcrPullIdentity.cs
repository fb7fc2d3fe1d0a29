using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Creates a user-assigned managed identity that may pull from one registry: the secretless counterpart of New-AcrPullPrincipal.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "AcrPullIdentity", SupportsShouldProcess = true)]
[OutputType(typeof(AcrPullIdentity))]
public sealed class NewAcrPullIdentityCommand : RegistryCmdlet
{
    /// <summary>The registry the identity may pull from (registry names are unique, so it is found by name).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RegistryName")]
    [ValidatePattern(NameRules.ResourceNamePattern)]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string Registry { get; set; } = "";

    /// <summary>The identity's name: 3 to 128 letters, digits, hyphens and underscores.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string Name { get; set; } = "";

    /// <summary>Where the identity goes (usually the container groups' resource group); a piped registry brings its own.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public string ResourceGroupName { get; set; } = "";

    /// <summary>Default: the registry's home region.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Location { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        if (!Passes(() => PullIdentityOperations.CheckName(Name))) return;
        var registry = await ResolveRegistryAsync(Registry, null).ConfigureAwait(false);
        if (!Confirm($"{ResourceGroupName}/{Name}", $"Create a managed identity with AcrPull on registry {registry.Name} (kept if it exists)")) return;
        Emit(await new PullIdentityOperations(Connection).CreateAsync(registry, Name, ResourceGroupName, Location, Context).ConfigureAwait(false));
    }
}

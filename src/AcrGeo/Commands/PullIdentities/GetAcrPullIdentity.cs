using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Input;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Lists the user-assigned managed identities that may pull from a registry, with the container groups that pull with each.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrPullIdentity")]
[OutputType(typeof(AcrPullIdentity))]
public sealed class GetAcrPullIdentityCommand : RegistryCmdlet
{
    /// <summary>The registry (registry names are unique, so it is found by name).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RegistryName")]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string Registry { get; set; } = "";

    /// <summary>Only the identity of this name; one that does not hold a pull role on the registry is an error.</summary>
    [Parameter(Position = 1)]
    public string? Name { get; set; }

    /// <summary>
    /// Only identities in this resource group. Not taken from a piped object: a registry's resource group is not where its
    /// identities have to be.
    /// </summary>
    [Parameter]
    public string? ResourceGroupName { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        if (Name is not null && !Passes(() => PullIdentityOperations.CheckName(Name))) return;
        if (ResourceGroupName is not null && !Passes(() => InputRules.ResourceGroupName(ResourceGroupName))) return;
        var registry = await ResolveRegistryAsync(Registry, null).ConfigureAwait(false);
        foreach (var identity in await new PullIdentityOperations(Connection).ListAsync(registry, Name, ResourceGroupName, Context).ConfigureAwait(false))
            Emit(identity);
    }
}

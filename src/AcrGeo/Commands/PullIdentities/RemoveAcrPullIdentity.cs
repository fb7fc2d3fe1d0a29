using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Input;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Takes a managed identity's pull role on a registry away and deletes the identity, unless container groups still pull with it.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "AcrPullIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAcrPullIdentityCommand : RegistryCmdlet
{
    /// <summary>The registry whose AcrPull (and AcrPush) the identity loses.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RegistryName")]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string Registry { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = "";

    /// <summary>The identity's resource group (a piped identity brings its own).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public string ResourceGroupName { get; set; } = "";

    /// <summary>Only take the role on the registry away; keep the identity (for its other uses).</summary>
    [Parameter]
    public SwitchParameter KeepIdentity { get; set; }

    /// <summary>Remove it even though container groups still pull with it (their next start will fail to pull).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        if (!Passes(() => PullIdentityOperations.CheckName(Name))) return;
        if (!Passes(() => InputRules.ResourceGroupName(ResourceGroupName))) return;
        var registry = await ResolveRegistryAsync(Registry, null).ConfigureAwait(false);
        var action = KeepIdentity
            ? $"Take AcrPull and AcrPush on registry {registry.Name} away (the identity stays)"
            : $"Take AcrPull and AcrPush on registry {registry.Name} away and delete the managed identity";
        if (!Confirm($"{ResourceGroupName}/{Name}", action)) return;
        await new PullIdentityOperations(Connection).RemoveAsync(registry, Name, ResourceGroupName, KeepIdentity, Force, Context).ConfigureAwait(false);
    }
}

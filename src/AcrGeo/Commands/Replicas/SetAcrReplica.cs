using System.Collections;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Changes a replica's global endpoint routing (drain a region, or bring it back) and its tags.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "AcrReplica", SupportsShouldProcess = true)]
[OutputType(typeof(AcrReplica))]
public sealed class SetAcrReplicaCommand : OneRegistryCmdlet
{
    /// <summary>The replica's name (its region); piped replicas bind by their Name.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string Name { get; set; } = "";

    /// <summary>Disabled drains the region: the global endpoint routes no client there; it still syncs.</summary>
    [Parameter]
    [Alias("RegionEndpointEnabled")]
    [GlobalEndpointRoutingTransformation]
    [ValidateSet("Enabled", "Disabled")]
    public string? GlobalEndpointRouting { get; set; }

    /// <summary>Replaces the replica's tags; @{} clears them.</summary>
    [Parameter]
    public Hashtable? Tag { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var change = new ReplicaSettings
        {
            RegionEndpointEnabled = GlobalEndpointRouting is { } routing ? NameRules.EnabledOrDisabled(routing, "-GlobalEndpointRouting") == "Enabled" : null,
            Tags = ToDictionary(Tag),
        };
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        ReplicaOperations.EnsureUpdatable(registry, Name);
        var what = GlobalEndpointRouting is { } value ? $"Set global endpoint routing to {value}" : "Update replica tags";
        if (!Confirm($"{registry.Name} ({Name})", what)) return;
        var replica = await new ReplicaOperations(Connection).UpdateAsync(registry, Name, change, Context).ConfigureAwait(false);
        if (PassThru) Emit(replica);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;
using AcrGeo.Input;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Makes registries' replicas match a desired list of regions: creates, updates, repairs and (with -Prune) removes, in parallel; a second run changes nothing.</para>
/// </summary>
[Cmdlet(VerbsData.Sync, "AcrReplica", DefaultParameterSetName = ByRegistrySet, SupportsShouldProcess = true)]
[OutputType(typeof(AcrReplicaSyncResult))]
public sealed class SyncAcrReplicaCommand : RegistryCmdlet
{
    const string ByRegistrySet = "ByRegistry";
    const string ByPathSet = "ByPath";

    [Parameter(ParameterSetName = ByRegistrySet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RegistryName")]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string Registry { get; set; } = "";

    [Parameter(ParameterSetName = ByRegistrySet, ValueFromPipelineByPropertyName = true)]
    public string? ResourceGroupName { get; set; }

    /// <summary>Every region the registry should be in; the home region may be named or left out.</summary>
    [Parameter(ParameterSetName = ByRegistrySet, Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string[] Location { get; set; } = Array.Empty<string>();

    /// <summary>Regions (of -Location) that take no routed traffic; with it, every other region's routing is Enabled.</summary>
    [Parameter(ParameterSetName = ByRegistrySet)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string[]? DrainedLocation { get; set; }

    /// <summary>The tags every replica should carry; left out, tags are not compared.</summary>
    [Parameter(ParameterSetName = ByRegistrySet)]
    public System.Collections.Hashtable? Tag { get; set; }

    /// <summary>A desired-state file for many registries: a PowerShell data file (.psd1) or JSON (.json).</summary>
    [Parameter(ParameterSetName = ByPathSet, Mandatory = true)]
    public string Path { get; set; } = "";

    /// <summary>Remove replicas in regions the desired state does not name (never the home replica).</summary>
    [Parameter]
    public SwitchParameter Prune { get; set; }

    /// <summary>With -Prune: remove without asking each time.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>How long a create waits for an earlier replica in its region to finish being deleted.</summary>
    [Parameter]
    public int TimeoutSeconds { get; set; } = 1800;

    /// <summary>A registry from Get-AcrRegistry: taken as it is, with no request to find it again.</summary>
    [Parameter(ParameterSetName = ByRegistrySet, ValueFromPipeline = true)]
    public AcrRegistry? InputObject { get; set; }

    /// <summary>Each piped registry is planned, confirmed and carried out as it comes, all at once; results in pipeline order.</summary>
    protected override bool ProcessesRecordsConcurrently => true;

    protected override Task ProcessRecordAsync()
    {
        // Read now, on the pipeline thread: the next piped registry rebinds these.
        var piped = InputObject;
        var desired = ParameterSetName == ByPathSet
            ? ReadFile()
            : new[] { DesiredState.ForRegistry(Registry, ResourceGroupName, Location, DrainedLocation, ToDictionary(Tag)) };
        return SyncAsync(desired, piped);
    }

    /// <summary>A .psd1 is read as Import-PowerShellDataFile reads it (data only, nothing runs); a .json by the engine.</summary>
    IReadOnlyList<DesiredRegistry> ReadFile()
    {
        var file = FileSystemPath(Path);
        if (!File.Exists(file))
            throw new AcrGeoException(ErrorIds.InvalidDesiredState, AcrErrorCategory.ObjectNotFound, $"The desired-state file '{file}' does not exist.", Path);
        switch (System.IO.Path.GetExtension(file).ToLowerInvariant())
        {
            case ".json":
                return DesiredState.FromJson(File.ReadAllText(file), file);
            case ".psd1":
                var ast = Parser.ParseFile(file, out _, out var errors);
                var table = ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false) as HashtableAst;
                if (errors.Length > 0 || table is null)
                    throw new AcrGeoException(ErrorIds.InvalidDesiredState, AcrErrorCategory.InvalidArgument,
                        $"{file} is not a PowerShell data file (one hashtable): {(errors.Length > 0 ? errors[0].Message : "no hashtable found")}.", Path);
                object? data;
                try
                {
                    data = table.SafeGetValue();
                }
                catch (InvalidOperationException e)
                {
                    throw new AcrGeoException(ErrorIds.InvalidDesiredState, AcrErrorCategory.InvalidArgument,
                        $"{file} holds more than data ({e.Message}); a desired-state file may hold only constants.", Path);
                }
                return DesiredState.FromTree(data, file);
            default:
                throw new AcrGeoException(ErrorIds.InvalidDesiredState, AcrErrorCategory.InvalidArgument,
                    $"'{file}' is neither a .psd1 nor a .json file.", Path);
        }
    }

    /// <summary>Every registry of the input is planned first (reads only), then each step confirmed, then all carried out at once.</summary>
    async Task SyncAsync(IReadOnlyList<DesiredRegistry> desired, AcrRegistry? piped)
    {
        var timeout = TimeSpan.FromSeconds(TimeoutSeconds);
        InputRules.Timeout(timeout, "-TimeoutSeconds");
        var sync = new ReplicaSyncOperations(Connection);
        var plans = await Task.WhenAll(desired.Select(async wish =>
        {
            try
            {
                var registry = await ResolveRegistryAsync(wish.Registry, wish.ResourceGroupName, piped).ConfigureAwait(false);
                return await sync.PlanAsync(registry, wish, Prune, Context).ConfigureAwait(false);
            }
            catch (AcrGeoException e)
            {
                EmitError(e);
                return Array.Empty<ReplicaSyncStep>();
            }
        })).ConfigureAwait(false);

        var steps = plans.SelectMany(p => p).ToList();
        var confirmed = new HashSet<ReplicaSyncStep>();
        foreach (var step in steps.Where(s => s.Action != ReplicaSyncAction.Keep))
            if (Confirm($"{step.Registry.Name} ({step.Location})", step.Description)
                && (step.Action != ReplicaSyncAction.Remove || Force || AskToRemove(step)))
                confirmed.Add(step);

        foreach (var outcome in await sync.ApplyAsync(steps, confirmed, timeout, Context).ConfigureAwait(false))
        {
            if (outcome.Error is not null) EmitError(outcome.Error);
            Emit(outcome.Value!);
        }
    }

    bool AskToRemove(ReplicaSyncStep step) =>
        AskToContinue($"Remove the replica of '{step.Registry.Name}' in {step.Location}? It is not in the desired state.", "Remove replica");
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AcrGeo.Models;

namespace AcrGeo.Operations;

/// <summary>One region of a sync plan: where it stands, and what would bring it to the desired state.</summary>
public sealed class ReplicaSyncStep
{
    internal ReplicaSyncStep(AcrRegistry registry, string location, ReplicaSyncAction action, bool inDesiredState, string detail,
        AcrReplica? current, DesiredReplica? desired)
    {
        Registry = registry;
        Location = location;
        Action = action;
        InDesiredState = inDesiredState;
        Detail = detail;
        Current = current;
        Desired = desired;
    }

    public AcrRegistry Registry { get; }
    public string Location { get; }
    public ReplicaSyncAction Action { get; }
    public bool InDesiredState { get; }
    public string Detail { get; }
    public AcrReplica? Current { get; }
    public DesiredReplica? Desired { get; }

    /// <summary>What ShouldProcess asks: the action in words.</summary>
    public string Description => Action switch
    {
        ReplicaSyncAction.Create => "Create replica",
        ReplicaSyncAction.Update => $"Update replica ({Detail})",
        ReplicaSyncAction.Recreate => "Delete the failed replica and create it again",
        ReplicaSyncAction.Remove => "Remove replica (not in the desired state)",
        _ => "Keep replica",
    };

    internal AcrReplicaSyncResult Result(ReplicaSyncOutcome outcome, AcrReplica? replica = null, AcrGeoException? error = null) => new()
    {
        RegistryName = Registry.Name,
        ResourceGroupName = Registry.ResourceGroupName,
        Location = Location,
        Action = Action,
        Result = outcome,
        InDesiredState = InDesiredState,
        Detail = Detail,
        Replica = replica ?? (Action == ReplicaSyncAction.Remove && outcome == ReplicaSyncOutcome.Succeeded ? null : Current),
        Error = error?.Message,
    };
}

/// <summary>
/// Brings a registry's replicas to a desired list of regions: creates the missing ones (in parallel), changes routing
/// and tags that differ, deletes and re-creates Failed replicas, and with prune removes the ones not desired (never the
/// home replica). Planning reads only; a second run over the same desired state plans nothing but Keep.
/// </summary>
public sealed class ReplicaSyncOperations
{
    readonly Connection.AcrGeoConnection connection;

    public ReplicaSyncOperations(Connection.AcrGeoConnection connection) => this.connection = connection;

    /// <summary>
    /// The steps for one registry, after the checks that need no change: known regions that offer Container Registry, a
    /// Premium registry when other regions are wanted, the home region not drained. Reads the region catalogue (cached per
    /// connection) and the replica list: one request once the catalogue is known.
    /// </summary>
    public async Task<IReadOnlyList<ReplicaSyncStep>> PlanAsync(AcrRegistry registry, DesiredRegistry desired, bool prune, OperationContext context)
    {
        var regions = await connection.Regions.GetAsync(context).ConfigureAwait(false);
        var unknown = desired.Regions.Select(r => r.Location).Where(l => regions.All(known => known.Name != l)).ToList();
        if (unknown.Count > 0) throw ReplicaOperations.UnknownRegion(unknown, regions);
        var unavailable = desired.Regions.Select(r => r.Location).Where(l => regions.Any(known => known.Name == l && !known.OffersReplicas)).ToList();
        if (unavailable.Count > 0) throw ReplicaOperations.UnavailableRegion(unavailable);

        var home = NameRules.Region(registry.Location);
        var homeWish = desired.Regions.FirstOrDefault(r => r.Location == home);
        if (homeWish?.GlobalEndpointRouting == GlobalEndpointRouting.Disabled) ReplicaOperations.EnsureUpdatable(registry, home);
        var others = desired.Regions.Where(r => r.Location != home).ToList();
        if (others.Count > 0 && !registry.IsPremium)
            throw new AcrGeoException(ErrorIds.PremiumSkuRequired, AcrErrorCategory.InvalidOperation,
                $"Registry '{registry.Name}' is {registry.Sku}; replicas in {string.Join(", ", others.Select(o => o.Location))} need the Premium " +
                $"SKU. Upgrade it first: Set-AcrRegistry -Registry {registry.Name} -Sku Premium.", registry);

        var current = registry.IsPremium
            ? await new ReplicaOperations(connection).ListAsync(registry, context).ConfigureAwait(false)
            : new List<AcrReplica>();
        var steps = new List<ReplicaSyncStep>();
        foreach (var wish in desired.Regions.OrderBy(r => r.Location != home).ThenBy(r => r.Location, StringComparer.Ordinal))
        {
            var replica = current.FirstOrDefault(r => NameRules.Region(r.Location) == wish.Location);
            steps.Add(wish.Location == home ? new ReplicaSyncStep(registry, home, ReplicaSyncAction.Keep, true, "home region", replica, wish)
                : replica is null ? new ReplicaSyncStep(registry, wish.Location, ReplicaSyncAction.Create, false, "no replica", null, wish)
                : replica.IsDeleting ? new ReplicaSyncStep(registry, wish.Location, ReplicaSyncAction.Create, false,
                    "being deleted; created again once the delete is done", replica, wish)
                : replica.IsFailed ? new ReplicaSyncStep(registry, wish.Location, ReplicaSyncAction.Recreate, false,
                    $"{replica.ProvisioningState}: {replica.StatusMessage}", replica, wish)
                : Differences(replica, wish) is { Length: > 0 } differences
                    ? new ReplicaSyncStep(registry, wish.Location, ReplicaSyncAction.Update, false, differences, replica, wish)
                    : new ReplicaSyncStep(registry, wish.Location, ReplicaSyncAction.Keep, true, $"{replica.ProvisioningState}, {replica.Status}", replica, wish));
        }
        foreach (var extra in current.Where(r => !r.IsHome && desired.Regions.All(w => w.Location != NameRules.Region(r.Location)))
                     .OrderBy(r => r.Location, StringComparer.Ordinal))
            steps.Add(extra.IsDeleting
                ? new ReplicaSyncStep(registry, extra.Location, ReplicaSyncAction.Keep, true, "not desired, and already being deleted", extra, null)
                : prune
                    ? new ReplicaSyncStep(registry, extra.Location, ReplicaSyncAction.Remove, false, "not in the desired state", extra, null)
                    : new ReplicaSyncStep(registry, extra.Location, ReplicaSyncAction.Keep, false,
                        "not in the desired state; -Prune would remove it", extra, null));
        if (homeWish is null && current.FirstOrDefault(r => r.IsHome) is { } homeReplica)
            steps.Insert(0, new ReplicaSyncStep(registry, home, ReplicaSyncAction.Keep, true, "home region (always kept)", homeReplica, null));
        return steps;
    }

    static string Differences(AcrReplica replica, DesiredReplica wish)
    {
        var differences = new List<string>();
        if (wish.GlobalEndpointRouting is { } routing && routing != replica.GlobalEndpointRouting)
            differences.Add($"GlobalEndpointRouting {replica.GlobalEndpointRouting} -> {routing}");
        if (wish.Tags is { } tags && !SameTags(tags, replica.Tags)) differences.Add("tags differ");
        return string.Join("; ", differences);
    }

    static bool SameTags(IDictionary<string, string> wanted, IReadOnlyDictionary<string, string> actual) =>
        wanted.Count == actual.Count && wanted.All(t => actual.TryGetValue(t.Key, out var value) && value == t.Value);

    /// <summary>
    /// Carries out the confirmed steps, all at once (bounded by MaxParallelOperations); returns a result for every step of
    /// the plan, in its order: Keep is NoChange, a step not confirmed is Planned; a failed step carries its error too. A
    /// create in a region whose old replica is still being deleted waits for up to <paramref name="deleteWait"/>. One step's
    /// failure does not stop the others.
    /// </summary>
    public async Task<IReadOnlyList<Outcome<AcrReplicaSyncResult>>> ApplyAsync(IReadOnlyList<ReplicaSyncStep> steps,
        IReadOnlyCollection<ReplicaSyncStep> confirmed, TimeSpan deleteWait, OperationContext context)
    {
        NameRules.Timeout(deleteWait, "-TimeoutSeconds");
        var replicas = new ReplicaOperations(connection);
        var work = steps.Where(s => s.Action != ReplicaSyncAction.Keep && confirmed.Contains(s)).ToList();
        var done = await Fanout.RunAsync(work, connection.Settings.MaxParallelOperations,
            (step, index) => RunAsync(replicas, step, deleteWait, 300 + index, context), context.Cancellation).ConfigureAwait(false);
        return steps.Select(step =>
            step.Action == ReplicaSyncAction.Keep ? Done(step, step.Result(ReplicaSyncOutcome.NoChange))
            : work.IndexOf(step) is var at and >= 0 ? done[at]
            : Done(step, step.Result(ReplicaSyncOutcome.Planned))).ToList();
    }

    static Outcome<AcrReplicaSyncResult> Done(ReplicaSyncStep step, AcrReplicaSyncResult result, AcrGeoException? error = null) =>
        new(step.Location, result, error);

    async Task<Outcome<AcrReplicaSyncResult>> RunAsync(ReplicaOperations replicas, ReplicaSyncStep step, TimeSpan deleteWait, int activityId,
        OperationContext context)
    {
        var wish = step.Desired;
        var settings = new ReplicaSettings
        {
            RegionEndpointEnabled = wish?.GlobalEndpointRouting is { } routing ? routing == GlobalEndpointRouting.Enabled : null,
            Tags = wish?.Tags,
        };
        try
        {
            switch (step.Action)
            {
                case ReplicaSyncAction.Update:
                    return Done(step, step.Result(ReplicaSyncOutcome.Succeeded,
                        await replicas.UpdateAsync(step.Registry, step.Current!.Name, settings, context).ConfigureAwait(false)));
                case ReplicaSyncAction.Remove:
                    return Ended(step, await replicas.RemoveOneAsync(step.Registry, step.Current!.Name, activityId, context).ConfigureAwait(false), null);
                case ReplicaSyncAction.Recreate:
                    var removed = await replicas.RemoveOneAsync(step.Registry, step.Current!.Name, activityId, context).ConfigureAwait(false);
                    if (!removed.Succeeded) return Ended(step, removed, null);
                    goto default;
                default:
                    var created = await replicas.CreateOneAsync(step.Registry, step.Location, settings, noWait: false, deleteWait, activityId, context)
                        .ConfigureAwait(false);
                    return Ended(step, created, created.Value);
            }
        }
        catch (AcrGeoException e)
        {
            return Done(step, step.Result(ReplicaSyncOutcome.Failed, error: e), e);
        }
    }

    static Outcome<AcrReplicaSyncResult> Ended<T>(ReplicaSyncStep step, Outcome<T> outcome, AcrReplica? replica) where T : class =>
        Done(step, step.Result(outcome.Succeeded ? ReplicaSyncOutcome.Succeeded : ReplicaSyncOutcome.Failed, replica, outcome.Error), outcome.Error);
}

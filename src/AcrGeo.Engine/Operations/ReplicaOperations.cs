using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Input;
using AcrGeo.Models;
using Azure.Core;

namespace AcrGeo.Operations;

/// <summary>What replicas to create and how.</summary>
public sealed class ReplicaRequest
{
    public IReadOnlyList<string> Locations { get; init; } = Array.Empty<string>();
    public bool ZoneRedundant { get; init; }
    /// <summary>Null leaves the service default (enabled).</summary>
    public bool? RegionEndpointEnabled { get; init; }
    public IDictionary<string, string>? Tags { get; init; }
    /// <summary>Upgrade a Basic or Standard registry to Premium first, instead of refusing.</summary>
    public bool UpgradeToPremium { get; init; }
    /// <summary>Return once each create is accepted, without waiting for provisioning.</summary>
    public bool NoWait { get; init; }
}

/// <summary>How a replica is set up: routing, tags, zone redundancy (create-only).</summary>
public sealed class ReplicaSettings
{
    /// <summary>Null leaves the service default (enabled) on create and the current value on update.</summary>
    public bool? RegionEndpointEnabled { get; init; }
    /// <summary>Null leaves tags as they are; an empty dictionary clears them.</summary>
    public IDictionary<string, string>? Tags { get; init; }
    public bool ZoneRedundant { get; init; }
}

/// <summary>
/// The checked plan for a replica request: everything that can be known before a write has been checked, and
/// the regions are split into those that already hold a replica and those to create.
/// </summary>
public sealed class ReplicaPlan
{
    internal ReplicaPlan(AcrRegistry registry, ReplicaRequest request, IReadOnlyList<AcrReplica> existing, IReadOnlyList<string> toCreate)
    {
        Registry = registry;
        Request = request;
        Existing = existing;
        ToCreate = toCreate;
    }

    public AcrRegistry Registry { get; }
    public ReplicaRequest Request { get; }
    /// <summary>Requested regions that already hold a replica: returned as they are, not an error.</summary>
    public IReadOnlyList<AcrReplica> Existing { get; }
    /// <summary>Region names to create replicas in.</summary>
    public IReadOnlyList<string> ToCreate { get; }
    public bool NeedsUpgrade => !Registry.IsPremium;

    /// <summary>The same plan limited to the regions the caller confirmed (ShouldProcess).</summary>
    public ReplicaPlan Only(IEnumerable<string> confirmed) =>
        new(Registry, Request, Existing, ToCreate.Intersect(confirmed, StringComparer.OrdinalIgnoreCase).ToList());
}

/// <summary>Geo-replicas: plan, create in parallel, list, wait for, remove.</summary>
public sealed class ReplicaOperations
{
    readonly AcrGeoConnection connection;

    public ReplicaOperations(AcrGeoConnection connection) => this.connection = connection;

    static ArmPath Path(AcrRegistry registry, string replica) => registry.Path.Child("replications", replica);

    /// <summary>
    /// Checks a request without changing anything: known regions that offer Container Registry, not the home
    /// region, a Premium registry (or consent to upgrade). Reads the region catalogue (cached) and, for a Premium
    /// registry, its replica list.
    /// </summary>
    public async Task<ReplicaPlan> PlanAsync(AcrRegistry registry, ReplicaRequest request, OperationContext context)
    {
        if (request.Locations.Count == 0)
            throw new AcrGeoException(ErrorIds.InvalidRegionName, AcrErrorCategory.InvalidArgument, "Name at least one region.", null);
        var requested = request.Locations.Select(InputRules.RegionName).Distinct().ToList();
        InputRules.Tags(request.Tags);

        var regions = await connection.Regions.GetAsync(context).ConfigureAwait(false);
        var unknown = requested.Where(r => regions.All(known => known.Name != r)).ToList();
        if (unknown.Count > 0) throw UnknownRegion(unknown, regions);
        var unavailable = requested.Where(r => regions.Any(known => known.Name == r && !known.OffersReplicas)).ToList();
        if (unavailable.Count > 0) throw UnavailableRegion(unavailable);
        if (requested.Contains(InputRules.NormalizeRegion(registry.Location)))
            throw new AcrGeoException(ErrorIds.HomeRegionReplica, AcrErrorCategory.InvalidArgument,
                $"'{registry.Location}' is the home region of registry '{registry.Name}'; it always holds the registry's own replica. " +
                "Name other regions.", registry.Location);
        if (!registry.IsPremium && !request.UpgradeToPremium)
            throw new AcrGeoException(ErrorIds.PremiumSkuRequired, AcrErrorCategory.InvalidOperation,
                $"Registry '{registry.Name}' is {registry.Sku}; geo-replication needs the Premium SKU. Upgrade it with " +
                $"Set-AcrRegistry -Registry {registry.Name} -Sku Premium, or add -UpgradeSku to do it as part of this command.", registry);

        // A registry below Premium has no replicas, so there is nothing to list. A Failed replica is created again
        // (the service provisions it anew), so re-running after a failure converges.
        var existing = registry.IsPremium
            ? (await ListAsync(registry, context).ConfigureAwait(false)).Where(r => requested.Contains(r.Location) && !r.IsFailed).ToList()
            : new List<AcrReplica>();
        var toCreate = requested.Where(r => existing.All(e => e.Location != r)).ToList();
        return new ReplicaPlan(registry, request, existing, toCreate);
    }

    /// <summary>
    /// Carries out a plan: upgrades the SKU first if the plan needs it, then creates every replica at once
    /// (bounded by MaxParallelOperations), each with its own progress bar. One region's failure does not stop the
    /// others: each region gets its outcome, and a failed one says which replicas exist and how to finish.
    /// </summary>
    public async Task<IReadOnlyList<Outcome<AcrReplica>>> CreateAsync(ReplicaPlan plan, OperationContext context)
    {
        var request = plan.Request;
        var finish = $"Run the same New-AcrReplica command again to finish; replicas that exist are kept as they are.";
        return await ChangeJournal.RunAsync(context, finish, async journal =>
        {
            var registry = plan.Registry;
            if (plan.NeedsUpgrade && plan.ToCreate.Count > 0)
            {
                context.Log($"Upgrading registry '{registry.Name}' from {registry.Sku} to Premium before replicating.");
                journal.Sent($"the upgrade of registry '{registry.Name}' to Premium");
                registry = await new RegistryOperations(connection).UpdateAsync(registry, new RegistryUpdate { Sku = "Premium" }, context)
                    .ConfigureAwait(false);
                journal.Done($"upgraded registry '{registry.Name}' to Premium", $"the upgrade of registry '{registry.Name}' to Premium");
            }
            var settings = new ReplicaSettings { RegionEndpointEnabled = request.RegionEndpointEnabled, Tags = request.Tags, ZoneRedundant = request.ZoneRedundant };
            var results = await Fanout.RunAsync(plan.ToCreate, connection.Settings.MaxParallelOperations, (location, index) =>
                CreateOneAsync(registry, location, settings, request.NoWait, DefaultDeleteWait, 100 + index, journal, context), context.Cancellation)
                .ConfigureAwait(false);
            // Explained once every region has its outcome, so each error names every replica that exists by then.
            return results.Select(r => r.Succeeded ? r : new Outcome<AcrReplica>(r.Target, null, journal.Explain(r.Error!, finish))).ToList();
        }).ConfigureAwait(false);
    }

    /// <summary>How long a create waits for an earlier replica in its region to finish being deleted.</summary>
    internal static readonly TimeSpan DefaultDeleteWait = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Creates one replica, named after its region, with its own progress bar, and waits for it to be provisioned unless
    /// <paramref name="noWait"/>. A replica of that region still being deleted (or just deleted: ARM refuses a new one for
    /// a while after, <c>ReplicationBeingDeleted</c>) is waited out for up to <paramref name="deleteWait"/>, not failed.
    /// </summary>
    internal async Task<Outcome<AcrReplica>> CreateOneAsync(AcrRegistry registry, string location, ReplicaSettings settings, bool noWait,
        TimeSpan deleteWait, int activityId, ChangeJournal journal, OperationContext context)
    {
        var progress = new ProgressReporter(context, activityId, $"Replicating {registry.Name} to {location}");
        var what = $"replica {location} of '{registry.Name}'";
        try
        {
            var body = new JsonObject
            {
                ["location"] = location,
                ["properties"] = new JsonObject { ["zoneRedundancy"] = settings.ZoneRedundant ? "Enabled" : "Disabled" },
            };
            if (settings.RegionEndpointEnabled is { } endpoint) body["properties"]!["regionEndpointEnabled"] = endpoint;
            if (settings.Tags is not null) body["tags"] = ResourceIds.TagsJson(settings.Tags);
            var path = Path(registry, location);
            var waited = Stopwatch.StartNew();
            async Task<ArmReply> SendAsync()
            {
                while (true)
                {
                    var reply = await connection.Rest.SendAsync(RequestMethod.Put, path, ApiVersions.ContainerRegistry, body.DeepClone(), context)
                        .ConfigureAwait(false);
                    if (reply.Status != 409 || reply.ErrorCode != BeingDeletedCode) return reply;
                    if (waited.Elapsed >= deleteWait)
                        throw new AcrGeoException(ErrorIds.WaitTimedOut, AcrErrorCategory.OperationTimeout,
                            $"The replica of '{registry.Name}' in {location} was still being deleted after {(int)waited.Elapsed.TotalSeconds} s, so " +
                            "no new one could be created there. Run the command again later.", location);
                    context.Log($"A replica of '{registry.Name}' in {location} is still being deleted; waiting before creating it again.");
                    progress.Status("Waiting for the previous replica to be deleted");
                    await WaitGoneAsync(registry, location, deleteWait - waited.Elapsed, context).ConfigureAwait(false);
                    await LongRunning.DelayAsync(connection.Settings.PollInterval, reply.RetryAfter, context).ConfigureAwait(false);
                }
            }
            journal.Sent(what);
            var replica = await LongRunning.ResendingAsync(async () =>
            {
                var reply = await SendAsync().ConfigureAwait(false);
                if (!reply.IsSuccess) throw reply.ToException(location);
                var accepted = AcrReplica.FromJson(reply.Object, registry.Location);
                return noWait || !IsUnderway(reply)
                    ? accepted
                    : await AwaitProvisionedAsync(registry, accepted.Name.Length > 0 ? accepted.Name : location, reply, _ => true, progress, context)
                        .ConfigureAwait(false);
            }, context, location).ConfigureAwait(false);
            journal.Done($"created {what}", what);
            return new Outcome<AcrReplica>(location, replica, null);
        }
        catch (AcrGeoException e)
        {
            return new Outcome<AcrReplica>(location, null, e);
        }
        finally
        {
            progress.Complete();
        }
    }

    /// <summary>ARM's code for a create in a region whose replica is (or was just) being deleted.</summary>
    const string BeingDeletedCode = "ReplicationBeingDeleted";

    /// <summary>Every replica of the registry, the home replica included, following paging.</summary>
    public async Task<IReadOnlyList<AcrReplica>> ListAsync(AcrRegistry registry, OperationContext context)
    {
        var items = await connection.Rest.ListAsync(
            registry.Path.Child("replications"),
            ApiVersions.ContainerRegistry, context, registry).ConfigureAwait(false);
        return items.Select(i => AcrReplica.FromJson(i, registry.Location))
            .OrderByDescending(r => r.IsHome).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<AcrReplica> GetAsync(AcrRegistry registry, string name, OperationContext context)
    {
        InputRules.ReplicaName(name);
        var reply = await connection.Rest.SendAsync(RequestMethod.Get, Path(registry, name), ApiVersions.ContainerRegistry, null, context)
            .ConfigureAwait(false);
        if (reply.Status == 404)
            throw new AcrGeoException(ErrorIds.ReplicaNotFound, AcrErrorCategory.ObjectNotFound,
                $"Registry '{registry.Name}' has no replica named '{name}'.", name);
        return reply.IsSuccess ? AcrReplica.FromJson(reply.Object, registry.Location) : throw reply.ToException(name);
    }

    /// <summary>
    /// The one polling loop over a registry's replicas: each look is one list of the registry (<see cref="ReplicaFeeds"/>:
    /// shared with every other waiter on the connection, about one per poll interval however many replicas or waiters),
    /// handed to <paramref name="observe"/> with the time waited so far, until it returns a result. The first look comes
    /// after <paramref name="firstLook"/>; after <paramref name="timeout"/> the exception <paramref name="timedOut"/> makes is
    /// thrown. Every wait on replicas goes through here, so how often a registry is listed is decided in one place.
    /// </summary>
    internal async Task<T> WatchAsync<T>(AcrRegistry registry, TimeSpan timeout, OperationContext context,
        Func<IReadOnlyList<AcrReplica>, TimeSpan, Task<T?>> observe, Func<TimeSpan, AcrGeoException> timedOut,
        TimeSpan firstLook = default) where T : class
    {
        var started = ReplicaFeeds.Now;
        var deadline = started + timeout;
        var due = started + firstLook;
        while (true)
        {
            var snapshot = await connection.ReplicaFeeds.ListAsync(registry, due < deadline ? due : deadline, context).ConfigureAwait(false);
            var elapsed = ReplicaFeeds.Now - started;
            if (await observe(snapshot.Replicas, elapsed).ConfigureAwait(false) is { } result) return result;
            if (elapsed >= timeout) throw timedOut(elapsed);
            due = snapshot.SentAt + connection.Settings.PollInterval;
        }
    }

    /// <summary>How long a create, update or delete is waited for before the command gives up (Wait-AcrReplica can go on).</summary>
    internal static readonly TimeSpan OperationWaitLimit = TimeSpan.FromHours(2);

    /// <summary>Whether ARM accepted a write that is still under way (it named an operation to follow) rather than finished it.</summary>
    static bool IsUnderway(ArmReply reply) =>
        reply.Header("Azure-AsyncOperation") is not null || (reply.Status == 202 && reply.Header("Location") is not null);

    /// <summary>The first look after a write: the poll interval, or longer if the service asked (Retry-After).</summary>
    TimeSpan FirstLook(ArmReply accepted) =>
        accepted.RetryAfter is { } asked && asked > connection.Settings.PollInterval ? asked : connection.Settings.PollInterval;

    /// <summary>
    /// Waits, through the registry's shared replica list, until the replica an accepted PUT or PATCH is provisioning is
    /// Succeeded and <paramref name="applied"/> (the list can lag behind the write). Only a Failed or Canceled replica sends a
    /// request of its own: its operation, which says why (or that it is still under way, and the list is behind).
    /// </summary>
    async Task<AcrReplica> AwaitProvisionedAsync(AcrRegistry registry, string name, ArmReply accepted, Func<AcrReplica, bool> applied,
        ProgressReporter? progress, OperationContext context) =>
        await WatchAsync(registry, OperationWaitLimit, context, async (all, _) =>
        {
            var replica = all.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (replica is null) return null;
            progress?.Status(replica.ProvisioningState);
            if (replica.ProvisioningState == "Succeeded" && applied(replica)) return replica;
            if (replica.IsFailed && await OperationFailureAsync(accepted, replica, context).ConfigureAwait(false) is { } failure) throw failure;
            return null;
        }, elapsed => OperationTimedOut(registry, name, elapsed), FirstLook(accepted)).ConfigureAwait(false);

    /// <summary>
    /// Waits, through the registry's shared replica list, until the replica an accepted DELETE is removing is gone. A
    /// replica still listed but no longer Deleting asks its operation whether the delete failed.
    /// </summary>
    Task<string> AwaitRemovedAsync(AcrRegistry registry, string name, ArmReply accepted, ProgressReporter progress, OperationContext context) =>
        WatchAsync(registry, OperationWaitLimit, context, async (all, _) =>
        {
            var replica = all.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (replica is null) return name;
            progress.Status(replica.ProvisioningState);
            if (replica.IsDeleting) return null;
            var poll = await connection.Rest.SendAsync(RequestMethod.Get, OperationUrl(accepted, name)!, null, context).ConfigureAwait(false);
            if (poll.Status == 202) return null;
            if (LongRunning.Failure(poll, name) is { } failure) throw failure;
            // An Azure-AsyncOperation status says whether the delete is still under way; a Location poll's 200 is its end.
            return (string?)poll.Body?["status"] is null or "Succeeded" ? name : null;
        }, elapsed => OperationTimedOut(registry, name, elapsed), FirstLook(accepted));

    static Uri? OperationUrl(ArmReply accepted, object target) =>
        accepted.Header("Azure-AsyncOperation") is { } operation ? ArmRest.ServiceUrl(operation, target)
        : accepted.Header("Location") is { } location ? ArmRest.ServiceUrl(location, target)
        : null;

    /// <summary>Why a replica the list shows Failed failed, from its operation; null while the operation is still under way.</summary>
    async Task<AcrGeoException?> OperationFailureAsync(ArmReply accepted, AcrReplica replica, OperationContext context)
    {
        if (OperationUrl(accepted, replica.Name) is not { } url)
            return LongRunning.Failed(replica.Name, replica.ProvisioningState, null);
        var poll = await connection.Rest.SendAsync(RequestMethod.Get, url, null, context).ConfigureAwait(false);
        return poll.Status == 202 ? null : LongRunning.Failure(poll, replica.Name);
    }

    static AcrGeoException OperationTimedOut(AcrRegistry registry, string name, TimeSpan elapsed) =>
        new(ErrorIds.WaitTimedOut, AcrErrorCategory.OperationTimeout,
            $"The operation on replica '{name}' of '{registry.Name}' was still under way after {(int)elapsed.TotalSeconds} s. " +
            "Wait-AcrReplica can go on waiting.", name);

    /// <summary>
    /// Waits until every named replica (all when <paramref name="names"/> is null) is Ready or Failed, with progress.
    /// Returns them all; the caller reports the failed ones. Throws WaitTimedOut naming those still pending, or, with
    /// <paramref name="stuckAfter"/>, ReplicaStuck as soon as a pending replica has shown the same provisioning state,
    /// status, message and status time for that long: it is not moving, and waiting longer will not help.
    /// </summary>
    public async Task<IReadOnlyList<AcrReplica>> WaitAsync(AcrRegistry registry, IReadOnlyCollection<string>? names, TimeSpan timeout,
        OperationContext context, TimeSpan? stuckAfter = null)
    {
        InputRules.Timeout(timeout, "-TimeoutSeconds");
        if (stuckAfter is { } stuck) InputRules.Timeout(stuck, "-StuckAfterSeconds");
        foreach (var name in names ?? Array.Empty<string>()) InputRules.ReplicaName(name);
        var lastChange = new Dictionary<string, (string State, TimeSpan Since)>(StringComparer.OrdinalIgnoreCase);
        var activity = $"Waiting for replicas of {registry.Name}";
        IReadOnlyList<AcrReplica> watched = Array.Empty<AcrReplica>();
        var done = await WatchAsync(registry, timeout, context, (all, elapsed) =>
        {
            watched = names is null ? all : all.Where(r => names.Contains(r.Name, StringComparer.OrdinalIgnoreCase)).ToList();
            var missing = names?.Where(n => watched.All(r => !r.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
            if (missing is { Count: > 0 })
                throw new AcrGeoException(ErrorIds.ReplicaNotFound, AcrErrorCategory.ObjectNotFound,
                    $"Registry '{registry.Name}' has no replica named {string.Join(", ", missing.Select(m => $"'{m}'"))}.", missing[0]);

            var pending = watched.Where(r => !r.IsReady && !r.IsFailed).ToList();
            context.Report(new OperationProgress(1, activity,
                $"{watched.Count - pending.Count} of {watched.Count} ready or failed; waiting for " +
                string.Join(", ", pending.Select(r => $"{r.Name} ({r.ProvisioningState}/{r.Status})")),
                watched.Count == 0 ? 100 : (watched.Count - pending.Count) * 100 / watched.Count));
            if (pending.Count == 0) return Task.FromResult<IReadOnlyList<AcrReplica>?>(watched);

            if (stuckAfter is { } limit)
            {
                foreach (var replica in pending)
                {
                    var state = $"{replica.ProvisioningState}|{replica.Status}|{replica.StatusMessage}|{replica.StatusTimestamp:o}";
                    if (!lastChange.TryGetValue(replica.Name, out var seen) || seen.State != state) lastChange[replica.Name] = (state, elapsed);
                }
                var stuck = pending.Where(r => elapsed - lastChange[r.Name].Since >= limit).ToList();
                if (stuck.Count > 0) throw Stuck(registry, stuck, limit);
            }
            return Task.FromResult<IReadOnlyList<AcrReplica>?>(null);
        }, elapsed => new AcrGeoException(ErrorIds.WaitTimedOut, AcrErrorCategory.OperationTimeout,
            $"After {(int)elapsed.TotalSeconds} s these replicas of '{registry.Name}' are not ready yet: " +
            string.Join(", ", watched.Where(r => !r.IsReady && !r.IsFailed).Select(r => $"{r.Name} ({r.ProvisioningState}, {r.Status})")) +
            ". Run Wait-AcrReplica again with a longer -TimeoutSeconds.", registry)).ConfigureAwait(false);
        context.Report(new OperationProgress(1, activity, "Done", 100, completed: true));
        return done;
    }

    static AcrGeoException Stuck(AcrRegistry registry, IReadOnlyList<AcrReplica> stuck, TimeSpan limit) =>
        new(ErrorIds.ReplicaStuck, AcrErrorCategory.OperationTimeout,
            $"{(stuck.Count == 1 ? "This replica" : "These replicas")} of '{registry.Name}' made no progress for {(int)limit.TotalSeconds} s: " +
            string.Join("; ", stuck.Select(r => $"{r.Name} is {r.ProvisioningState}, " +
                                                (r.Status.Length == 0 ? "with no sync status yet" : $"status {r.Status}: {r.StatusMessage ?? "no message"}") +
                                                (r.StatusTimestamp is { } at ? $" (since {at:u})" : ""))) +
            ". A replica that stays like this is stuck: remove it and create it again (Remove-AcrReplica, then New-AcrReplica), " +
            "or ask Azure support about the region.", stuck[0]);

    /// <summary>Waits (one list per poll interval) until the registry has no replica in <paramref name="location"/> any more.</summary>
    internal Task<string> WaitGoneAsync(AcrRegistry registry, string location, TimeSpan timeout, OperationContext context) =>
        WatchAsync(registry, timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, context,
            (all, _) => Task.FromResult(all.Any(r => r.Location.Equals(location, StringComparison.OrdinalIgnoreCase)) ? null : location),
            elapsed => new AcrGeoException(ErrorIds.WaitTimedOut, AcrErrorCategory.OperationTimeout,
                $"The replica of '{registry.Name}' in {location} was still being deleted after {(int)elapsed.TotalSeconds} s.", location));

    /// <summary>
    /// Changes a replica's global endpoint routing and tags (ARM's PATCH; nothing else about a replica can change in
    /// place). The home replica is refused before any request: its routing follows the registry.
    /// </summary>
    public Task<AcrReplica> UpdateAsync(AcrRegistry registry, string name, ReplicaSettings change, OperationContext context) =>
        ChangeJournal.RunAsync(context, "Run the same Set-AcrReplica command again to finish.",
            journal => UpdateAsync(registry, name, change, journal, context));

    internal async Task<AcrReplica> UpdateAsync(AcrRegistry registry, string name, ReplicaSettings change, ChangeJournal journal,
        OperationContext context)
    {
        InputRules.ReplicaName(name);
        EnsureUpdatable(registry, name);
        InputRules.Tags(change.Tags);
        if (change.RegionEndpointEnabled is null && change.Tags is null)
            throw new AcrGeoException(ErrorIds.NothingToChange, AcrErrorCategory.InvalidArgument,
                $"Nothing to change on replica '{name}': give -GlobalEndpointRouting, -Tag or both.", name);
        var body = new JsonObject();
        if (change.Tags is not null) body["tags"] = ResourceIds.TagsJson(change.Tags);
        if (change.RegionEndpointEnabled is { } enabled) body["properties"] = new JsonObject { ["regionEndpointEnabled"] = enabled };

        // A replica that is not there is known from a read, before the PATCH.
        await GetAsync(registry, name, context).ConfigureAwait(false);
        var what = $"the update of replica {name} of '{registry.Name}'";
        journal.Sent(what);
        var updated = await LongRunning.ResendingAsync(async () =>
        {
            var reply = await connection.Rest.SendAsync(RequestMethod.Patch, Path(registry, name), ApiVersions.ContainerRegistry, body, context)
                .ConfigureAwait(false);
            if (reply.Status == 404)
                throw new AcrGeoException(ErrorIds.ReplicaNotFound, AcrErrorCategory.ObjectNotFound,
                    $"Registry '{registry.Name}' has no replica named '{name}'.", name);
            if (!reply.IsSuccess) throw reply.ToException(name);
            if (!IsUnderway(reply)) return AcrReplica.FromJson(reply.Object, registry.Location);
            // Done when the list shows the change, not just Succeeded: a list that lags would still show the old replica.
            return await AwaitProvisionedAsync(registry, name, reply, replica =>
                    (change.RegionEndpointEnabled is not { } enabled || replica.RegionEndpointEnabled == enabled)
                    && (change.Tags is null || (change.Tags.Count == replica.Tags.Count
                                                && change.Tags.All(t => replica.Tags.TryGetValue(t.Key, out var value) && value == t.Value))),
                null, context).ConfigureAwait(false);
        }, context, name).ConfigureAwait(false);
        journal.Done($"updated replica {name} of '{registry.Name}'", what);
        return updated;
    }

    /// <summary>The home replica's routing and tags are the registry's: refused with no request.</summary>
    public static void EnsureUpdatable(AcrRegistry registry, string replicaName)
    {
        if (string.Equals(InputRules.ReplicaName(replicaName).ToLowerInvariant(), InputRules.NormalizeRegion(registry.Location), StringComparison.Ordinal))
            throw new AcrGeoException(ErrorIds.HomeReplicaCannotBeUpdated, AcrErrorCategory.InvalidOperation,
                $"'{replicaName}' is the home replica of registry '{registry.Name}': it always takes routed traffic, and its tags are " +
                $"the registry's (Set-AcrRegistry -Registry {registry.Name} -Tag ...). Change a replica in another region.", replicaName);
    }

    /// <summary>Refuses the home replica before any request: it goes only with the registry.</summary>
    public static void EnsureRemovable(AcrRegistry registry, string replicaName)
    {
        if (string.Equals(InputRules.ReplicaName(replicaName).ToLowerInvariant(), InputRules.NormalizeRegion(registry.Location), StringComparison.Ordinal))
            throw HomeReplica(registry.Name, replicaName);
    }

    /// <summary>The same check for a replica object, which knows whether it is the home one: no request at all.</summary>
    public static void EnsureRemovable(AcrReplica replica)
    {
        if (replica.IsHome) throw HomeReplica(replica.RegistryName, replica.Name);
    }

    static AcrGeoException HomeReplica(string registry, string replica) =>
        new(ErrorIds.HomeReplicaCannotBeDeleted, AcrErrorCategory.InvalidOperation,
            $"'{replica}' is the home replica of registry '{registry}' and cannot be removed on its own; it goes only when the " +
            "registry is deleted.", replica);

    /// <summary>
    /// Removes replicas in parallel. Each must exist (one list tells, before any delete): a name with no replica gets
    /// ReplicaNotFound, as Remove-Item does for a missing path. A replica that goes while its delete runs counts as removed.
    /// </summary>
    public async Task<IReadOnlyList<Outcome<string>>> RemoveAsync(AcrRegistry registry, IReadOnlyList<string> names, OperationContext context)
    {
        foreach (var name in names) EnsureRemovable(registry, name);
        var existing = await ListAsync(registry, context).ConfigureAwait(false);
        var finish = $"Run Remove-AcrReplica again for the replicas that remain (Get-AcrReplica -Registry {registry.Name} lists them).";
        return await ChangeJournal.RunAsync(context, finish, async journal =>
        {
            var outcomes = await Fanout.RunAsync(names, connection.Settings.MaxParallelOperations, (name, index) =>
                existing.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } replica
                    ? RemoveOneAsync(registry, replica.Name, 200 + index, journal, context)
                    : Task.FromResult(new Outcome<string>(name, null, new AcrGeoException(ErrorIds.ReplicaNotFound, AcrErrorCategory.ObjectNotFound,
                        $"Registry '{registry.Name}' has no replica named '{name}'. Get-AcrReplica -Registry {registry.Name} lists its replicas.", name))),
                context.Cancellation).ConfigureAwait(false);
            return outcomes.Select(o => o.Succeeded || o.Error!.ErrorId == ErrorIds.ReplicaNotFound
                ? o
                : new Outcome<string>(o.Target, null, journal.Explain(o.Error!, finish))).ToList();
        }).ConfigureAwait(false);
    }

    /// <summary>Deletes one replica and waits for the delete; one that goes while its delete runs counts as removed.</summary>
    internal async Task<Outcome<string>> RemoveOneAsync(AcrRegistry registry, string name, int activityId, ChangeJournal journal, OperationContext context)
    {
        var progress = new ProgressReporter(context, activityId, $"Removing replica {name} of {registry.Name}");
        var what = $"the removal of replica {name} of '{registry.Name}'";
        try
        {
            journal.Sent(what);
            var path = Path(registry, name);
            await LongRunning.ResendingAsync(async () =>
            {
                var reply = await connection.Rest.SendAsync(RequestMethod.Delete, path, ApiVersions.ContainerRegistry, null, context)
                    .ConfigureAwait(false);
                if (reply.Status == 204) context.Log($"Replica '{name}' of '{registry.Name}' was already gone.");
                if (reply.IsSuccess && IsUnderway(reply))
                    return await AwaitRemovedAsync(registry, name, reply, progress, context).ConfigureAwait(false);
                await LongRunning.CompleteAsync(connection.Rest, reply, RequestMethod.Delete, path, ApiVersions.ContainerRegistry,
                    connection.Settings.PollInterval, progress.Status, context, name).ConfigureAwait(false);
                return name;
            }, context, name).ConfigureAwait(false);
            journal.Done($"removed replica {name} of '{registry.Name}'", what);
            return new Outcome<string>(name, name, null);
        }
        catch (AcrGeoException e)
        {
            return new Outcome<string>(name, null, e);
        }
        finally
        {
            progress.Complete();
        }
    }

    internal static AcrGeoException UnknownRegion(IReadOnlyList<string> unknown, IReadOnlyList<RegionEntry> regions) =>
        new(ErrorIds.UnknownRegion, AcrErrorCategory.InvalidArgument,
            $"Unknown region(s): {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Use a name such as " +
            $"{string.Join(", ", regions.Where(r => r.OffersReplicas).Take(4).Select(r => r.Name))}; Get-AcrRegion lists them all.",
            unknown[0]);

    internal static AcrGeoException UnavailableRegion(IReadOnlyList<string> unavailable) =>
        new(ErrorIds.RegionUnavailable, AcrErrorCategory.InvalidArgument,
            $"Container Registry is not offered to this subscription in {string.Join(", ", unavailable)}. " +
            "Get-AcrRegion shows which regions are available.", unavailable[0]);
}

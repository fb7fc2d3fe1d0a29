using System;
using System.Collections.Generic;
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

            var results = await Fanout.RunAsync(plan.ToCreate, connection.Settings.MaxParallelOperations, async (location, index) =>
            {
                var progress = new ProgressReporter(context, 100 + index, $"Replicating {registry.Name} to {location}");
                var what = $"replica {location} of '{registry.Name}'";
                try
                {
                    var body = new JsonObject
                    {
                        ["location"] = location,
                        ["properties"] = new JsonObject { ["zoneRedundancy"] = request.ZoneRedundant ? "Enabled" : "Disabled" },
                    };
                    if (request.RegionEndpointEnabled is { } endpoint) body["properties"]!["regionEndpointEnabled"] = endpoint;
                    if (request.Tags is not null) body["tags"] = ResourceIds.TagsJson(request.Tags);
                    var path = Path(registry, location);
                    journal.Sent(what);
                    JsonObject? final;
                    if (request.NoWait)
                    {
                        var reply = await connection.Rest.SendAsync(RequestMethod.Put, path, ApiVersions.ContainerRegistry, body, context)
                            .ConfigureAwait(false);
                        final = reply.IsSuccess ? reply.Object : throw reply.ToException(location);
                    }
                    else
                    {
                        final = await LongRunning.RunAsync(connection.Rest, RequestMethod.Put, path, ApiVersions.ContainerRegistry, body,
                            connection.Settings.PollInterval, progress.Status, context, location).ConfigureAwait(false);
                    }
                    journal.Done($"created {what}", what);
                    return new Outcome<AcrReplica>(location, AcrReplica.FromJson(final!, registry.Location), null);
                }
                catch (AcrGeoException e)
                {
                    return new Outcome<AcrReplica>(location, null, e);
                }
                finally
                {
                    progress.Complete();
                }
            }, context.Cancellation).ConfigureAwait(false);
            // Explained once every region has its outcome, so each error names every replica that exists by then.
            return results.Select(r => r.Succeeded ? r : new Outcome<AcrReplica>(r.Target, null, journal.Explain(r.Error!, finish))).ToList();
        }).ConfigureAwait(false);
    }

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
    /// Polls (one list request a round, however many replicas) until every named replica is Ready or Failed.
    /// Returns them all; the caller reports the failed ones. Throws WaitTimedOut naming those still pending.
    /// </summary>
    public async Task<IReadOnlyList<AcrReplica>> WaitAsync(AcrRegistry registry, IReadOnlyCollection<string>? names, TimeSpan timeout,
        OperationContext context)
    {
        InputRules.Timeout(timeout);
        foreach (var name in names ?? Array.Empty<string>()) InputRules.ReplicaName(name);
        var started = DateTime.UtcNow;
        while (true)
        {
            var all = await ListAsync(registry, context).ConfigureAwait(false);
            var watched = names is null ? all : all.Where(r => names.Contains(r.Name, StringComparer.OrdinalIgnoreCase)).ToList();
            var missing = names?.Where(n => watched.All(r => !r.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
            if (missing is { Count: > 0 })
                throw new AcrGeoException(ErrorIds.ReplicaNotFound, AcrErrorCategory.ObjectNotFound,
                    $"Registry '{registry.Name}' has no replica named {string.Join(", ", missing.Select(m => $"'{m}'"))}.", missing[0]);

            var done = watched.Count(r => r.IsReady || r.IsFailed);
            var elapsed = DateTime.UtcNow - started;
            context.Report(new OperationProgress(1, $"Waiting for replicas of {registry.Name}",
                $"{done} of {watched.Count} ready or failed; waiting for " +
                string.Join(", ", watched.Where(r => !r.IsReady && !r.IsFailed).Select(r => $"{r.Name} ({r.ProvisioningState}/{r.Status})")),
                watched.Count == 0 ? 100 : done * 100 / watched.Count));
            if (done == watched.Count)
            {
                context.Report(new OperationProgress(1, $"Waiting for replicas of {registry.Name}", "Done", 100, completed: true));
                return watched;
            }
            if (elapsed >= timeout)
                throw new AcrGeoException(ErrorIds.WaitTimedOut, AcrErrorCategory.OperationTimeout,
                    $"After {(int)elapsed.TotalSeconds} s these replicas of '{registry.Name}' are not ready yet: " +
                    string.Join(", ", watched.Where(r => !r.IsReady && !r.IsFailed).Select(r => $"{r.Name} ({r.ProvisioningState}, {r.Status})")) +
                    ". Run Wait-AcrReplica again with a longer -TimeoutSeconds.", registry);
            var interval = connection.Settings.PollInterval;
            var left = timeout - elapsed;
            await Task.Delay(interval < left ? interval : left, context.Cancellation).ConfigureAwait(false);
        }
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
            var outcomes = await Fanout.RunAsync(names, connection.Settings.MaxParallelOperations, async (name, index) =>
            {
                if (existing.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is not { } replica)
                    return new Outcome<string>(name, null, new AcrGeoException(ErrorIds.ReplicaNotFound, AcrErrorCategory.ObjectNotFound,
                        $"Registry '{registry.Name}' has no replica named '{name}'. Get-AcrReplica -Registry {registry.Name} lists its replicas.", name));
                var progress = new ProgressReporter(context, 200 + index, $"Removing replica {replica.Name} of {registry.Name}");
                var what = $"the removal of replica {replica.Name} of '{registry.Name}'";
                try
                {
                    journal.Sent(what);
                    await LongRunning.RunAsync(connection.Rest, RequestMethod.Delete, Path(registry, replica.Name), ApiVersions.ContainerRegistry, null,
                        connection.Settings.PollInterval, progress.Status, context, replica.Name).ConfigureAwait(false);
                    journal.Done($"removed replica {replica.Name} of '{registry.Name}'", what);
                    return new Outcome<string>(name, replica.Name, null);
                }
                catch (AcrGeoException e)
                {
                    return new Outcome<string>(name, null, e);
                }
                finally
                {
                    progress.Complete();
                }
            }, context.Cancellation).ConfigureAwait(false);
            return outcomes.Select(o => o.Succeeded || o.Error!.ErrorId == ErrorIds.ReplicaNotFound
                ? o
                : new Outcome<string>(o.Target, null, journal.Explain(o.Error!, finish))).ToList();
        }).ConfigureAwait(false);
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

using AcrGeo.Emulator.Admin;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Engine.Tests;

public sealed class ReplicaOperationsTests(EngineFixture fx) : IClassFixture<EngineFixture>
{
    ReplicaOperations Replicas => new(fx.Connection);

    static ReplicaRequest In(params string[] locations) => new() { Locations = locations };

    static bool IsWrite(RequestLogEntry r) => r.Method is "PUT" or "PATCH" or "DELETE" or "POST";

    [Fact]
    public async Task Creates_replicas_in_every_region_in_parallel_and_returns_them_provisioned()
    {
        var registry = await fx.NewRegistryAsync();
        fx.ClearLog();
        var plan = await Replicas.PlanAsync(registry, In("japaneast", "eastus", "westeurope", "canadacentral", "australiaeast"), OperationContext.None);
        var outcomes = await Replicas.CreateAsync(plan, OperationContext.None);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.Message));
        Assert.Equal(["japaneast", "eastus", "westeurope", "canadacentral", "australiaeast"], outcomes.Select(o => o.Value!.Location));
        Assert.All(outcomes, o => Assert.Equal("Succeeded", o.Value!.ProvisioningState));
        // Parallel: every create was sent before the first look at the replica list after the first of them.
        var log = fx.ArmRequests;
        var firstPut = log.Where(r => r.Method == "PUT").Min(r => r.Sequence);
        var lastPut = log.Where(r => r.Method == "PUT").Max(r => r.Sequence);
        var firstLook = log.Where(r => IsList(r) && r.Sequence > firstPut).Min(r => r.Sequence);
        Assert.True(lastPut < firstLook, "the creates were sent one after another, not at once");
        Assert.Equal(5, log.Count(r => r.Method == "PUT"));
    }

    static bool IsList(RequestLogEntry r) => r.Method == "GET" && r.Path.EndsWith("/replications", StringComparison.Ordinal);

    [Fact]
    public async Task Waiting_lists_each_registry_about_once_per_interval_however_many_replicas_it_waits_for()
    {
        var few = await fx.NewRegistryAsync();
        var many = await fx.NewRegistryAsync();
        fx.ClearLog();

        var both = await Task.WhenAll(
            Replicas.CreateAsync(await Replicas.PlanAsync(few, In("japaneast", "eastus"), OperationContext.None), OperationContext.None),
            Replicas.CreateAsync(await Replicas.PlanAsync(many, In("japaneast", "eastus", "westeurope", "canadacentral", "australiaeast",
                "uksouth", "northeurope", "southeastasia", "brazilsouth", "koreacentral"), OperationContext.None), OperationContext.None));

        Assert.All(both.SelectMany(o => o), o => Assert.True(o.Succeeded, o.Error?.Message));
        var log = fx.ArmRequests;
        int Looks(AcrRegistry registry) => log.Count(r => IsList(r) && r.Path.Contains($"/registries/{registry.Name}/"));
        // 300 ms of provisioning at a 50 ms interval: a handful of lists each, the same for 2 replicas as for 10.
        Assert.InRange(Looks(few), 2, 12);
        Assert.InRange(Looks(many), Looks(few) - 2, Looks(few) + 2);
        // Nothing per replica while waiting: no operation status polls, no reads of a single replica.
        Assert.DoesNotContain(log, r => r.Path.Contains("/operationStatuses/"));
        Assert.DoesNotContain(log, r => r.Method == "GET" && r.Path.Contains("/replications/"));
    }

    [Fact]
    public async Task A_shared_list_goes_out_when_the_last_waiter_expected_within_the_slack_is_due_not_the_first()
    {
        var registry = await fx.NewRegistryAsync();
        using var connection = fx.Connect(s => s.PollInterval = TimeSpan.FromSeconds(2));
        fx.ClearLog();
        var start = ReplicaFeeds.Now;
        var (first, last, apart) = (start + TimeSpan.FromMilliseconds(200), start + TimeSpan.FromMilliseconds(700), start + TimeSpan.FromSeconds(3));

        // Three waiters: two whose writes were accepted half a second apart, and one an interval and a half later.
        var looks = await Task.WhenAll(
            connection.ReplicaFeeds.ListAsync(registry, first, OperationContext.None),
            connection.ReplicaFeeds.ListAsync(registry, last, OperationContext.None),
            connection.ReplicaFeeds.ListAsync(registry, apart, OperationContext.None));

        // The first two share one list, sent for the later of them (a list sent at the first would see the other's
        // replica half a second less far on); the third is not held back to it, nor does it hold them to itself.
        Assert.Same(looks[0], looks[1]);
        Assert.InRange(looks[0].SentAt, last, apart - TimeSpan.FromSeconds(1));
        Assert.NotSame(looks[1], looks[2]);
        Assert.True(looks[2].SentAt >= apart);
        Assert.Equal(2, fx.ArmRequests.Count(IsList));
    }

    [Fact]
    public async Task Writes_go_out_at_the_rate_ARMs_remaining_budget_allows_so_a_burst_is_not_a_storm_of_429s()
    {
        var registry = await fx.NewRegistryAsync();
        var throttling = fx.Emulator.Settings.Throttling;
        var writes = throttling.Writes;
        throttling.Writes = new(3, 10);
        try
        {
            using var connection = fx.Connect();
            var replicas = new ReplicaOperations(connection);
            var plan = await replicas.PlanAsync(registry, In("japaneast", "eastus", "westeurope", "canadacentral", "australiaeast",
                "uksouth", "northeurope", "southeastasia"), OperationContext.None);
            fx.ClearLog();

            var outcomes = await replicas.CreateAsync(plan, OperationContext.None);

            Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.Message));
            var log = fx.ArmRequests;
            Assert.Equal(8, log.Count(r => r.Method == "PUT" && r.Status is 200 or 201));
            // Eight writes through a bucket of three: each time it is empty, one request learns when it refills, not all.
            Assert.InRange(log.Count(r => r.Status == 429), 1, 3);
            Assert.NotNull(connection.Budget.Remaining(fx.Emulator.Identity.SubscriptionId, Arm.ArmBudget.RequestKind.Write));
        }
        finally
        {
            throttling.Writes = writes;
        }
    }

    [Fact]
    public async Task Requests_are_only_the_needed_ones_and_the_region_catalogue_is_read_once_per_connection()
    {
        var registry = await fx.NewRegistryAsync();
        using var connection = fx.Connect();
        var replicas = new ReplicaOperations(connection);
        fx.ClearLog();
        var outcomes = await replicas.CreateAsync(await replicas.PlanAsync(registry, In("japaneast", "eastus"), OperationContext.None),
            OperationContext.None);
        Assert.All(outcomes, o => Assert.True(o.Succeeded));

        var log = fx.ArmRequests;
        Assert.Equal(1, log.Count(r => r.Path.EndsWith("/locations")));
        Assert.Equal(1, log.Count(r => r.Path.EndsWith("/providers/Microsoft.ContainerRegistry")));
        Assert.Equal(1, log.Count(r => IsList(r) && r.Sequence < log.Where(w => w.Method == "PUT").Min(w => w.Sequence)));
        Assert.Equal(2, log.Count(r => r.Method == "PUT"));
        // Per region the PUT alone: the outcome comes from the registry's shared replica list, no poll or read of its own.
        Assert.DoesNotContain(log, r => r.Path.Contains("operationStatuses") || (r.Method == "GET" && r.Path.Contains("/replications/")));
        Assert.DoesNotContain(log, r => r.Path.EndsWith("/providers") || r.Path.Contains("/resources"));

        fx.ClearLog();
        await replicas.PlanAsync(registry, In("westeurope"), OperationContext.None);
        Assert.DoesNotContain(fx.ArmRequests, r => r.Path.EndsWith("/locations") || r.Path.EndsWith("/Microsoft.ContainerRegistry"));
    }

    [Fact]
    public async Task An_existing_replica_is_returned_and_not_created_again()
    {
        var registry = await fx.NewRegistryAsync();
        await Replicas.CreateAsync(await Replicas.PlanAsync(registry, In("japaneast"), OperationContext.None), OperationContext.None);
        fx.ClearLog();

        var plan = await Replicas.PlanAsync(registry, In("Japan East", "eastus"), OperationContext.None);

        Assert.Equal("japaneast", Assert.Single(plan.Existing).Location);
        Assert.Equal(["eastus"], plan.ToCreate);
        Assert.DoesNotContain(fx.ArmRequests, IsWrite);
    }

    [Theory]
    [InlineData("westus", ErrorIds.HomeRegionReplica)]
    [InlineData("moon", ErrorIds.UnknownRegion)]
    [InlineData("germanynorth", ErrorIds.RegionUnavailable)]
    public async Task Bad_regions_are_refused_before_any_write(string location, string errorId)
    {
        var registry = await fx.NewRegistryAsync(location: "westus");
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() => Replicas.PlanAsync(registry, In("eastus", location), OperationContext.None));
        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(AcrErrorCategory.InvalidArgument, error.Category);
        Assert.DoesNotContain(fx.ArmRequests, IsWrite);
    }

    [Fact]
    public async Task A_registry_below_Premium_is_refused_unless_the_upgrade_is_asked_for()
    {
        var registry = await fx.NewRegistryAsync(sku: "Standard");
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() => Replicas.PlanAsync(registry, In("eastus"), OperationContext.None));
        Assert.Equal(ErrorIds.PremiumSkuRequired, error.ErrorId);
        Assert.DoesNotContain(fx.ArmRequests, IsWrite);

        var plan = await Replicas.PlanAsync(registry, new ReplicaRequest { Locations = ["eastus"], UpgradeToPremium = true }, OperationContext.None);
        Assert.True(plan.NeedsUpgrade);
        var outcome = Assert.Single(await Replicas.CreateAsync(plan, OperationContext.None));
        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        var log = fx.ArmRequests;
        Assert.True(log.First(r => r.Method == "PATCH").Sequence < log.First(r => r.Method == "PUT").Sequence);
        Assert.Equal("Premium", (await new RegistryOperations(fx.Connection).GetAsync(registry.Name, registry.ResourceGroupName, OperationContext.None)).Sku);
    }

    [Fact]
    public async Task One_failed_region_does_not_stop_the_others_and_running_again_converges()
    {
        var registry = await fx.NewRegistryAsync();
        fx.Emulator.Faults.Add(new FaultRule { Method = "PUT", Path = $"*/{registry.Name}/replications/eastus", Action = FaultAction.FailOperation, UntilCleared = true });

        var outcomes = await Replicas.CreateAsync(await Replicas.PlanAsync(registry, In("japaneast", "eastus"), OperationContext.None), OperationContext.None);
        fx.Emulator.Faults.Clear();

        Assert.True(outcomes.Single(o => o.Target == "japaneast").Succeeded);
        var failed = outcomes.Single(o => o.Target == "eastus");
        Assert.Equal(ErrorIds.OperationFailed, failed.Error!.ErrorId);
        // The failure says what exists (the replica that was made) and how to finish.
        Assert.Contains("created replica japaneast", failed.Error.Message);
        Assert.Contains("again", failed.Error.Message);

        var again = await Replicas.PlanAsync(registry, In("japaneast", "eastus"), OperationContext.None);
        Assert.Equal(["eastus"], again.ToCreate);
        Assert.True(Assert.Single(await Replicas.CreateAsync(again, OperationContext.None)).Succeeded);
        Assert.All(await Replicas.ListAsync(registry, OperationContext.None), r => Assert.Equal("Succeeded", r.ProvisioningState));
    }

    [Fact]
    public async Task Creates_and_deletes_whose_operation_fails_once_for_a_transient_reason_are_sent_again()
    {
        var registry = await fx.NewRegistryAsync();
        fx.Emulator.Faults.Add(new FaultRule { Method = "PUT", Path = $"*/{registry.Name}/replications/eastus", Action = FaultAction.FailOperation, Count = 1 });
        Assert.True(Assert.Single(await Replicas.CreateAsync(await Replicas.PlanAsync(registry, In("eastus"), OperationContext.None),
            OperationContext.None)).Succeeded);

        fx.Emulator.Faults.Add(new FaultRule { Method = "DELETE", Path = $"*/{registry.Name}/replications/eastus", Action = FaultAction.FailOperation, Count = 1 });
        fx.ClearLog();
        var removed = Assert.Single(await Replicas.RemoveAsync(registry, ["eastus"], OperationContext.None));

        Assert.True(removed.Succeeded, removed.Error?.Message);
        Assert.Equal(2, fx.ArmRequests.Count(r => r.Method == "DELETE"));
        Assert.Empty(fx.Emulator.Faults.Snapshot());
        Assert.DoesNotContain(await Replicas.ListAsync(registry, OperationContext.None), r => r.Name == "eastus");
    }

    [Fact]
    public async Task NoWait_returns_replicas_still_creating()
    {
        var registry = await fx.NewRegistryAsync();
        var plan = await Replicas.PlanAsync(registry, new ReplicaRequest { Locations = ["japaneast"], NoWait = true }, OperationContext.None);
        var replica = Assert.Single(await Replicas.CreateAsync(plan, OperationContext.None)).Value!;
        Assert.Equal("Creating", replica.ProvisioningState);
    }

    [Fact]
    public async Task Waits_until_every_replica_is_ready()
    {
        var registry = await fx.NewRegistryAsync();
        var plan = await Replicas.PlanAsync(registry, new ReplicaRequest { Locations = ["japaneast", "eastus"], NoWait = true }, OperationContext.None);
        await Replicas.CreateAsync(plan, OperationContext.None);
        var reports = new List<OperationProgress>();

        var ready = await Replicas.WaitAsync(registry, null, TimeSpan.FromSeconds(30),
            new OperationContext { Progress = new SynchronousProgress(reports.Add) });

        Assert.Equal(3, ready.Count);
        Assert.All(ready, r => Assert.True(r.IsReady, $"{r.Name}: {r.ProvisioningState}/{r.Status}"));
        Assert.Contains(reports, p => p.Completed);
    }

    [Fact]
    public async Task Waiting_too_long_fails_naming_the_replicas_not_ready()
    {
        var registry = await fx.NewRegistryAsync();
        var saved = fx.Emulator.Settings.SyncDelay;
        fx.Emulator.Settings.SyncDelay = TimeSpan.FromMinutes(5);
        try
        {
            await Replicas.CreateAsync(await Replicas.PlanAsync(registry, In("japaneast"), OperationContext.None), OperationContext.None);
            var error = await Assert.ThrowsAsync<AcrGeoException>(() =>
                Replicas.WaitAsync(registry, ["japaneast"], TimeSpan.FromMilliseconds(300), OperationContext.None));
            Assert.Equal(ErrorIds.WaitTimedOut, error.ErrorId);
            Assert.Contains("japaneast", error.Message);
        }
        finally
        {
            fx.Emulator.Settings.SyncDelay = saved;
        }
    }

    [Fact]
    public async Task Cancelling_stops_the_wait_promptly_and_sends_nothing_more()
    {
        var registry = await fx.NewRegistryAsync();
        var saved = fx.Emulator.Settings.SyncDelay;
        fx.Emulator.Settings.SyncDelay = TimeSpan.FromMinutes(5);
        try
        {
            await Replicas.CreateAsync(await Replicas.PlanAsync(registry, In("japaneast"), OperationContext.None), OperationContext.None);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                Replicas.WaitAsync(registry, null, TimeSpan.FromMinutes(5), new OperationContext { Cancellation = cancel.Token }));
            var stopped = DateTimeOffset.UtcNow;
            await Task.Delay(300);
            // The log records a request when it is answered: one sent just before the stop may be logged after it, but
            // none may have been sent after it.
            Assert.DoesNotContain(fx.ArmRequests, r => r.Time - TimeSpan.FromMilliseconds(r.DurationMs) > stopped);
        }
        finally
        {
            fx.Emulator.Settings.SyncDelay = saved;
        }
    }

    [Fact]
    public async Task The_home_replica_is_refused_before_any_request_and_others_are_removed_in_parallel()
    {
        var registry = await fx.NewRegistryAsync(location: "westus");
        await Replicas.CreateAsync(await Replicas.PlanAsync(registry, In("japaneast", "eastus"), OperationContext.None), OperationContext.None);
        fx.ClearLog();

        var error = await Assert.ThrowsAsync<AcrGeoException>(() => Replicas.RemoveAsync(registry, ["japaneast", "westus"], OperationContext.None));
        Assert.Equal(ErrorIds.HomeReplicaCannotBeDeleted, error.ErrorId);
        Assert.Empty(fx.ArmRequests);

        var removed = await Replicas.RemoveAsync(registry, ["japaneast", "eastus"], OperationContext.None);
        Assert.All(removed, o => Assert.True(o.Succeeded, o.Error?.Message));
        var log = fx.ArmRequests;
        // One list before the deletes tells which replicas exist; the waits' lists come only after every delete was sent.
        var deletes = log.Where(r => r.Method == "DELETE").Select(r => r.Sequence).ToList();
        Assert.DoesNotContain(log, r => IsList(r) && r.Sequence > deletes.Min() && r.Sequence < deletes.Max());
        Assert.DoesNotContain(log, r => r.Path.Contains("operationResults"));
        Assert.Equal("westus", Assert.Single(await Replicas.ListAsync(registry, OperationContext.None)).Name);

        // Running it again is removing what is not there: a not-found error for it, as Remove-Item gives, and no delete sent.
        fx.ClearLog();
        Assert.Equal(ErrorIds.ReplicaNotFound, Assert.Single(await Replicas.RemoveAsync(registry, ["japaneast"], OperationContext.None)).Error?.ErrorId);
        Assert.DoesNotContain(fx.ArmRequests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Lists_follow_paging()
    {
        var registry = await fx.NewRegistryAsync();
        await Replicas.CreateAsync(await Replicas.PlanAsync(registry, In("japaneast", "eastus", "westeurope", "uksouth"), OperationContext.None),
            OperationContext.None);
        var saved = fx.Emulator.Settings.PageSize;
        fx.Emulator.Settings.PageSize = 2;
        try
        {
            fx.ClearLog();
            var all = await Replicas.ListAsync(registry, OperationContext.None);
            Assert.Equal(5, all.Select(r => r.Name).Distinct().Count());
            Assert.True(all[0].IsHome);
            Assert.Equal(3, fx.ArmRequests.Count(r => r.Path.EndsWith("/replications")));
        }
        finally
        {
            fx.Emulator.Settings.PageSize = saved;
        }
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_time_the_service_asks_for()
    {
        var registry = await fx.NewRegistryAsync();
        fx.Emulator.Faults.Add(new FaultRule { Method = "GET", Path = $"*/{registry.Name}/replications", Action = FaultAction.Throttle, Count = 1, RetryAfterSeconds = 1 });
        fx.ClearLog();

        var all = await Replicas.ListAsync(registry, OperationContext.None);

        Assert.Single(all);
        var calls = fx.ArmRequests.Where(r => r.Path.EndsWith("/replications")).ToList();
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].Time - calls[0].Time >= TimeSpan.FromSeconds(0.95), "the retry came before Retry-After");
    }

    [Fact]
    public async Task Dropped_connections_and_server_errors_are_retried()
    {
        var registry = await fx.NewRegistryAsync();
        fx.Emulator.Faults.Add(new FaultRule { Method = "GET", Path = $"*/{registry.Name}/replications", Action = FaultAction.DropConnection, Count = 1 });
        fx.Emulator.Faults.Add(new FaultRule { Method = "GET", Path = $"*/{registry.Name}/replications", Action = FaultAction.ServiceUnavailable, Count = 1, RetryAfterSeconds = 0 });
        Assert.Single(await Replicas.ListAsync(registry, OperationContext.None));
    }

    sealed class SynchronousProgress(Action<OperationProgress> report) : IProgress<OperationProgress>
    {
        public void Report(OperationProgress value)
        {
            lock (this) report(value);
        }
    }
}

using System.Net;
using AcrGeo.Emulator.Admin;

namespace AcrGeo.Emulator.Tests;

/// <summary>
/// What the geo-replication operations rely on: ARM's conflict window after a replica delete, stalled operations,
/// listUsages, the endpoint switches and their host names by api-version, and listEvents' next pages.
/// </summary>
public sealed class GeoOperationsTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    const string RegionalVersion = "2026-09-01-preview";

    string Replica(string rg, string registry, string name) => ArmPaths.Replication(fx.Subscription, rg, registry, name);

    [Fact]
    public async Task A_replica_region_refuses_a_new_replica_until_the_window_after_its_delete_has_passed()
    {
        // Off by default (recorded Azure traffic re-creates a replica right after its delete finished); on here.
        fx.Emulator.Settings.ReplicaRecreateDelay = TimeSpan.FromSeconds(5);
        try
        {
            await RefusesUntilTheWindowHasPassedAsync();
        }
        finally
        {
            fx.Emulator.Settings.ReplicaRecreateDelay = TimeSpan.Zero;
        }
    }

    async Task RefusesUntilTheWindowHasPassedAsync()
    {
        var (rg, registry) = await fx.RegistryAsync();
        await fx.ReplicaAsync(rg, registry, "japaneast");
        var delete = await fx.Arm.DeleteAsync(Replica(rg, registry, "japaneast"));
        Assert.Equal(HttpStatusCode.Accepted, delete.Status);

        var whileDeleting = await fx.Arm.PutAsync(Replica(rg, registry, "japaneast"), new { location = "japaneast" });
        Assert.Equal(HttpStatusCode.Conflict, whileDeleting.Status);
        Assert.Equal("ReplicationBeingDeleted", whileDeleting.ErrorCode);

        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(Replica(rg, registry, "japaneast"))).Status);
        var justDeleted = await fx.Arm.PutAsync(Replica(rg, registry, "japaneast"), new { location = "japaneast" });
        Assert.Equal(HttpStatusCode.Conflict, justDeleted.Status);
        Assert.Equal("ReplicationBeingDeleted", justDeleted.ErrorCode);
        Assert.True(int.Parse(justDeleted.Header("Retry-After")!) >= 1);
        // Another region is not affected.
        Assert.Equal(HttpStatusCode.Created, (await fx.Arm.PutAsync(Replica(rg, registry, "eastus"), new { location = "eastus" })).Status);

        fx.Clock.Advance(fx.Emulator.Settings.ReplicaRecreateDelay);
        Assert.Equal(HttpStatusCode.Created, (await fx.Arm.PutAsync(Replica(rg, registry, "japaneast"), new { location = "japaneast" })).Status);
    }

    [Fact]
    public async Task A_stalled_create_stays_Creating()
    {
        var (rg, registry) = await fx.RegistryAsync();
        fx.Emulator.Faults.Add(new FaultRule { Method = "PUT", Path = $"*/{registry}/replications/koreacentral", Action = FaultAction.StallOperation, Count = 1 });
        var put = await fx.Arm.PutAsync(Replica(rg, registry, "koreacentral"), new { location = "koreacentral" });
        Assert.Equal(HttpStatusCode.Created, put.Status);

        // Far past its provisioning delay (and within the token lifetime).
        fx.Clock.Advance(TimeSpan.FromMinutes(30));
        var replica = (await fx.Arm.GetAsync(Replica(rg, registry, "koreacentral"))).Body!["properties"]!;
        Assert.Equal("Creating", (string?)replica["provisioningState"]);
        Assert.Equal("Creating", (string?)(await fx.Arm.GetAsync(ArmPaths.Local(put.Header("Azure-AsyncOperation")!))).Body!["status"]);
    }

    [Fact]
    public async Task ListUsages_counts_the_bytes_the_registry_stores_once_per_manifest()
    {
        var (rg, registry) = await fx.RegistryAsync();
        var usages = ArmPaths.RegistryId(fx.Subscription, rg, registry) + $"/listUsages?api-version={ArmPaths.AcrVersion}";
        long Size(ArmResponse answer) =>
            (long)answer.Body!["value"]!.AsArray().Single(u => (string?)u!["name"] == "Size")!["currentValue"]!;
        Assert.Equal(0, Size(await fx.Arm.GetAsync(usages)));

        foreach (var tag in new[] { "web:1", "web:2" })
        {
            var import = await fx.Arm.PostAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry) + $"/importImage?api-version={ArmPaths.AcrVersion}",
                new { source = new { registryUri = "mcr.microsoft.com", sourceImage = "azuredocs/aci-helloworld:latest" }, targetTags = new[] { tag } });
            Assert.Equal(HttpStatusCode.Accepted, import.Status);
            fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        }
        var stored = Size(await fx.Arm.GetAsync(usages));
        Assert.True(stored > 0);
        // A second tag of the same image adds nothing: the manifest and its layers are stored once.
        var one = await fx.RegistryAsync();
        var onePath = ArmPaths.RegistryId(fx.Subscription, one.Rg, one.Registry);
        Assert.Equal(HttpStatusCode.Accepted, (await fx.Arm.PostAsync($"{onePath}/importImage?api-version={ArmPaths.AcrVersion}",
            new { source = new { registryUri = "mcr.microsoft.com", sourceImage = "azuredocs/aci-helloworld:latest" }, targetTags = new[] { "web:1" } })).Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal(stored, Size(await fx.Arm.GetAsync($"{onePath}/listUsages?api-version={ArmPaths.AcrVersion}")));
    }

    [Fact]
    public async Task Regional_endpoints_exist_from_their_preview_version_on_and_list_a_host_per_region()
    {
        var (rg, registry) = await fx.RegistryAsync();
        await fx.ReplicaAsync(rg, registry, "eastus");
        var path = ArmPaths.RegistryId(fx.Subscription, rg, registry);

        var old = await fx.Arm.PatchAsync($"{path}?api-version={ArmPaths.AcrVersion}", new { properties = new { regionalEndpoints = "Enabled", dataEndpointEnabled = true } });
        Assert.Equal(HttpStatusCode.OK, old.Status);
        Assert.Null(old.Body!["properties"]!["regionalEndpoints"]);
        var name = registry.ToLowerInvariant();
        Assert.Equal([$"{name}.westus.data.azurecr.io", $"{name}.eastus.data.azurecr.io"],
            old.Body!["properties"]!["dataEndpointHostNames"]!.AsArray().Select(h => (string)h!));

        var before = (await fx.Arm.GetAsync($"{path}?api-version={RegionalVersion}")).Body!["properties"]!;
        Assert.Equal("Disabled", (string?)before["regionalEndpoints"]);
        var enabled = await fx.Arm.PatchAsync($"{path}?api-version={RegionalVersion}", new { properties = new { regionalEndpoints = "Enabled" } });
        Assert.Equal([$"{name}.westus.geo.azurecr.io", $"{name}.eastus.geo.azurecr.io"],
            enabled.Body!["properties"]!["regionalEndpointHostNames"]!.AsArray().Select(h => (string)h!));
    }

    [Fact]
    public async Task Dedicated_endpoints_need_the_Premium_SKU()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Standard");
        var path = ArmPaths.RegistryId(fx.Subscription, rg, registry);
        var data = await fx.Arm.PatchAsync($"{path}?api-version={ArmPaths.AcrVersion}", new { properties = new { dataEndpointEnabled = true } });
        Assert.Equal(HttpStatusCode.BadRequest, data.Status);
        Assert.Equal("OperationNotAllowed", data.ErrorCode);
        var regional = await fx.Arm.PatchAsync($"{path}?api-version={RegionalVersion}", new { properties = new { regionalEndpoints = "Enabled" } });
        Assert.Equal("OperationNotAllowed", regional.ErrorCode);
        var bad = await fx.Arm.PatchAsync($"{path}?api-version={RegionalVersion}", new { properties = new { regionalEndpoints = "On" } });
        Assert.Equal("InvalidParameter", bad.ErrorCode);
    }

    [Fact]
    public async Task Webhook_events_page_with_GET_on_the_nextLink()
    {
        var (rg, registry) = await fx.RegistryAsync();
        var webhook = ArmPaths.Webhook(fx.Subscription, rg, registry, "pinged");
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PutAsync(webhook,
            new { location = "westus", properties = new { serviceUri = "https://example.com/hook", actions = new[] { "push" } } })).Status);
        var id = ArmPaths.RegistryId(fx.Subscription, rg, registry) + "/webhooks/pinged";
        var pageSize = fx.Emulator.Settings.PageSize;
        for (var i = 0; i <= pageSize; i++)
            Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PostAsync($"{id}/ping?api-version={ArmPaths.AcrVersion}")).Status);

        var first = await fx.Arm.PostAsync($"{id}/listEvents?api-version={ArmPaths.AcrVersion}");
        Assert.Equal(pageSize, first.Body!["value"]!.AsArray().Count);
        var next = await fx.Arm.GetAsync(ArmPaths.Local((string)first.Body["nextLink"]!));
        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.Single(next.Body!["value"]!.AsArray());
    }
}

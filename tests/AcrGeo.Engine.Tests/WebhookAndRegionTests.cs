using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Engine.Tests;

public sealed class WebhookAndRegionTests(EngineFixture fx) : IClassFixture<EngineFixture>
{
    async Task<AcrRegistry> ReplicatedAsync(params string[] locations)
    {
        var registry = await fx.NewRegistryAsync(location: "westus");
        var replicas = new ReplicaOperations(fx.Connection);
        await replicas.CreateAsync(await replicas.PlanAsync(registry, new ReplicaRequest { Locations = locations }, OperationContext.None),
            OperationContext.None);
        return registry;
    }

    [Fact]
    public async Task A_regional_webhook_needs_a_replica_in_its_region_checked_before_the_write()
    {
        var registry = await ReplicatedAsync("japaneast");
        var webhooks = new WebhookOperations(fx.Connection);
        fx.ClearLog();

        var error = await Assert.ThrowsAsync<AcrGeoException>(() => webhooks.CreateAsync(registry, new WebhookRequest
        {
            Name = "hookeast", ServiceUri = new Uri("https://example.invalid/hook"), Location = "eastus",
        }, OperationContext.None));
        Assert.Equal(ErrorIds.WebhookRegionNotReplicated, error.ErrorId);
        Assert.DoesNotContain(fx.ArmRequests, r => r.Method == "PUT");

        var hook = await webhooks.CreateAsync(registry, new WebhookRequest
        {
            Name = "hookjapan", ServiceUri = new Uri("https://example.invalid/hook?code=k3y"), Location = "Japan East", Actions = ["push", "delete"],
        }, OperationContext.None);
        Assert.True(hook.IsRegional);
        Assert.Equal("japaneast", hook.Location);
        Assert.Equal(["push", "delete"], hook.Actions);

        var home = await webhooks.CreateAsync(registry, new WebhookRequest { Name = "hookhome", ServiceUri = new Uri("https://example.invalid/h") },
            OperationContext.None);
        Assert.False(home.IsRegional);
        Assert.Equal(["hookhome", "hookjapan"], (await webhooks.ListAsync(registry, OperationContext.None)).Select(w => w.Name));

        await webhooks.RemoveAsync(registry, "hookjapan", OperationContext.None);
        Assert.Equal(ErrorIds.WebhookNotFound,
            (await Assert.ThrowsAsync<AcrGeoException>(() => webhooks.RemoveAsync(registry, "hookjapan", OperationContext.None))).ErrorId);
        Assert.Equal(["hookhome"], (await webhooks.ListAsync(registry, OperationContext.None)).Select(w => w.Name));
    }

    [Fact]
    public async Task The_region_map_tells_home_replica_available_and_unavailable_regions_apart()
    {
        var registry = await ReplicatedAsync("japaneast", "westeurope");
        var map = await new RegionOperations(fx.Connection).GetMapAsync(registry, OperationContext.None);

        Assert.Equal("westus", Assert.Single(map, r => r.State == RegionState.Home).Name);
        Assert.Equal(["japaneast", "westeurope"], map.Where(r => r.State == RegionState.Replica).Select(r => r.Name));
        Assert.Contains(map, r => r.State == RegionState.Available && r.Name == "eastus");
        Assert.Contains(map, r => r.State == RegionState.Unavailable && r.Name == "germanynorth");
        Assert.Equal(map.Select(r => r.State).OrderBy(s => s), map.Select(r => r.State));
        Assert.Equal("Succeeded", map.Single(r => r.Name == "japaneast").Replica!.ProvisioningState);
    }
}

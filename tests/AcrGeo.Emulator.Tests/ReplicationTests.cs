using System.Net;

namespace AcrGeo.Emulator.Tests;

public sealed class ReplicationTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    async Task<string> PremiumRegistryAsync(string location = "westus", string sku = "Premium")
    {
        var rg = "rg" + Guid.NewGuid().ToString("N")[..8];
        var name = "reg" + Guid.NewGuid().ToString("N")[..10];
        Assert.Equal(HttpStatusCode.Created, (await fx.Arm.PutAsync(ArmPaths.Group(fx.Subscription, rg), new { location })).Status);
        var created = await fx.Arm.PutAsync(ArmPaths.Registry(fx.Subscription, rg, name), new { location, sku = new { name = sku } });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        return $"{rg}/{name}";
    }

    static (string Rg, string Registry) Split(string both) => (both.Split('/')[0], both.Split('/')[1]);

    [Fact]
    public async Task Replica_is_created_as_a_long_running_operation_then_syncs_then_is_ready()
    {
        var (rg, registry) = Split(await PremiumRegistryAsync());
        var put = await fx.Arm.PutAsync(ArmPaths.Replication(fx.Subscription, rg, registry, "japaneast"), new { location = "japaneast" });

        Assert.Equal(HttpStatusCode.Created, put.Status);
        Assert.Equal("Creating", (string?)put.Body!["properties"]!["provisioningState"]);
        var poll = put.Header("Azure-AsyncOperation")!;
        Assert.Contains("/replications/japaneast/operationStatuses/replications-", poll);
        Assert.Equal("InProgress", (string?)(await fx.Arm.GetAsync(ArmPaths.Local(poll))).Body!["status"]);

        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal("Succeeded", (string?)(await fx.Arm.GetAsync(ArmPaths.Local(poll))).Body!["status"]);
        var replica = (await fx.Arm.GetAsync(ArmPaths.Replication(fx.Subscription, rg, registry, "japaneast"))).Body!;
        Assert.Equal("Succeeded", (string?)replica["properties"]!["provisioningState"]);
        Assert.Equal("Syncing", (string?)replica["properties"]!["status"]!["displayStatus"]);

        fx.Clock.Advance(EmulatorFixture.SyncDelay);
        replica = (await fx.Arm.GetAsync(ArmPaths.Replication(fx.Subscription, rg, registry, "japaneast"))).Body!;
        Assert.Equal("Ready", (string?)replica["properties"]!["status"]!["displayStatus"]);
    }

    [Fact]
    public async Task Home_replica_is_listed_and_cannot_be_deleted()
    {
        var (rg, registry) = Split(await PremiumRegistryAsync("westus"));
        var list = await fx.Arm.GetAsync(ArmPaths.Replications(fx.Subscription, rg, registry));
        var home = Assert.Single(list.Body!["value"]!.AsArray());
        Assert.Equal("westus", (string?)home!["name"]);
        Assert.Equal("Ready", (string?)home["properties"]!["status"]!["displayStatus"]);

        var delete = await fx.Arm.DeleteAsync(ArmPaths.Replication(fx.Subscription, rg, registry, "westus"));
        Assert.Equal(HttpStatusCode.BadRequest, delete.Status);
        Assert.Equal("HomeReplicationCannotBeDeleted", delete.ErrorCode);
    }

    [Theory]
    [InlineData("Basic")]
    [InlineData("Standard")]
    public async Task Replica_on_a_registry_below_Premium_is_refused(string sku)
    {
        var (rg, registry) = Split(await PremiumRegistryAsync(sku: sku));
        var put = await fx.Arm.PutAsync(ArmPaths.Replication(fx.Subscription, rg, registry, "japaneast"), new { location = "japaneast" });
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("OperationNotAllowed", put.ErrorCode);
        Assert.Contains("Premium", put.ErrorMessage);
    }
}

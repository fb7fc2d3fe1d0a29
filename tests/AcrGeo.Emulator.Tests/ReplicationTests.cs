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
        Assert.Equal("Creating", (string?)(await fx.Arm.GetAsync(ArmPaths.Local(poll))).Body!["status"]);

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
    string ReplicaPath(string rg, string registry, string name) => ArmPaths.Replication(fx.Subscription, rg, registry, name);

    [Theory]
    [InlineData("moon")]
    [InlineData("germanynorth")]
    public async Task Replica_in_a_region_without_Container_Registry_is_LocationNotAvailableForResourceType(string location)
    {
        var (rg, registry) = Split(await PremiumRegistryAsync());
        var put = await fx.Arm.PutAsync(ReplicaPath(rg, registry, location + "x"), new { location });
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("LocationNotAvailableForResourceType", put.ErrorCode);
        Assert.Contains("japaneast", put.ErrorMessage);
        Assert.DoesNotContain("germanynorth,", put.ErrorMessage);
    }

    [Theory]
    [InlineData("jpne")]
    [InlineData("japan-east")]
    [InlineData("japan_east")]
    public async Task Replica_with_an_invalid_name_is_refused(string name)
    {
        var (rg, registry) = Split(await PremiumRegistryAsync());
        var put = await fx.Arm.PutAsync(ReplicaPath(rg, registry, name), new { location = "japaneast" });
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("InvalidResourceName", put.ErrorCode);
    }

    [Fact]
    public async Task Putting_an_existing_replica_again_is_200_and_makes_no_second_replica()
    {
        var (rg, registry) = Split(await PremiumRegistryAsync());
        Assert.Equal(HttpStatusCode.Created, (await fx.Arm.PutAsync(ReplicaPath(rg, registry, "japaneast"), new { location = "japaneast" })).Status);
        var first = (await fx.Arm.GetAsync(ReplicaPath(rg, registry, "japaneast"))).Body!;

        var again = await fx.Arm.PutAsync(ReplicaPath(rg, registry, "japaneast"), new { location = "japaneast" });
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.NotNull(again.Header("Azure-AsyncOperation"));
        Assert.Equal((string?)first["id"], (string?)again.Body!["id"]);
        Assert.Equal((string?)first["systemData"]!["createdAt"], (string?)again.Body["systemData"]!["createdAt"]);

        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal("Succeeded", (string?)(await fx.Arm.GetAsync(ArmPaths.Local(again.Header("Azure-AsyncOperation")!))).Body!["status"]);
        var list = (await fx.Arm.GetAsync(ArmPaths.Replications(fx.Subscription, rg, registry))).Body!["value"]!.AsArray();
        Assert.Equal(["japaneast", "westus"], list.Select(r => (string)r!["name"]!).Order());
    }

    [Fact]
    public async Task Second_replica_in_the_same_region_under_another_name_is_409()
    {
        var (rg, registry) = Split(await PremiumRegistryAsync());
        await fx.ReplicaAsync(rg, registry, "japaneast");

        var twin = await fx.Arm.PutAsync(ReplicaPath(rg, registry, "japaneast2nd"), new { location = "japaneast" });
        Assert.Equal(HttpStatusCode.Conflict, twin.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(ReplicaPath(rg, registry, "japaneast2nd"))).Status);

        var home = await fx.Arm.PutAsync(ReplicaPath(rg, registry, "westushome"), new { location = "westus" });
        Assert.Equal(HttpStatusCode.Conflict, home.Status);
    }

    [Fact]
    public async Task Replica_named_after_the_home_region_cannot_be_placed_elsewhere()
    {
        var (rg, registry) = Split(await PremiumRegistryAsync("westus"));

        var put = await fx.Arm.PutAsync(ReplicaPath(rg, registry, "westus"), new { location = "japaneast" });

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("InvalidResourceLocation", put.ErrorCode);
        var list = (await fx.Arm.GetAsync(ArmPaths.Replications(fx.Subscription, rg, registry))).Body!["value"]!.AsArray();
        Assert.Equal("westus", (string?)Assert.Single(list)!["location"]);
    }

    [Fact]
    public async Task Putting_the_home_replica_is_accepted_as_it_is()
    {
        var (rg, registry) = Split(await PremiumRegistryAsync("westus"));
        var put = await fx.Arm.PutAsync(ReplicaPath(rg, registry, "westus"), new { location = "westus" });
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Single((await fx.Arm.GetAsync(ArmPaths.Replications(fx.Subscription, rg, registry))).Body!["value"]!.AsArray());
    }

    [Fact]
    public async Task Patch_changes_tags_and_regionEndpointEnabled_as_a_long_running_update()
    {
        var (rg, registry) = Split(await PremiumRegistryAsync());
        await fx.ReplicaAsync(rg, registry, "japaneast");

        var patch = await fx.Arm.PatchAsync(ReplicaPath(rg, registry, "japaneast"),
            new { tags = new { tier = "edge" }, properties = new { regionEndpointEnabled = false } });

        Assert.Equal(HttpStatusCode.Created, patch.Status);
        Assert.Equal("Updating", (string?)patch.Body!["properties"]!["provisioningState"]);
        var poll = ArmPaths.Local(patch.Header("Azure-AsyncOperation")!);
        Assert.Equal("Updating", (string?)(await fx.Arm.GetAsync(poll)).Body!["status"]);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal("Succeeded", (string?)(await fx.Arm.GetAsync(poll)).Body!["status"]);
        var replica = (await fx.Arm.GetAsync(ReplicaPath(rg, registry, "japaneast"))).Body!;
        Assert.Equal("edge", (string?)replica["tags"]!["tier"]);
        Assert.False((bool)replica["properties"]!["regionEndpointEnabled"]!);
        Assert.Equal("japaneast", (string?)replica["location"]);
    }

    [Theory]
    [InlineData("{\"location\":\"koreacentral\"}", "location")]
    [InlineData("{\"properties\":{\"zoneRedundancy\":\"Enabled\"}}", "properties.zoneRedundancy")]
    [InlineData("{\"tags\":{\"a\":\"b\"},\"properties\":{\"regionEndpointEnabled\":false,\"provisioningState\":\"Failed\"}}", "properties.provisioningState")]
    public async Task Patch_of_anything_but_tags_and_regionEndpointEnabled_is_refused(string body, string field)
    {
        var (rg, registry) = Split(await PremiumRegistryAsync());
        await fx.ReplicaAsync(rg, registry, "japaneast");

        var patch = await fx.Arm.SendAsync(HttpMethod.Patch, ReplicaPath(rg, registry, "japaneast"), body);

        Assert.Equal(HttpStatusCode.BadRequest, patch.Status);
        Assert.Contains(field, patch.ErrorMessage);
        var replica = (await fx.Arm.GetAsync(ReplicaPath(rg, registry, "japaneast"))).Body!;
        Assert.Equal("japaneast", (string?)replica["location"]);
        Assert.Equal("Disabled", (string?)replica["properties"]!["zoneRedundancy"]);
        Assert.True((bool)replica["properties"]!["regionEndpointEnabled"]!);
        Assert.Empty(replica["tags"]!.AsObject());
    }

    [Fact]
    public async Task Zone_redundancy_cannot_be_changed_by_a_new_PUT()
    {
        var (rg, registry) = Split(await PremiumRegistryAsync());
        await fx.ReplicaAsync(rg, registry, "japaneast");

        var put = await fx.Arm.PutAsync(ReplicaPath(rg, registry, "japaneast"),
            new { location = "japaneast", properties = new { zoneRedundancy = "Enabled" } });

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("ZoneRedundancyCannotBeUpdated", put.ErrorCode);
        Assert.Equal("Disabled", (string?)(await fx.Arm.GetAsync(ReplicaPath(rg, registry, "japaneast"))).Body!["properties"]!["zoneRedundancy"]);
    }

    [Fact]
    public async Task Delete_is_202_with_a_subscription_scoped_Location_that_reports_202_until_done_then_200()
    {
        var (rg, registry) = Split(await PremiumRegistryAsync());
        await fx.ReplicaAsync(rg, registry, "japaneast");

        var delete = await fx.Arm.DeleteAsync(ReplicaPath(rg, registry, "japaneast"));

        Assert.Equal(HttpStatusCode.Accepted, delete.Status);
        var poll = ArmPaths.Local(delete.Header("Location")!);
        Assert.StartsWith(
            $"/subscriptions/{fx.Subscription}/providers/Microsoft.ContainerRegistry/locations/japaneast/operationResults/replications-", poll);
        Assert.Contains("api-version=" + ArmPaths.AcrVersion, poll);
        var pending = await fx.Arm.GetAsync(poll);
        Assert.Equal(HttpStatusCode.Accepted, pending.Status);
        Assert.NotNull(pending.Header("Location"));
        var deleting = (await fx.Arm.GetAsync(ReplicaPath(rg, registry, "japaneast"))).Body!;
        Assert.Equal("Deleting", (string?)deleting["properties"]!["provisioningState"]);

        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        var done = await fx.Arm.GetAsync(poll);
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Null(done.Body);
        var gone = await fx.Arm.GetAsync(ReplicaPath(rg, registry, "japaneast"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("ResourceNotFound", gone.ErrorCode);
        Assert.Single((await fx.Arm.GetAsync(ArmPaths.Replications(fx.Subscription, rg, registry))).Body!["value"]!.AsArray());
    }

    [Fact]
    public async Task Deleting_a_missing_replica_is_204()
    {
        var (rg, registry) = Split(await PremiumRegistryAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.DeleteAsync(ReplicaPath(rg, registry, "koreacentral"))).Status);
    }

    [Fact]
    public async Task List_pages_with_nextLink_and_returns_every_replica_exactly_once()
    {
        var (rg, registry) = Split(await PremiumRegistryAsync());
        string[] regions = ["japaneast", "koreacentral", "northeurope", "australiaeast", "brazilsouth"];
        foreach (var region in regions)
            Assert.Equal(HttpStatusCode.Created, (await fx.Arm.PutAsync(ReplicaPath(rg, registry, region), new { location = region })).Status);

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PatchAsync("/_emulator/settings", new { pageSize = 2 })).Status);
        try
        {
            var first = await fx.Arm.GetAsync(ArmPaths.Replications(fx.Subscription, rg, registry));
            Assert.Equal(2, first.Body!["value"]!.AsArray().Count);
            Assert.StartsWith(fx.Emulator.BaseUri.GetLeftPart(UriPartial.Authority), (string?)first.Body["nextLink"]);

            var pages = 0;
            var names = new List<string>();
            for (var next = ArmPaths.Replications(fx.Subscription, rg, registry); next is not null; pages++)
            {
                var page = await fx.Arm.GetAsync(next);
                Assert.Equal(HttpStatusCode.OK, page.Status);
                Assert.InRange(page.Body!["value"]!.AsArray().Count, 1, 2);
                names.AddRange(page.Body["value"]!.AsArray().Select(r => (string)r!["name"]!));
                next = page.Body["nextLink"] is { } link ? ArmPaths.Local((string)link!) : null;
            }

            Assert.Equal(3, pages);
            Assert.Equal(regions.Append("westus").Order(), names.Order());
        }
        finally
        {
            await fx.Arm.PatchAsync("/_emulator/settings", new { pageSize = 20 });
        }
    }
}

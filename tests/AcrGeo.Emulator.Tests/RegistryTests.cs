using System.Net;

namespace AcrGeo.Emulator.Tests;

public sealed class RegistryTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    string CheckName => $"/subscriptions/{fx.Subscription}/providers/Microsoft.ContainerRegistry/checkNameAvailability?api-version={ArmPaths.AcrVersion}";

    Task<ArmResponse> PutRegistryAsync(string rg, string name, object? body = null) =>
        fx.Arm.PutAsync(ArmPaths.Registry(fx.Subscription, rg, name), body ?? new { location = "westus", sku = new { name = "Basic" } });

    [Fact]
    public async Task Registry_is_created_as_a_long_running_operation_with_a_lowercase_login_server()
    {
        var rg = await fx.GroupAsync();
        var name = "MyRegistry" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        var put = await PutRegistryAsync(rg, name, new { location = "West US", sku = new { name = "Standard" }, tags = new { team = "platform" } });

        Assert.Equal(HttpStatusCode.Created, put.Status);
        Assert.Equal("Creating", (string?)put.Body!["properties"]!["provisioningState"]);
        Assert.Equal($"{name.ToLowerInvariant()}.azurecr.io", (string?)put.Body["properties"]!["loginServer"]);
        Assert.Equal(ArmPaths.RegistryId(fx.Subscription, rg, name), (string?)put.Body["id"]);
        Assert.Equal("westus", (string?)put.Body["location"]);
        Assert.Equal("Standard", (string?)put.Body["sku"]!["name"]);
        Assert.Equal("platform", (string?)put.Body["tags"]!["team"]);
        var poll = put.Header("Azure-AsyncOperation")!;
        Assert.Contains("/registries/" + name + "/operationStatuses/registries-", poll);
        Assert.Equal("Creating", (string?)(await fx.Arm.GetAsync(ArmPaths.Local(poll))).Body!["status"]);

        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal("Succeeded", (string?)(await fx.Arm.GetAsync(ArmPaths.Local(poll))).Body!["status"]);
        var get = await fx.Arm.GetAsync(ArmPaths.Registry(fx.Subscription, rg, name));
        Assert.Equal("Succeeded", (string?)get.Body!["properties"]!["provisioningState"]);
        Assert.False((bool)get.Body["properties"]!["adminUserEnabled"]!);
    }

    [Theory]
    [InlineData("abcd")]
    [InlineData("my-registry")]
    [InlineData("my_registry")]
    public async Task Registry_with_an_invalid_name_is_refused(string name)
    {
        var put = await PutRegistryAsync(await fx.GroupAsync(), name);
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("InvalidResourceName", put.ErrorCode);
    }

    [Fact]
    public async Task Registry_name_of_51_characters_is_refused_and_5_and_50_are_accepted()
    {
        var rg = await fx.GroupAsync();
        var tooLong = await PutRegistryAsync(rg, "r" + new string('x', 40) + Guid.NewGuid().ToString("N")[..10]);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal("InvalidResourceName", tooLong.ErrorCode);

        Assert.Equal(HttpStatusCode.Created, (await PutRegistryAsync(rg, "r" + new string('y', 39) + Guid.NewGuid().ToString("N")[..10])).Status);
        Assert.Equal(HttpStatusCode.Created, (await PutRegistryAsync(rg, "r" + Guid.NewGuid().ToString("N")[..4])).Status);
    }

    [Fact]
    public async Task Registry_names_are_globally_unique_across_resource_groups()
    {
        var (rg, name) = await fx.RegistryAsync(sku: "Basic");
        var otherGroup = await fx.GroupAsync();

        var taken = await PutRegistryAsync(otherGroup, name.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Equal("AlreadyInUse", taken.ErrorCode);
        Assert.Contains($"{name}.azurecr.io", taken.ErrorMessage);

        // The same name in its own group is an update, not a conflict.
        Assert.Equal(HttpStatusCode.OK, (await PutRegistryAsync(rg, name)).Status);
    }

    [Fact]
    public async Task Check_name_availability_reports_free_taken_and_invalid_names()
    {
        var free = await fx.Arm.PostAsync(CheckName, new { name = Arrange.NewName(), type = "Microsoft.ContainerRegistry/registries" });
        Assert.Equal(HttpStatusCode.OK, free.Status);
        Assert.True((bool)free.Body!["nameAvailable"]!);

        var (_, name) = await fx.RegistryAsync(sku: "Basic");
        var taken = await fx.Arm.PostAsync(CheckName, new { name, type = "Microsoft.ContainerRegistry/registries" });
        Assert.False((bool)taken.Body!["nameAvailable"]!);
        Assert.Equal("AlreadyExists", (string?)taken.Body["reason"]);

        var invalid = await fx.Arm.PostAsync(CheckName, new { name = "no-hyphens", type = "Microsoft.ContainerRegistry/registries" });
        Assert.False((bool)invalid.Body!["nameAvailable"]!);
        Assert.Equal("Invalid", (string?)invalid.Body["reason"]);
    }

    [Theory]
    [InlineData("Classic")]
    [InlineData("Gold")]
    public async Task Registry_with_an_invalid_sku_is_refused(string sku)
    {
        var put = await PutRegistryAsync(await fx.GroupAsync(), Arrange.NewName(), new { location = "westus", sku = new { name = sku } });
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("InvalidSku", put.ErrorCode);
    }

    [Fact]
    public async Task Registry_without_a_sku_is_refused()
    {
        var put = await PutRegistryAsync(await fx.GroupAsync(), Arrange.NewName(), new { location = "westus" });
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("InvalidSku", put.ErrorCode);
    }

    [Theory]
    [InlineData("Basic")]
    [InlineData("Standard")]
    [InlineData("Premium")]
    public async Task Each_sku_is_accepted_and_reported(string sku)
    {
        var (rg, name) = await fx.RegistryAsync(sku: sku);
        var get = await fx.Arm.GetAsync(ArmPaths.Registry(fx.Subscription, rg, name));
        Assert.Equal(sku, (string?)get.Body!["sku"]!["name"]);
        Assert.Equal(sku, (string?)get.Body["sku"]!["tier"]);
    }

    [Theory]
    [InlineData("moon")]
    [InlineData("germanynorth")]
    public async Task Registry_in_a_region_without_Container_Registry_is_refused(string location)
    {
        var put = await PutRegistryAsync(await fx.GroupAsync(), Arrange.NewName(), new { location, sku = new { name = "Basic" } });
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("LocationNotAvailableForResourceType", put.ErrorCode);
    }

    [Fact]
    public async Task Admin_credentials_are_listed_only_when_the_admin_user_is_enabled()
    {
        var (rg, name) = await fx.RegistryAsync(sku: "Basic");
        var listCredentials = $"{ArmPaths.RegistryId(fx.Subscription, rg, name)}/listCredentials?api-version={ArmPaths.AcrVersion}";

        var refused = await fx.Arm.PostAsync(listCredentials);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("AdminUserDisabled", refused.ErrorCode);

        var patched = await fx.Arm.PatchAsync(ArmPaths.Registry(fx.Subscription, rg, name), new { properties = new { adminUserEnabled = true } });
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.True((bool)patched.Body!["properties"]!["adminUserEnabled"]!);

        var credentials = await fx.Arm.PostAsync(listCredentials);
        Assert.Equal(HttpStatusCode.OK, credentials.Status);
        Assert.Equal(name, (string?)credentials.Body!["username"]);
        var passwords = credentials.Body["passwords"]!.AsArray();
        Assert.Equal(["password", "password2"], passwords.Select(p => (string)p!["name"]!));
        Assert.All(passwords, p => Assert.True(((string)p!["value"]!).Length >= 32));
        Assert.NotEqual((string?)passwords[0]!["value"], (string?)passwords[1]!["value"]);
        // Passwords never appear on the resource itself.
        Assert.DoesNotContain((string)passwords[0]!["value"]!, (await fx.Arm.GetAsync(ArmPaths.Registry(fx.Subscription, rg, name))).Text);

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PatchAsync(ArmPaths.Registry(fx.Subscription, rg, name),
            new { properties = new { adminUserEnabled = false } })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await fx.Arm.PostAsync(listCredentials)).Status);
    }

    [Fact]
    public async Task Patch_changes_sku_and_tags_and_keeps_the_rest()
    {
        var (rg, name) = await fx.RegistryAsync(sku: "Basic");
        var before = (await fx.Arm.GetAsync(ArmPaths.Registry(fx.Subscription, rg, name))).Body!;

        var patched = await fx.Arm.PatchAsync(ArmPaths.Registry(fx.Subscription, rg, name),
            new { sku = new { name = "Premium" }, tags = new { cost = "center1" } });

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        var after = (await fx.Arm.GetAsync(ArmPaths.Registry(fx.Subscription, rg, name))).Body!;
        Assert.Equal("Premium", (string?)after["sku"]!["name"]);
        Assert.Equal("center1", (string?)after["tags"]!["cost"]);
        Assert.Equal((string?)before["id"], (string?)after["id"]);
        Assert.Equal((string?)before["properties"]!["loginServer"], (string?)after["properties"]!["loginServer"]);
        Assert.Equal((string?)before["properties"]!["creationDate"], (string?)after["properties"]!["creationDate"]);
    }

    [Fact]
    public async Task Patch_of_a_missing_registry_is_404()
    {
        var rg = await fx.GroupAsync();
        var patch = await fx.Arm.PatchAsync(ArmPaths.Registry(fx.Subscription, rg, Arrange.NewName()), new { tags = new { a = "b" } });
        Assert.Equal(HttpStatusCode.NotFound, patch.Status);
        Assert.Equal("ResourceNotFound", patch.ErrorCode);
    }

    [Fact]
    public async Task Registry_zone_redundancy_cannot_be_changed()
    {
        var (rg, name) = await fx.RegistryAsync();
        var patch = await fx.Arm.PatchAsync(ArmPaths.Registry(fx.Subscription, rg, name), new { properties = new { zoneRedundancy = "Enabled" } });
        Assert.Equal(HttpStatusCode.BadRequest, patch.Status);
        Assert.Equal("ZoneRedundancyCannotBeUpdated", patch.ErrorCode);
        Assert.Equal("Disabled", (string?)(await fx.Arm.GetAsync(ArmPaths.Registry(fx.Subscription, rg, name))).Body!["properties"]!["zoneRedundancy"]);
    }

    [Fact]
    public async Task Downgrade_below_Premium_is_refused_while_replicas_exist_and_allowed_once_they_are_deleted()
    {
        var (rg, name) = await fx.RegistryAsync();
        await fx.ReplicaAsync(rg, name, "japaneast");

        var patch = await fx.Arm.PatchAsync(ArmPaths.Registry(fx.Subscription, rg, name), new { sku = new { name = "Standard" } });
        Assert.Equal(HttpStatusCode.BadRequest, patch.Status);
        Assert.Equal("OperationNotAllowed", patch.ErrorCode);
        var put = await PutRegistryAsync(rg, name, new { location = "westus", sku = new { name = "Basic" } });
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("OperationNotAllowed", put.ErrorCode);
        Assert.Equal("Premium", (string?)(await fx.Arm.GetAsync(ArmPaths.Registry(fx.Subscription, rg, name))).Body!["sku"]!["name"]);

        Assert.Equal(HttpStatusCode.Accepted, (await fx.Arm.DeleteAsync(ArmPaths.Replication(fx.Subscription, rg, name, "japaneast"))).Status);
        // Still being deleted: the replica still counts.
        Assert.Equal(HttpStatusCode.BadRequest,
            (await fx.Arm.PatchAsync(ArmPaths.Registry(fx.Subscription, rg, name), new { sku = new { name = "Standard" } })).Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);

        var downgraded = await fx.Arm.PatchAsync(ArmPaths.Registry(fx.Subscription, rg, name), new { sku = new { name = "Standard" } });
        Assert.Equal(HttpStatusCode.OK, downgraded.Status);
        Assert.Equal("Standard", (string?)downgraded.Body!["sku"]!["name"]);
    }

    [Fact]
    public async Task Registries_are_listed_per_resource_group_and_per_subscription()
    {
        var (rg, first) = await fx.RegistryAsync(sku: "Basic");
        var second = Arrange.NewName();
        Assert.Equal(HttpStatusCode.Created, (await PutRegistryAsync(rg, second)).Status);
        var (_, elsewhere) = await fx.RegistryAsync(sku: "Basic");

        var inGroup = await fx.ListAllAsync($"/subscriptions/{fx.Subscription}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries?api-version={ArmPaths.AcrVersion}");
        Assert.Equal(new[] { first, second }.Order(StringComparer.OrdinalIgnoreCase), inGroup.Select(r => (string)r["name"]!));

        var inSubscription = await fx.ListAllAsync(
            $"/subscriptions/{fx.Subscription}/providers/Microsoft.ContainerRegistry/registries?api-version={ArmPaths.AcrVersion}");
        var names = inSubscription.Select(r => (string)r["name"]!).ToList();
        Assert.Contains(first, names);
        Assert.Contains(second, names);
        Assert.Contains(elsewhere, names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public async Task Deleting_a_registry_removes_it_with_its_replicas_and_webhooks()
    {
        var (rg, name) = await fx.RegistryAsync();
        await fx.ReplicaAsync(rg, name, "japaneast");
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PutAsync(ArmPaths.Webhook(fx.Subscription, rg, name, "hook1"),
            new { location = "japaneast", properties = new { serviceUri = "http://127.0.0.1:9/hook", actions = new[] { "push" } } })).Status);

        var delete = await fx.Arm.DeleteAsync(ArmPaths.Registry(fx.Subscription, rg, name));
        Assert.Equal(HttpStatusCode.Accepted, delete.Status);
        // ACR answers with the registry, Deleting, beside the Location to poll.
        Assert.Equal("Deleting", (string?)delete.Body!["properties"]!["provisioningState"]);
        var poll = ArmPaths.Local(delete.Header("Location")!);
        Assert.StartsWith($"/subscriptions/{fx.Subscription}/providers/Microsoft.ContainerRegistry/locations/westus/operationResults/registries-", poll);
        Assert.Equal(HttpStatusCode.Accepted, (await fx.Arm.GetAsync(poll)).Status);
        Assert.Equal("Deleting", (string?)(await fx.Arm.GetAsync(ArmPaths.Registry(fx.Subscription, rg, name))).Body!["properties"]!["provisioningState"]);

        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(poll)).Status);
        var gone = await fx.Arm.GetAsync(ArmPaths.Registry(fx.Subscription, rg, name));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("ResourceNotFound", gone.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(ArmPaths.Replication(fx.Subscription, rg, name, "japaneast"))).Status);

        // Re-created under the same name, the registry has neither the old replica nor the old webhook.
        Assert.Equal(HttpStatusCode.Created, (await PutRegistryAsync(rg, name, new { location = "westus", sku = new { name = "Premium" } })).Status);
        var replicas = (await fx.Arm.GetAsync(ArmPaths.Replications(fx.Subscription, rg, name))).Body!["value"]!.AsArray();
        Assert.Equal("westus", (string?)Assert.Single(replicas)!["name"]);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(ArmPaths.Webhook(fx.Subscription, rg, name, "hook1"))).Status);
        var webhooks = await fx.Arm.GetAsync($"{ArmPaths.RegistryId(fx.Subscription, rg, name)}/webhooks?api-version={ArmPaths.AcrVersion}");
        Assert.Empty(webhooks.Body!["value"]!.AsArray());
    }

    [Fact]
    public async Task Deleting_a_missing_registry_is_204()
    {
        var delete = await fx.Arm.DeleteAsync(ArmPaths.Registry(fx.Subscription, await fx.GroupAsync(), Arrange.NewName()));
        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
    }
}

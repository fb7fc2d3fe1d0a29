using System.Net;
using AcrGeo.Emulator.Arm;

namespace AcrGeo.Emulator.Tests;

public sealed class ArmCoreTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    const string SubscriptionsVersion = "2022-12-01";

    string RegistriesFilter(string filter) =>
        $"/subscriptions/{fx.Subscription}/resources?$filter={Uri.EscapeDataString(filter)}&api-version={ArmPaths.ResourcesVersion}";

    // Subscriptions, locations, providers

    [Fact]
    public async Task Subscription_list_holds_the_emulator_subscription_and_tenant()
    {
        var list = await fx.Arm.GetAsync($"/subscriptions?api-version={SubscriptionsVersion}");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        var subscription = Assert.Single(list.Body!["value"]!.AsArray())!;
        Assert.Equal(fx.Subscription, (string?)subscription["subscriptionId"]);
        Assert.Equal(fx.Emulator.Identity.TenantId, (string?)subscription["tenantId"]);
        Assert.Equal("Enabled", (string?)subscription["state"]);

        var one = await fx.Arm.GetAsync($"/subscriptions/{fx.Subscription}?api-version={SubscriptionsVersion}");
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal($"/subscriptions/{fx.Subscription}", (string?)one.Body!["id"]);
    }

    [Fact]
    public async Task Unknown_subscription_is_404_SubscriptionNotFound()
    {
        var other = Guid.NewGuid();
        var get = await fx.Arm.GetAsync($"/subscriptions/{other}?api-version={SubscriptionsVersion}");
        Assert.Equal(HttpStatusCode.NotFound, get.Status);
        Assert.Equal("SubscriptionNotFound", get.ErrorCode);

        var group = await fx.Arm.PutAsync(ArmPaths.Group(other.ToString(), "rgother"), new { location = "westus" });
        Assert.Equal(HttpStatusCode.NotFound, group.Status);
        Assert.Equal("SubscriptionNotFound", group.ErrorCode);
    }

    [Fact]
    public async Task Locations_list_every_public_region_including_those_without_Container_Registry()
    {
        var list = await fx.Arm.GetAsync($"/subscriptions/{fx.Subscription}/locations?api-version={SubscriptionsVersion}");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        var names = list.Body!["value"]!.AsArray().Select(l => (string)l!["name"]!).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(Regions.All.Select(r => r.Name).Order(), names.Order());
        Assert.True(names.Count >= 50, $"only {names.Count} regions");
        Assert.Contains("japaneast", names);
        Assert.Contains("germanynorth", names);
        var japan = list.Body["value"]!.AsArray().Single(l => (string?)l!["name"] == "japaneast")!;
        Assert.Equal("Japan East", (string?)japan["displayName"]);
        Assert.NotNull((string?)japan["metadata"]!["latitude"]);
    }

    [Fact]
    public async Task Container_Registry_provider_offers_some_regions_and_not_others()
    {
        var provider = await fx.Arm.GetAsync(
            $"/subscriptions/{fx.Subscription}/providers/Microsoft.ContainerRegistry?api-version={ArmPaths.ResourcesVersion}");

        Assert.Equal(HttpStatusCode.OK, provider.Status);
        Assert.Equal("Registered", (string?)provider.Body!["registrationState"]);
        foreach (var type in new[] { "registries", "registries/replications", "registries/webhooks" })
        {
            var entry = provider.Body["resourceTypes"]!.AsArray().Single(t => (string?)t!["resourceType"] == type)!;
            var locations = entry["locations"]!.AsArray().Select(l => (string)l!).ToList();
            Assert.Contains("Japan East", locations);
            Assert.Contains("West US", locations);
            Assert.DoesNotContain("Germany North", locations);
            Assert.InRange(locations.Count, 30, Regions.All.Count - 1);
            Assert.Contains("2025-11-01", entry["apiVersions"]!.AsArray().Select(v => (string?)v));
        }
    }

    [Fact]
    public async Task Unknown_provider_namespace_is_InvalidResourceNamespace()
    {
        var provider = await fx.Arm.GetAsync(
            $"/subscriptions/{fx.Subscription}/providers/Microsoft.Nonexistent?api-version={ArmPaths.ResourcesVersion}");
        Assert.Equal(HttpStatusCode.NotFound, provider.Status);
        Assert.Equal("InvalidResourceNamespace", provider.ErrorCode);
    }

    // Resource groups

    [Fact]
    public async Task Creating_a_resource_group_is_201_and_putting_it_again_is_200()
    {
        var rg = Arrange.NewName("rg");
        var created = await fx.Arm.PutAsync(ArmPaths.Group(fx.Subscription, rg), new { location = "Japan East", tags = new { env = "test" } });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("japaneast", (string?)created.Body!["location"]);
        Assert.Equal($"/subscriptions/{fx.Subscription}/resourceGroups/{rg}", (string?)created.Body["id"]);
        Assert.Equal("Succeeded", (string?)created.Body["properties"]!["provisioningState"]);

        var again = await fx.Arm.PutAsync(ArmPaths.Group(fx.Subscription, rg), new { location = "japaneast", tags = new { env = "prod" } });
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("prod", (string?)again.Body!["tags"]!["env"]);

        var list = await fx.ListAllAsync($"/subscriptions/{fx.Subscription}/resourcegroups?api-version={ArmPaths.ResourcesVersion}");
        Assert.Single(list, g => (string?)g["name"] == rg);
    }

    [Fact]
    public async Task Resource_group_location_cannot_change()
    {
        var rg = await fx.GroupAsync("westus");
        var moved = await fx.Arm.PutAsync(ArmPaths.Group(fx.Subscription, rg), new { location = "eastus" });

        Assert.Equal(HttpStatusCode.Conflict, moved.Status);
        Assert.Equal("InvalidResourceGroupLocation", moved.ErrorCode);
        Assert.Equal("westus", (string?)(await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg))).Body!["location"]);
    }

    [Fact]
    public async Task Resource_group_in_an_unknown_location_is_refused()
    {
        var put = await fx.Arm.PutAsync(ArmPaths.Group(fx.Subscription, Arrange.NewName("rg")), new { location = "moon" });
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("LocationNotAvailableForResourceGroup", put.ErrorCode);
    }

    [Theory]
    [InlineData("rg.")]
    [InlineData("rg!bang")]
    public async Task Resource_group_with_an_invalid_name_is_refused(string name)
    {
        var put = await fx.Arm.PutAsync(ArmPaths.Group(fx.Subscription, name), new { location = "westus" });
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("InvalidResourceGroup", put.ErrorCode);
    }

    [Fact]
    public async Task HEAD_tells_whether_a_resource_group_exists()
    {
        var rg = Arrange.NewName("rg");
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.SendAsync(HttpMethod.Head, ArmPaths.Group(fx.Subscription, rg))).Status);
        await fx.Arm.PutAsync(ArmPaths.Group(fx.Subscription, rg), new { location = "westus" });
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.SendAsync(HttpMethod.Head, ArmPaths.Group(fx.Subscription, rg))).Status);
    }

    [Fact]
    public async Task Missing_resource_group_is_404_ResourceGroupNotFound()
    {
        var get = await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, Arrange.NewName("rg")));
        Assert.Equal(HttpStatusCode.NotFound, get.Status);
        Assert.Equal("ResourceGroupNotFound", get.ErrorCode);

        var registry = await fx.Arm.PutAsync(ArmPaths.Registry(fx.Subscription, Arrange.NewName("rg"), Arrange.NewName()),
            new { location = "westus", sku = new { name = "Premium" } });
        Assert.Equal(HttpStatusCode.NotFound, registry.Status);
        Assert.Equal("ResourceGroupNotFound", registry.ErrorCode);
    }

    [Fact]
    public async Task Patching_a_resource_group_replaces_its_tags()
    {
        var rg = await fx.GroupAsync();
        var patched = await fx.Arm.PatchAsync(ArmPaths.Group(fx.Subscription, rg), new { tags = new { owner = "ops" } });
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        var tags = (await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg))).Body!["tags"]!.AsObject();
        Assert.Equal("ops", (string?)Assert.Single(tags).Value);
    }

    [Fact]
    public async Task Deleting_a_resource_group_deletes_its_registries_and_replicas()
    {
        var (rg, registry) = await fx.RegistryAsync("westus");
        await fx.ReplicaAsync(rg, registry, "japaneast");

        var delete = await fx.Arm.DeleteAsync(ArmPaths.Group(fx.Subscription, rg));
        Assert.Equal(HttpStatusCode.Accepted, delete.Status);
        var poll = ArmPaths.Local(delete.Header("Location")!);
        Assert.StartsWith($"/subscriptions/{fx.Subscription}/operationresults/", poll);
        Assert.Equal(HttpStatusCode.Accepted, (await fx.Arm.GetAsync(poll)).Status);
        Assert.Equal("Deleting", (string?)(await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg))).Body!["properties"]!["provisioningState"]);
        var recreate = await fx.Arm.PutAsync(ArmPaths.Group(fx.Subscription, rg), new { location = "westus" });
        Assert.Equal(HttpStatusCode.Conflict, recreate.Status);
        Assert.Equal("ResourceGroupBeingDeleted", recreate.ErrorCode);

        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        var done = await fx.Arm.GetAsync(poll);
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Null(done.Body);

        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(ArmPaths.Registry(fx.Subscription, rg, registry))).Status);
        var listed = await fx.ListAllAsync(RegistriesFilter("resourceType eq 'Microsoft.ContainerRegistry/registries'"));
        Assert.DoesNotContain(listed, r => (string?)r["name"] == registry);

        // Same group and registry names again: nothing of the old registry (its replica) comes back.
        Assert.Equal(HttpStatusCode.Created, (await fx.Arm.PutAsync(ArmPaths.Group(fx.Subscription, rg), new { location = "westus" })).Status);
        var again = await fx.Arm.PutAsync(ArmPaths.Registry(fx.Subscription, rg, registry), new { location = "westus", sku = new { name = "Premium" } });
        Assert.Equal(HttpStatusCode.Created, again.Status);
        var replicas = (await fx.Arm.GetAsync(ArmPaths.Replications(fx.Subscription, rg, registry))).Body!["value"]!.AsArray();
        Assert.Equal("westus", (string?)Assert.Single(replicas)!["name"]);
    }

    // Generic resources

    [Fact]
    public async Task Generic_resource_list_filters_registries_across_resource_groups()
    {
        var (rg1, first) = await fx.RegistryAsync("westus");
        var (rg2, second) = await fx.RegistryAsync("eastus", sku: "Basic");

        var registries = await fx.ListAllAsync(RegistriesFilter("resourceType eq 'Microsoft.ContainerRegistry/registries'"));
        var one = Assert.Single(registries, r => (string?)r["name"] == first);
        Assert.Single(registries, r => (string?)r["name"] == second);
        Assert.All(registries, r => Assert.Equal("Microsoft.ContainerRegistry/registries", (string?)r["type"]));
        Assert.Equal(ArmPaths.RegistryId(fx.Subscription, rg1, first), (string?)one["id"]);
        Assert.Equal("Premium", (string?)one["sku"]!["name"]);

        var inGroup = await fx.ListAllAsync($"/subscriptions/{fx.Subscription}/resourceGroups/{rg2}/resources?api-version={ArmPaths.ResourcesVersion}");
        Assert.Equal(second, (string?)Assert.Single(inGroup)["name"]);

        var vaults = await fx.ListAllAsync(RegistriesFilter("resourceType eq 'Microsoft.KeyVault/vaults'"));
        Assert.DoesNotContain(vaults, r => (string?)r["name"] == first || (string?)r["name"] == second);
    }

    [Fact]
    public async Task Unsupported_filter_is_InvalidFilterInQueryString()
    {
        var list = await fx.Arm.GetAsync(RegistriesFilter("startswith(name, 'reg')"));
        Assert.Equal(HttpStatusCode.BadRequest, list.Status);
        Assert.Equal("InvalidFilterInQueryString", list.ErrorCode);
    }

    // api-versions, types, bodies, headers

    [Fact]
    public async Task Missing_api_version_is_MissingApiVersionParameter()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var onRegistry = await fx.Arm.GetAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry));
        Assert.Equal(HttpStatusCode.BadRequest, onRegistry.Status);
        Assert.Equal("MissingApiVersionParameter", onRegistry.ErrorCode);

        var onGroup = await fx.Arm.GetAsync($"/subscriptions/{fx.Subscription}/resourcegroups/{rg}");
        Assert.Equal(HttpStatusCode.BadRequest, onGroup.Status);
        Assert.Equal("MissingApiVersionParameter", onGroup.ErrorCode);
    }

    [Fact]
    public async Task Unknown_api_version_on_a_Container_Registry_type_is_NoRegisteredProviderFound()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var get = await fx.Arm.GetAsync($"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}?api-version=2099-01-01");

        Assert.Equal(HttpStatusCode.BadRequest, get.Status);
        Assert.Equal("NoRegisteredProviderFound", get.ErrorCode);
        Assert.Contains("2099-01-01", get.ErrorMessage);
        Assert.Contains("2025-11-01", get.ErrorMessage);
    }

    [Fact]
    public async Task Older_api_version_the_Azure_CLI_sends_is_accepted()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var get = await fx.Arm.GetAsync($"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}?api-version=2022-02-01-preview");
        Assert.Equal(HttpStatusCode.OK, get.Status);
    }

    [Fact]
    public async Task Unknown_api_version_on_resource_groups_is_InvalidApiVersionParameter()
    {
        var get = await fx.Arm.GetAsync($"/subscriptions/{fx.Subscription}/resourcegroups/{Arrange.NewName("rg")}?api-version=2099-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, get.Status);
        Assert.Equal("InvalidApiVersionParameter", get.ErrorCode);
    }

    [Theory]
    [InlineData("gadgets/thing1", "gadgets")]
    [InlineData("registries/reg12345/gadgets/thing1", "registries/gadgets")]
    public async Task Unknown_resource_type_is_InvalidResourceType(string tail, string type)
    {
        var rg = await fx.GroupAsync();
        var get = await fx.Arm.GetAsync(
            $"/subscriptions/{fx.Subscription}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/{tail}?api-version={ArmPaths.AcrVersion}");
        Assert.Equal(HttpStatusCode.BadRequest, get.Status);
        Assert.Equal("InvalidResourceType", get.ErrorCode);
        Assert.Contains($"'{type}'", get.ErrorMessage);
    }

    [Fact]
    public async Task Unknown_resource_namespace_is_InvalidResourceNamespace()
    {
        var rg = await fx.GroupAsync();
        var put = await fx.Arm.PutAsync(
            $"/subscriptions/{fx.Subscription}/resourceGroups/{rg}/providers/Microsoft.Nonexistent/things/thing1?api-version=2024-01-01",
            new { location = "westus" });
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("InvalidResourceNamespace", put.ErrorCode);
    }

    [Theory]
    [InlineData("{\"location\": ")]
    [InlineData("[\"westus\"]")]
    [InlineData("")]
    public async Task Malformed_body_is_InvalidRequestContent_without_a_stack_trace(string body)
    {
        var rg = await fx.GroupAsync();
        foreach (var path in new[]
                 {
                     ArmPaths.Group(fx.Subscription, Arrange.NewName("rg")),
                     ArmPaths.Registry(fx.Subscription, rg, Arrange.NewName()),
                 })
        {
            var put = await fx.Arm.SendAsync(HttpMethod.Put, path, body);

            Assert.Equal(HttpStatusCode.BadRequest, put.Status);
            Assert.Equal("InvalidRequestContent", put.ErrorCode);
            // No stack frame ("at Namespace.Type.Method(...)"), exception type or source location.
            Assert.DoesNotMatch(@"\bat [\w.`<>+]+\(", put.Text);
            Assert.DoesNotContain("Exception", put.Text);
            Assert.DoesNotContain(".cs:", put.Text);
        }
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_and_echoes_the_correlation_id()
    {
        var correlation = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Get, ArmPaths.Group(fx.Subscription, Arrange.NewName("rg")));
        request.Headers.Authorization = new("Bearer", fx.Arm.Token);
        request.Headers.Add("x-ms-correlation-request-id", correlation);
        using var response = await fx.Arm.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(correlation, response.Headers.GetValues("x-ms-correlation-request-id").Single());
        var requestId = response.Headers.GetValues("x-ms-request-id").Single();
        Assert.True(Guid.TryParse(requestId, out _));
        Assert.NotEqual(correlation, requestId);

        var first = await fx.Arm.GetAsync($"/subscriptions/{fx.Subscription}?api-version={SubscriptionsVersion}");
        var second = await fx.Arm.GetAsync($"/subscriptions/{fx.Subscription}?api-version={SubscriptionsVersion}");
        Assert.NotNull(first.Header("x-ms-request-id"));
        Assert.NotEqual(first.Header("x-ms-request-id"), second.Header("x-ms-request-id"));
        Assert.NotNull(first.Header("x-ms-correlation-request-id"));
        Assert.NotNull(first.Header("x-ms-ratelimit-remaining-subscription-reads"));

        using var anonymous = new ArmClient(fx.Emulator);
        Assert.NotNull((await anonymous.GetAsync($"/subscriptions/{fx.Subscription}?api-version={SubscriptionsVersion}")).Header("x-ms-request-id"));
        var write = await fx.Arm.PutAsync(ArmPaths.Group(fx.Subscription, Arrange.NewName("rg")), new { location = "westus" });
        Assert.NotNull(write.Header("x-ms-ratelimit-remaining-subscription-writes"));
    }
}

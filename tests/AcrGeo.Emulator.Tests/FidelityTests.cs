using System.Net;

namespace AcrGeo.Emulator.Tests;

/// <summary>
/// Regression tests for what real clients found different from Azure (issue 9): each pins the answer Azure gives.
/// </summary>
public sealed class FidelityTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    string Assignments => $"/subscriptions/{fx.Subscription}/providers/Microsoft.Authorization/roleAssignments";

    /// <summary>An absolute URL with an empty first segment ("https://host//subscriptions/..."), as such SDKs send it.</summary>
    string DoubleSlash(string path) => fx.Emulator.BaseUri.ToString().TrimEnd('/') + "/" + path;

    [Fact]
    public async Task Empty_leading_segment_is_read_away_before_the_token_check_so_no_token_gets_nothing()
    {
        // SDKs build "//subscriptions/..." from a scope that starts with "/"; ARM accepts it, and so must authenticate it.
        var read = await fx.Arm.SendAsync(HttpMethod.Get, DoubleSlash(Assignments + "?api-version=2022-04-01"), token: "");
        Assert.Equal(HttpStatusCode.Unauthorized, read.Status);

        var write = await fx.Arm.SendAsync(HttpMethod.Put, DoubleSlash($"{Assignments}/{Guid.NewGuid()}?api-version=2022-04-01"), new
        {
            properties = new { roleDefinitionId = "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d", principalId = Guid.NewGuid() },
        }, token: "");
        Assert.Equal(HttpStatusCode.Unauthorized, write.Status);

        var authorized = await fx.Arm.GetAsync(DoubleSlash(Assignments + "?api-version=2022-04-01"));
        Assert.Equal(HttpStatusCode.OK, authorized.Status);
        Assert.NotEmpty(authorized.Body!["value"]!.AsArray());
    }

    [Fact]
    public async Task A_path_no_service_answers_still_needs_an_ARM_token()
    {
        var answer = await fx.Arm.SendAsync(HttpMethod.Get, "/someplace/providers/Microsoft.Authorization/roleAssignments", token: "");
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
    }

    [Fact]
    public async Task Tenant_OpenID_configuration_names_its_key_set_as_MSAL_needs()
    {
        var configuration = await fx.Arm.SendAsync(HttpMethod.Get, $"/{fx.Emulator.Identity.TenantId}/v2.0/.well-known/openid-configuration", token: "");
        Assert.Equal(HttpStatusCode.OK, configuration.Status);
        var jwks = new Uri((string)configuration.Body!["jwks_uri"]!);
        var keys = await fx.Arm.SendAsync(HttpMethod.Get, jwks.PathAndQuery, token: "");
        Assert.Equal(HttpStatusCode.OK, keys.Status);
        Assert.NotNull(keys.Body!["keys"]!.AsArray());
    }

    [Fact]
    public async Task ListUsages_reports_the_SKUs_limits_and_the_webhooks_in_use()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Standard");
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PutAsync(ArmPaths.Webhook(fx.Subscription, rg, registry, "usagehook"),
            new { location = "westus", properties = new { serviceUri = "http://127.0.0.1:9/hook", actions = new[] { "push" } } })).Status);

        var usages = await fx.Arm.GetAsync($"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}/listUsages?api-version=2022-02-01-preview");

        Assert.Equal(HttpStatusCode.OK, usages.Status);
        var byName = usages.Body!["value"]!.AsArray().ToDictionary(u => (string)u!["name"]!);
        Assert.Equal(107374182400, (long)byName["Size"]!["limit"]!);
        Assert.Equal(10, (int)byName["Webhooks"]!["limit"]!);
        Assert.Equal(1, (int)byName["Webhooks"]!["currentValue"]!);
        Assert.False(byName.ContainsKey("Geo-replications"));
    }

    [Fact]
    public async Task Role_definitions_answer_the_api_version_the_Azure_CLI_sends()
    {
        var definitions = await fx.Arm.GetAsync(
            $"/subscriptions/{fx.Subscription}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-05-01-preview");
        Assert.Equal(HttpStatusCode.OK, definitions.Status);
    }

    [Theory]
    [InlineData("2025-11-01")]
    [InlineData("2026-01-01-preview")]
    [InlineData("2022-02-01-preview")]
    public async Task Container_Registry_accepts_current_and_older_api_versions(string version)
    {
        var (rg, registry) = await fx.RegistryAsync();
        var answer = await fx.Arm.GetAsync($"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}?api-version={version}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task Unknown_api_versions_get_ARMs_exact_errors()
    {
        var (rg, registry) = await fx.RegistryAsync(location: "eastus");
        var provider = await fx.Arm.GetAsync($"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}?api-version=2099-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, provider.Status);
        Assert.Equal("NoRegisteredProviderFound", provider.ErrorCode);
        Assert.StartsWith("No registered resource provider found for location 'eastus' and API version '2099-01-01' for type 'registries'. " +
                          "The supported api-versions are '", provider.ErrorMessage);
        Assert.Contains("2026-01-01-preview", provider.ErrorMessage);

        var core = await fx.Arm.GetAsync($"/subscriptions/{fx.Subscription}/resourcegroups/{rg}?api-version=2099-01-01");
        Assert.Equal("InvalidApiVersionParameter", core.ErrorCode);
        Assert.StartsWith("The api-version '2099-01-01' is invalid. The supported versions are '2025-04-01,2025-03-01,", core.ErrorMessage);
    }

    [Fact]
    public async Task Ready_replica_reports_no_status_message_as_ACR_sends_none()
    {
        var (rg, registry) = await fx.RegistryAsync();
        await fx.ReplicaAsync(rg, registry, "eastus");
        fx.Clock.Advance(EmulatorFixture.SyncDelay);
        var replica = await fx.Arm.GetAsync(ArmPaths.Replication(fx.Subscription, rg, registry, "eastus"));
        Assert.Equal("Ready", (string?)replica.Body!["properties"]!["status"]!["displayStatus"]);
        Assert.Null(replica.Body["properties"]!["status"]!["message"]);
    }

    [Fact]
    public async Task Graph_says_where_a_new_application_is_on_its_v2_path()
    {
        var token = await fx.Arm.GetTokenAsync("https://graph.microsoft.com/.default");
        var created = await fx.Arm.SendAsync(HttpMethod.Post, "/v1.0/applications", new { displayName = "located" + Guid.NewGuid().ToString("N")[..6] }, token);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Contains($"/v2/{fx.Emulator.Identity.TenantId}/directoryObjects/{(string)created.Body!["id"]!}/Microsoft.DirectoryServices.Application",
            created.Header("Location"));
    }
}

/// <summary>ARM's request budgets, in a fixture of their own (the limits are lowered for the test).</summary>
public sealed class ThrottlingTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Every_ARM_answer_carries_what_is_left_and_a_spent_budget_is_429_with_Retry_After_until_it_refills()
    {
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PatchAsync("/_emulator/settings",
            new { throttling = new { enabled = true, reads = new { size = 3, refillPerSecond = 2 } } })).Status);
        var path = $"/subscriptions/{fx.Subscription}/resourcegroups?api-version=2021-04-01";

        var remaining = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            var answer = await fx.Arm.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            remaining.Add(answer.Header("x-ms-ratelimit-remaining-subscription-reads"));
            Assert.NotNull(answer.Header("x-ms-ratelimit-remaining-subscription-global-reads"));
        }
        Assert.Equal(["2", "1", "0"], remaining);

        var throttled = await fx.Arm.GetAsync(path);
        Assert.Equal((HttpStatusCode)429, throttled.Status);
        Assert.Equal("SubscriptionRequestsThrottled", throttled.ErrorCode);
        Assert.Equal("1", throttled.Header("Retry-After"));

        await Task.Delay(TimeSpan.FromSeconds(1.1));
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(path)).Status);

        // Writes have a budget of their own, untouched by the reads.
        var write = await fx.Arm.PutAsync($"/subscriptions/{fx.Subscription}/resourcegroups/throttled?api-version=2021-04-01", new { location = "westus" });
        Assert.Equal("199", write.Header("x-ms-ratelimit-remaining-subscription-writes"));

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PatchAsync("/_emulator/settings", new { throttling = new { enabled = false } })).Status);
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(path)).Status);
    }
}

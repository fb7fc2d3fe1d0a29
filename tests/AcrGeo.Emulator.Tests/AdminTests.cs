using System.Net;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Tests;

public sealed class AdminTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    async Task<JsonArray> RequestsAsync()
    {
        var log = await fx.Arm.GetAsync("/_emulator/requests");
        Assert.Equal(HttpStatusCode.OK, log.Status);
        return log.Body!.AsArray();
    }

    async Task<string> AddFaultAsync(object rule)
    {
        var added = await fx.Arm.PostAsync("/_emulator/faults", rule);
        Assert.Equal(HttpStatusCode.Created, added.Status);
        return (string)added.Body!["id"]!;
    }

    async Task<int> FaultCountAsync() => (await fx.Arm.GetAsync("/_emulator/faults")).Body!.AsArray().Count;

    // Request log

    [Fact]
    public async Task Request_log_records_method_path_api_version_and_status()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.DeleteAsync("/_emulator/requests")).Status);

        await fx.Arm.GetAsync(ArmPaths.Registry(fx.Subscription, rg, registry));
        await fx.Arm.GetAsync(ArmPaths.Registry(fx.Subscription, rg, "missing12345"));

        var entries = await RequestsAsync();
        Assert.Equal(2, entries.Count);
        var found = entries[0]!;
        Assert.Equal("GET", (string?)found["method"]);
        Assert.Equal(ArmPaths.RegistryId(fx.Subscription, rg, registry), (string?)found["path"]);
        Assert.Equal(ArmPaths.AcrVersion, (string?)found["apiVersion"]);
        Assert.Equal(200, (int)found["status"]!);
        Assert.Equal(404, (int)entries[1]!["status"]!);
        Assert.True((long)entries[1]!["sequence"]! > (long)found["sequence"]!);
    }

    [Fact]
    public async Task Request_log_never_holds_tokens_secrets_or_bodies()
    {
        await fx.Arm.DeleteAsync("/_emulator/requests");
        var token = await fx.Arm.GetTokenAsync();
        var rg = Arrange.NewName("rg");
        await fx.Arm.SendAsync(HttpMethod.Put, ArmPaths.Group(fx.Subscription, rg),
            new { location = "westus", tags = new { note = "body-marker-31337" } }, token);
        await fx.Arm.SendAsync(HttpMethod.Get, ArmPaths.Group(fx.Subscription, rg), token: token);

        var text = (await fx.Arm.GetAsync("/_emulator/requests")).Text;

        Assert.Contains("/oauth2/v2.0/token", text);
        Assert.Contains($"/resourcegroups/{rg}", text);
        Assert.DoesNotContain(fx.Emulator.Identity.ClientSecret, text);
        Assert.DoesNotContain(token, text);
        Assert.DoesNotContain(token.Split('.')[2], text);
        Assert.DoesNotContain("Bearer", text);
        Assert.DoesNotContain("body-marker-31337", text);
        Assert.DoesNotContain("client_credentials", text);
    }

    [Fact]
    public async Task Clearing_the_request_log_empties_it_and_admin_calls_are_not_logged()
    {
        await fx.Arm.GetAsync($"/subscriptions/{fx.Subscription}?api-version=2022-12-01");
        Assert.NotEmpty(await RequestsAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.DeleteAsync("/_emulator/requests")).Status);
        await fx.Arm.GetAsync("/_emulator/settings");
        Assert.Empty(await RequestsAsync());
    }

    // Health

    [Fact]
    public async Task Health_answers_without_a_token_with_status_and_version_and_is_neither_logged_nor_faulted()
    {
        await fx.Arm.DeleteAsync("/_emulator/requests");
        await AddFaultAsync(new { path = "*", action = "InternalError", count = 5 });
        try
        {
            using var response = await fx.Arm.Http.GetAsync("/health");
            var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(["status", "version"], body.Select(p => p.Key).Order());
            Assert.Equal("Healthy", (string?)body["status"]);
            Assert.Equal(typeof(Hosting.AzureEmulator).Assembly.GetName().Version!.ToString(3), (string?)body["version"]);
            Assert.Empty(await RequestsAsync());
        }
        finally
        {
            await fx.Arm.DeleteAsync("/_emulator/faults");
        }
    }

    // Settings

    [Fact]
    public async Task Settings_are_readable_and_a_change_takes_effect_at_once()
    {
        using var anonymous = new ArmClient(fx.Emulator);
        var settings = await anonymous.GetAsync("/_emulator/settings");
        Assert.Equal(HttpStatusCode.OK, settings.Status);
        Assert.Equal(EmulatorFixture.ProvisioningDelay.TotalSeconds, (double)settings.Body!["provisioningDelaySeconds"]!);
        Assert.Equal(EmulatorFixture.SyncDelay.TotalSeconds, (double)settings.Body["syncDelaySeconds"]!);
        Assert.Equal(20, (int)settings.Body["pageSize"]!);
        Assert.Equal(3600, (double)settings.Body["tokenLifetimeSeconds"]!);

        var (rg, registry) = await fx.RegistryAsync();
        var patched = await fx.Arm.PatchAsync("/_emulator/settings", new { provisioningDelaySeconds = 2, retryAfterSeconds = 7 });
        try
        {
            Assert.Equal(HttpStatusCode.OK, patched.Status);
            Assert.Equal(2, (double)patched.Body!["provisioningDelaySeconds"]!);
            Assert.Equal(EmulatorFixture.SyncDelay.TotalSeconds, (double)patched.Body["syncDelaySeconds"]!);

            var put = await fx.Arm.PutAsync(ArmPaths.Replication(fx.Subscription, rg, registry, "japaneast"), new { location = "japaneast" });
            Assert.Equal("7", put.Header("Retry-After"));
            fx.Clock.Advance(TimeSpan.FromSeconds(2));
            var replica = await fx.Arm.GetAsync(ArmPaths.Replication(fx.Subscription, rg, registry, "japaneast"));
            Assert.Equal("Succeeded", (string?)replica.Body!["properties"]!["provisioningState"]);
        }
        finally
        {
            await fx.Arm.PatchAsync("/_emulator/settings",
                new { provisioningDelaySeconds = EmulatorFixture.ProvisioningDelay.TotalSeconds, retryAfterSeconds = 0 });
        }
    }

    [Theory]
    [InlineData("{\"pageSize\":0}")]
    [InlineData("{\"pageSize\":5,\"provisioningDelaySeconds\":-1}")]
    [InlineData("{\"pageSize\":5,\"syncDelaySeconds\":-0.5}")]
    [InlineData("{\"pageSize\":5,\"retryAfterSeconds\":-1}")]
    [InlineData("{\"pageSize\":5,\"tokenLifetimeSeconds\":0}")]
    [InlineData("{\"pageSize\":\"five\"}")]
    [InlineData("{\"pageSize\":")]
    [InlineData("[5]")]
    public async Task Invalid_settings_are_refused_and_change_nothing(string body)
    {
        var before = (await fx.Arm.GetAsync("/_emulator/settings")).Text;

        var patch = await fx.Arm.SendAsync(HttpMethod.Patch, "/_emulator/settings", body);

        Assert.Equal(HttpStatusCode.BadRequest, patch.Status);
        Assert.NotNull(patch.ErrorCode);
        Assert.Equal(before, (await fx.Arm.GetAsync("/_emulator/settings")).Text);
    }

    // Fault rules

    [Fact]
    public async Task Throttle_rule_answers_429_with_Retry_After_for_the_next_N_matches_only()
    {
        var rg = await fx.GroupAsync();
        var id = await AddFaultAsync(new { method = "GET", path = $"/subscriptions/*/resourcegroups/{rg}", action = "Throttle", count = 2, retryAfterSeconds = 7 });

        // Another method, or another path, is not throttled.
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PatchAsync(ArmPaths.Group(fx.Subscription, rg), new { tags = new { } })).Status);
        for (var i = 0; i < 2; i++)
        {
            var throttled = await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg));
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
            Assert.Equal("7", throttled.Header("Retry-After"));
            Assert.Equal("TooManyRequests", throttled.ErrorCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg))).Status);
        Assert.Equal(0, await FaultCountAsync());

        var logged = (await RequestsAsync()).Where(e => (string?)e!["fault"] == $"Throttle:{id}").ToList();
        Assert.Equal(2, logged.Count);
        Assert.All(logged, e => Assert.Equal(429, (int)e!["status"]!));
    }

    [Fact]
    public async Task InternalError_rule_answers_500_with_the_ARM_error_envelope()
    {
        var rg = await fx.GroupAsync();
        await AddFaultAsync(new { method = "GET", path = $"*/resourcegroups/{rg}", action = "InternalError", count = 1 });

        var failed = await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal("InternalServerError", failed.ErrorCode);
        Assert.NotNull(failed.Header("x-ms-request-id"));
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg))).Status);
    }

    [Fact]
    public async Task ServiceUnavailable_rule_answers_503_with_Retry_After()
    {
        var rg = await fx.GroupAsync();
        await AddFaultAsync(new { method = "*", path = $"*/resourcegroups/{rg}", action = "ServiceUnavailable", count = 1, retryAfterSeconds = 3 });

        var failed = await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
        Assert.Equal("ServiceUnavailable", failed.ErrorCode);
        Assert.Equal("3", failed.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg))).Status);
    }

    [Fact]
    public async Task DropConnection_rule_aborts_the_connection_without_a_response()
    {
        var rg = await fx.GroupAsync();
        // No count: the client may retry a dropped request on a fresh connection; every attempt must drop.
        var id = await AddFaultAsync(new { method = "GET", path = $"*/resourcegroups/{rg}", action = "DropConnection", probability = 1.0 });
        try
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg)));
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.DeleteAsync($"/_emulator/faults/{id}")).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg))).Status);
        var dropped = (await RequestsAsync()).Where(e => (string?)e!["fault"] == $"DropConnection:{id}").ToList();
        Assert.NotEmpty(dropped);
        Assert.All(dropped, e => Assert.Equal(0, (int)e!["status"]!));
    }

    [Fact]
    public async Task FailOperation_rule_accepts_the_PUT_and_ends_the_operation_Failed_until_a_new_PUT()
    {
        var (rg, registry) = await fx.RegistryAsync();
        var replica = ArmPaths.Replication(fx.Subscription, rg, registry, "japaneast");
        await AddFaultAsync(new { method = "PUT", path = "*/replications/japaneast", action = "FailOperation", count = 1,
            errorCode = "ReplicationProvisioningFailed", errorMessage = "The region ran out of capacity." });

        var put = await fx.Arm.PutAsync(replica, new { location = "japaneast" });
        Assert.Equal(HttpStatusCode.Created, put.Status);
        var poll = ArmPaths.Local(put.Header("Azure-AsyncOperation")!);
        Assert.Equal("Creating", (string?)(await fx.Arm.GetAsync(poll)).Body!["status"]);

        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        var status = (await fx.Arm.GetAsync(poll)).Body!;
        Assert.Equal("Failed", (string?)status["status"]);
        Assert.Equal("ReplicationProvisioningFailed", (string?)status["error"]!["code"]);
        Assert.Equal("The region ran out of capacity.", (string?)status["error"]!["message"]);
        var failed = (await fx.Arm.GetAsync(replica)).Body!;
        Assert.Equal("Failed", (string?)failed["properties"]!["provisioningState"]);
        Assert.Equal("Failed", (string?)failed["properties"]!["status"]!["displayStatus"]);

        var retry = await fx.Arm.PutAsync(replica, new { location = "japaneast" });
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal("Updating", (string?)retry.Body!["properties"]!["provisioningState"]);
        var retryPoll = ArmPaths.Local(retry.Header("Azure-AsyncOperation")!);
        Assert.Equal("Updating", (string?)(await fx.Arm.GetAsync(retryPoll)).Body!["status"]);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal("Succeeded", (string?)(await fx.Arm.GetAsync(retryPoll)).Body!["status"]);
        Assert.Equal("Succeeded", (string?)(await fx.Arm.GetAsync(replica)).Body!["properties"]!["provisioningState"]);
    }

    [Fact]
    public async Task FailOperation_on_a_delete_leaves_the_replica_in_place()
    {
        var (rg, registry) = await fx.RegistryAsync();
        await fx.ReplicaAsync(rg, registry, "japaneast");
        var replica = ArmPaths.Replication(fx.Subscription, rg, registry, "japaneast");
        await AddFaultAsync(new { method = "DELETE", path = "*/replications/japaneast", action = "FailOperation", count = 1 });

        var delete = await fx.Arm.DeleteAsync(replica);
        Assert.Equal(HttpStatusCode.Accepted, delete.Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);

        var result = await fx.Arm.GetAsync(ArmPaths.Local(delete.Header("Location")!));
        Assert.Equal(HttpStatusCode.InternalServerError, result.Status);
        Assert.Equal("InternalServerError", result.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(replica)).Status);
    }

    [Fact]
    public async Task Probability_rules_fire_by_chance_until_removed()
    {
        var rg = await fx.GroupAsync();
        var never = await AddFaultAsync(new { path = $"*/resourcegroups/{rg}", action = "InternalError", probability = 0.0 });
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg))).Status);
        Assert.Equal(0, (int)(await fx.Arm.GetAsync("/_emulator/faults")).Body!.AsArray().Single(r => (string?)r!["id"] == never)!["hits"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.DeleteAsync($"/_emulator/faults/{never}")).Status);

        var always = await AddFaultAsync(new { path = $"*/resourcegroups/{rg}", action = "InternalError", probability = 1.0 });
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.InternalServerError, (await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg))).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.DeleteAsync($"/_emulator/faults/{always}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.DeleteAsync($"/_emulator/faults/{always}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(ArmPaths.Group(fx.Subscription, rg))).Status);
    }

    [Fact]
    public async Task Clearing_fault_rules_removes_them_all()
    {
        await AddFaultAsync(new { path = "/nothing/matches/this", action = "Throttle", count = 5 });
        await AddFaultAsync(new { path = "/nor/this", action = "InternalError", probability = 0.5 });
        Assert.Equal(2, await FaultCountAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.DeleteAsync("/_emulator/faults")).Status);
        Assert.Equal(0, await FaultCountAsync());
    }

    [Theory]
    [InlineData("{\"action\":\"Throttle\"}")]
    [InlineData("{\"action\":\"Throttle\",\"count\":0}")]
    [InlineData("{\"action\":\"Throttle\",\"count\":-2}")]
    [InlineData("{\"action\":\"Throttle\",\"probability\":1.5}")]
    [InlineData("{\"action\":\"Throttle\",\"probability\":-0.1}")]
    [InlineData("{\"action\":\"Throttle\",\"count\":1,\"retryAfterSeconds\":-1}")]
    [InlineData("{\"action\":\"Explode\",\"count\":1}")]
    [InlineData("{\"action\":\"Throttle\",\"count\":")]
    public async Task Invalid_fault_rules_are_refused(string rule)
    {
        var before = await FaultCountAsync();
        var post = await fx.Arm.SendAsync(HttpMethod.Post, "/_emulator/faults", rule);
        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        Assert.Equal("InvalidFaultRule", post.ErrorCode);
        Assert.Equal(before, await FaultCountAsync());
    }
}

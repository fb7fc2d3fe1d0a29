using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Tests;

public sealed class WebhookTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    const string DeadEnd = "http://127.0.0.1:9/hook";

    string Hook(string rg, string registry, string name) => ArmPaths.Webhook(fx.Subscription, rg, registry, name);

    string HookAction(string rg, string registry, string name, string action) =>
        $"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}/webhooks/{name}/{action}?api-version={ArmPaths.AcrVersion}";

    static object Body(string location, string serviceUri = DeadEnd, string[]? actions = null, object? customHeaders = null) => new
    {
        location,
        properties = new { serviceUri, actions = actions ?? ["push"], status = "enabled", scope = "app:*", customHeaders },
    };

    [Fact]
    public async Task Webhook_in_the_home_region_is_created()
    {
        var (rg, registry) = await fx.RegistryAsync("westus");

        var put = await fx.Arm.PutAsync(Hook(rg, registry, "homehook"), Body("westus", actions: ["push", "delete"]));

        Assert.Equal(HttpStatusCode.OK, put.Status);
        // Created at once, as ACR does: 200, Succeeded, no operation to poll.
        Assert.Null(put.Header("Azure-AsyncOperation"));
        Assert.Equal("Succeeded", (string?)put.Body!["properties"]!["provisioningState"]);
        var get = await fx.Arm.GetAsync(Hook(rg, registry, "homehook"));
        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal("westus", (string?)get.Body!["location"]);
        Assert.Equal(["push", "delete"], get.Body["properties"]!["actions"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("app:*", (string?)get.Body["properties"]!["scope"]);
        Assert.Equal("Succeeded", (string?)get.Body["properties"]!["provisioningState"]);

        var again = await fx.Arm.PutAsync(Hook(rg, registry, "homehook"), Body("westus", actions: ["quarantine"]));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(["quarantine"], again.Body!["properties"]!["actions"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public async Task Webhook_in_a_replica_region_is_a_regional_webhook()
    {
        var (rg, registry) = await fx.RegistryAsync("westus");
        await fx.ReplicaAsync(rg, registry, "japaneast");

        var put = await fx.Arm.PutAsync(Hook(rg, registry, "tokyohook"), Body("Japan East"));

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("japaneast", (string?)(await fx.Arm.GetAsync(Hook(rg, registry, "tokyohook"))).Body!["location"]);
    }

    [Fact]
    public async Task Webhook_in_a_region_without_a_replica_is_refused()
    {
        var (rg, registry) = await fx.RegistryAsync("westus");
        await fx.ReplicaAsync(rg, registry, "japaneast");

        var put = await fx.Arm.PutAsync(Hook(rg, registry, "seoulhook"), Body("koreacentral"));

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("WebhookLocationNotReplicated", put.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(Hook(rg, registry, "seoulhook"))).Status);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/hook")]
    [InlineData("not a url")]
    [InlineData("/relative/hook")]
    [InlineData(null)]
    public async Task Webhook_service_uri_must_be_an_absolute_http_url(string? serviceUri)
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var put = await fx.Arm.PutAsync(Hook(rg, registry, "badhook"),
            new { location = "westus", properties = new { serviceUri, actions = new[] { "push" } } });

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("InvalidParameter", put.ErrorCode);
        Assert.Equal("properties.serviceUri", (string?)put.Body!["error"]!["target"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pull")]
    [InlineData("push,pull")]
    public async Task Webhook_actions_must_be_known_and_not_empty(string actions)
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var put = await fx.Arm.PutAsync(Hook(rg, registry, "badhook"),
            Body("westus", actions: actions.Split(',', StringSplitOptions.RemoveEmptyEntries)));

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("properties.actions", (string?)put.Body!["error"]!["target"]);
    }

    [Theory]
    [InlineData("hook")]
    [InlineData("my-hook")]
    public async Task Webhook_with_an_invalid_name_is_refused(string name)
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var put = await fx.Arm.PutAsync(Hook(rg, registry, name), Body("westus"));
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("InvalidResourceName", put.ErrorCode);
    }

    [Fact]
    public async Task Service_uri_and_custom_headers_never_appear_in_GET_or_list()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        const string secretUri = "http://127.0.0.1:9/hooks/secret-path-4711?token=uri-secret-0815";
        var put = await fx.Arm.PutAsync(Hook(rg, registry, "quiethook"),
            Body("westus", serviceUri: secretUri, customHeaders: new Dictionary<string, string> { ["Authorization"] = "Bearer header-secret-42" }));
        Assert.Equal(HttpStatusCode.OK, put.Status);

        var get = await fx.Arm.GetAsync(Hook(rg, registry, "quiethook"));
        var list = await fx.Arm.GetAsync($"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}/webhooks?api-version={ArmPaths.AcrVersion}");
        Assert.Single(list.Body!["value"]!.AsArray());
        foreach (var text in new[] { put.Text, get.Text, list.Text })
        {
            Assert.DoesNotContain("secret-path-4711", text);
            Assert.DoesNotContain("uri-secret-0815", text);
            Assert.DoesNotContain("header-secret-42", text);
            Assert.DoesNotContain("serviceUri", text);
            Assert.DoesNotContain("customHeaders", text);
        }

        // Only the dedicated action reveals them.
        var config = await fx.Arm.PostAsync(HookAction(rg, registry, "quiethook", "getCallbackConfig"));
        Assert.Equal(secretUri, (string?)config.Body!["serviceUri"]);
        Assert.Equal("Bearer header-secret-42", (string?)config.Body["customHeaders"]!["Authorization"]);
    }

    [Fact]
    public async Task Ping_returns_an_event_id_that_listEvents_shows()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PutAsync(Hook(rg, registry, "pinghook"), Body("westus"))).Status);

        var ping = await fx.Arm.PostAsync(HookAction(rg, registry, "pinghook", "ping"));
        Assert.Equal(HttpStatusCode.OK, ping.Status);
        var id = (string)ping.Body!["id"]!;
        Assert.True(Guid.TryParse(id, out _));
        var secondId = (string)(await fx.Arm.PostAsync(HookAction(rg, registry, "pinghook", "ping"))).Body!["id"]!;
        Assert.NotEqual(id, secondId);

        var events = await fx.Arm.PostAsync(HookAction(rg, registry, "pinghook", "listEvents"));
        Assert.Equal(HttpStatusCode.OK, events.Status);
        var listed = events.Body!["value"]!.AsArray();
        Assert.Equal([secondId, id], listed.Select(e => (string)e!["id"]!));
        var content = listed[1]!["eventRequestMessage"]!["content"]!;
        Assert.Equal("ping", (string?)content["action"]);
        Assert.Equal($"{registry}.azurecr.io", (string?)content["request"]!["host"]);
    }

    [Fact]
    public async Task Ping_is_delivered_to_a_loopback_listener_with_the_custom_headers()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = listener.GetContextAsync();

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PutAsync(Hook(rg, registry, "livehook"), Body("westus",
            serviceUri: $"http://127.0.0.1:{port}/acr/events",
            customHeaders: new Dictionary<string, string> { ["X-Hook-Secret"] = "s3cret-value", ["X-Source"] = "acrgeo-tests" }))).Status);
        var ping = await fx.Arm.PostAsync(HookAction(rg, registry, "livehook", "ping"));
        var id = (string)ping.Body!["id"]!;

        var winner = await Task.WhenAny(received, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(winner == received, "The ping was not delivered within 10 seconds.");
        var context = await received;
        string body;
        using (var reader = new StreamReader(context.Request.InputStream)) body = await reader.ReadToEndAsync();
        Assert.Equal("POST", context.Request.HttpMethod);
        Assert.Equal("/acr/events", context.Request.Url!.AbsolutePath);
        Assert.Equal("s3cret-value", context.Request.Headers["X-Hook-Secret"]);
        Assert.Equal("acrgeo-tests", context.Request.Headers["X-Source"]);
        var payload = JsonNode.Parse(body)!;
        Assert.Equal(id, (string?)payload["id"]);
        Assert.Equal("ping", (string?)payload["action"]);
        context.Response.StatusCode = 200;
        context.Response.Close();

        // The emulator records the listener's answer on the event, as Azure does.
        JsonNode? response = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(10); response is null && DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            var events = await fx.Arm.PostAsync(HookAction(rg, registry, "livehook", "listEvents"));
            response = events.Body!["value"]!.AsArray().Single(e => (string?)e!["id"] == id)!["eventResponseMessage"];
        }
        Assert.NotNull(response);
        Assert.Equal("200", (string?)response["statusCode"]);
    }

    [Fact]
    public async Task Deleting_a_webhook_is_200_and_it_is_gone_at_once_and_deleting_it_again_is_204()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PutAsync(Hook(rg, registry, "shorthook"), Body("westus"))).Status);

        var delete = await fx.Arm.DeleteAsync(Hook(rg, registry, "shorthook"));
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Null(delete.Header("Location"));
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(Hook(rg, registry, "shorthook"))).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.DeleteAsync(Hook(rg, registry, "shorthook"))).Status);
    }

    static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}

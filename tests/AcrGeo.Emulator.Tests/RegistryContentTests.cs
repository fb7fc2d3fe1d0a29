using System.Net;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.ContainerRegistry;

namespace AcrGeo.Emulator.Tests;

public sealed class RegistryContentTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    static readonly object AdminOn = new { adminUserEnabled = true };
    static readonly TimeSpan Sync = EmulatorFixture.SyncDelay;

    /// <summary>A Premium registry in westus with its admin user and a provisioned, synced replica in japaneast.</summary>
    async Task<(string Rg, string Registry)> GeoRegistryAsync()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        await fx.ReplicaAsync(rg, registry, "japaneast");
        fx.Clock.Advance(Sync);
        Assert.Equal("Ready", await fx.DisplayStatusAsync(rg, registry, "japaneast"));
        return (rg, registry);
    }

    ImageLookup Find(string rg, string registry, string? region, string repository, string reference) =>
        fx.Emulator.State.Read(state => RegistryContent.Find(state,
            state.Find(ArmPaths.RegistryId(fx.Subscription, rg, registry))!, region, repository, reference, fx.Emulator.State.Now));

    async Task<DataPlaneResponse> TagsAsync(string rg, string registry, string host, string repository)
    {
        var bearer = await fx.AdminBearerAsync(rg, registry, $"repository:{repository}:pull");
        return await fx.HostAsync(host, $"/v2/{repository}/tags/list", bearer);
    }

    string Hook(string rg, string registry, string name) => ArmPaths.Webhook(fx.Subscription, rg, registry, name);

    string HookAction(string rg, string registry, string name, string action) =>
        $"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}/webhooks/{name}/{action}?api-version={ArmPaths.AcrVersion}";

    async Task WebhookAsync(string rg, string registry, string name, string location, string scope = "", string[]? actions = null,
        string status = "enabled")
    {
        var put = await fx.Arm.PutAsync(Hook(rg, registry, name), new
        {
            location,
            properties = new { serviceUri = "https://hooks.example.invalid/acr", actions = actions ?? ["push"], status, scope },
        });
        Assert.Equal(HttpStatusCode.OK, put.Status);
    }

    async Task<List<JsonNode>> PushEventsAsync(string rg, string registry, string name)
    {
        var listed = await fx.Arm.PostAsync(HookAction(rg, registry, name, "listEvents"));
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        return listed.Body!["value"]!.AsArray().Select(e => e!["eventRequestMessage"]!["content"]!)
            .Where(c => (string?)c["action"] == "push").ToList();
    }

    [Fact]
    public async Task Import_lands_in_the_home_region_first_and_in_a_replica_after_the_sync_delay()
    {
        var (rg, registry) = await GeoRegistryAsync();
        var poll = await fx.StartImportAsync(rg, registry, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "aci-helloworld:v1"));
        var landing = fx.Emulator.State.Now + EmulatorFixture.ProvisioningDelay;

        var during = Find(rg, registry, "westus", "aci-helloworld", "v1");
        Assert.False(during.Found);
        Assert.Equal(landing, during.PendingUntil);

        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(poll)).Status);

        var home = Find(rg, registry, "westus", "aci-helloworld", "v1");
        Assert.True(home.Found);
        Assert.Equal("westus", home.Region);
        Assert.Equal(RegistryContent.PublicImageDigest("mcr.microsoft.com/azuredocs/aci-helloworld:latest"), home.Digest);
        var replica = Find(rg, registry, "japaneast", "aci-helloworld", "v1");
        Assert.False(replica.Found);
        Assert.Equal("japaneast", replica.Region);
        Assert.Equal(landing + Sync, replica.PendingUntil);
        Assert.Equal("Syncing", await fx.DisplayStatusAsync(rg, registry, "japaneast"));
        Assert.Equal("Ready", await fx.DisplayStatusAsync(rg, registry, "westus"));

        fx.Clock.Advance(Sync);

        var arrived = Find(rg, registry, "japaneast", "aci-helloworld", "v1");
        Assert.True(arrived.Found);
        Assert.Equal(home.Digest, arrived.Digest);
        Assert.Null(arrived.PendingUntil);
        Assert.Equal("Ready", await fx.DisplayStatusAsync(rg, registry, "japaneast"));
    }

    [Fact]
    public async Task Every_read_of_a_replica_says_Syncing_while_content_is_on_its_way_to_it()
    {
        var (rg, registry) = await GeoRegistryAsync();
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr("hello-world:latest", "hello:v1"));

        var put = await fx.Arm.PutAsync(fx.ReplicationPath(rg, registry, "japaneast"), new { location = "japaneast" });
        var list = await fx.Arm.GetAsync(ArmPaths.Replications(fx.Subscription, rg, registry));

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("Syncing", (string?)put.Body!["properties"]!["status"]!["displayStatus"]);
        Assert.Equal(["Ready", "Syncing"], list.Body!["value"]!.AsArray().Select(r => (string)r!["properties"]!["status"]!["displayStatus"]!));
    }

    [Fact]
    public async Task Regional_endpoints_serve_what_has_reached_their_replica()
    {
        var (rg, registry) = await GeoRegistryAsync();
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr("hello-world:latest", "hello:v1"));

        var global = await TagsAsync(rg, registry, ContentArrange.LoginServer(registry), "hello");
        var westus = await TagsAsync(rg, registry, ContentArrange.Regional(registry, "westus"), "hello");
        var japan = await TagsAsync(rg, registry, ContentArrange.Regional(registry, "japaneast"), "hello");

        Assert.Equal("""{"name":"hello","tags":["v1"]}""", global.Text);
        Assert.Equal(global.Text, westus.Text);
        Assert.Equal(HttpStatusCode.NotFound, japan.Status);
        Assert.Equal("NAME_UNKNOWN", japan.ErrorCode);

        fx.Clock.Advance(Sync);
        Assert.Equal(global.Text, (await TagsAsync(rg, registry, ContentArrange.Regional(registry, "japaneast"), "hello")).Text);
    }

    [Fact]
    public async Task Regional_endpoint_of_a_region_without_a_replica_is_unknown()
    {
        var (rg, registry) = await GeoRegistryAsync();
        var answer = await fx.HostAsync(ContentArrange.Regional(registry, "brazilsouth"), "/v2/");
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("NAME_UNKNOWN", answer.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.HostAsync(ContentArrange.Regional(registry, "japaneast"), "/v2/")).Status);
    }

    [Fact]
    public async Task A_region_without_a_replica_is_answered_by_the_home_region()
    {
        var (rg, registry) = await GeoRegistryAsync();
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr("hello-world:latest", "hello:v1"));

        var lookup = Find(rg, registry, "Brazil South", "hello", "v1");

        Assert.True(lookup.Found);
        Assert.Equal("westus", lookup.Region);
        Assert.Equal("japaneast", Find(rg, registry, "Japan East", "hello", "v1").Region);
        Assert.False(Find(rg, registry, null, "nothere", "v1").Found);
    }

    [Fact]
    public async Task Retagging_shows_the_old_digest_in_a_replica_until_the_new_one_arrives()
    {
        var (rg, registry) = await GeoRegistryAsync();
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr("hello-world:latest", "app:live"));
        fx.Clock.Advance(Sync);
        var old = Find(rg, registry, "japaneast", "app", "live");

        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "app:live", mode: "Force"));

        var stale = Find(rg, registry, "japaneast", "app", "live");
        Assert.True(stale.Found);
        Assert.Equal(old.Digest, stale.Digest);
        Assert.NotNull(stale.PendingUntil);
        Assert.NotEqual(old.Digest, Find(rg, registry, "westus", "app", "live").Digest);

        fx.Clock.Advance(Sync);
        Assert.Equal(Find(rg, registry, "westus", "app", "live").Digest, Find(rg, registry, "japaneast", "app", "live").Digest);
        Assert.True(Find(rg, registry, "japaneast", "app", old.Digest!).Found);
    }

    [Fact]
    public async Task A_new_replica_receives_existing_content_when_its_own_sync_ends()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr("hello-world:latest", "hello:v1"));

        await fx.ReplicaAsync(rg, registry, "northeurope");
        var syncing = Find(rg, registry, "northeurope", "hello", "v1");
        Assert.False(syncing.Found);
        Assert.Equal("northeurope", syncing.Region);
        Assert.Equal(fx.Emulator.State.Now + Sync, syncing.PendingUntil);

        fx.Clock.Advance(Sync);
        Assert.True(Find(rg, registry, "northeurope", "hello", "v1").Found);
        Assert.Equal("Ready", await fx.DisplayStatusAsync(rg, registry, "northeurope"));
    }

    [Fact]
    public async Task Deleting_a_replica_drops_its_copy_and_a_new_one_syncs_again()
    {
        var (rg, registry) = await GeoRegistryAsync();
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr("hello-world:latest", "hello:v1"));
        fx.Clock.Advance(Sync);
        Assert.Equal("japaneast", Find(rg, registry, "japaneast", "hello", "v1").Region);

        Assert.Equal(HttpStatusCode.Accepted, (await fx.Arm.DeleteAsync(fx.ReplicationPath(rg, registry, "japaneast"))).Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal("westus", Find(rg, registry, "japaneast", "hello", "v1").Region);

        await fx.ReplicaAsync(rg, registry, "japaneast");
        var again = Find(rg, registry, "japaneast", "hello", "v1");
        Assert.Equal("japaneast", again.Region);
        Assert.False(again.Found);
        fx.Clock.Advance(Sync);
        Assert.True(Find(rg, registry, "japaneast", "hello", "v1").Found);
    }

    [Fact]
    public async Task Deleting_the_registry_drops_its_content()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr("hello-world:latest", "hello:v1"));

        Assert.Equal(HttpStatusCode.Accepted, (await fx.Arm.DeleteAsync(ArmPaths.Registry(fx.Subscription, rg, registry))).Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        var again = await fx.Arm.PutAsync(ArmPaths.Registry(fx.Subscription, rg, registry),
            new { location = "westus", sku = new { name = "Premium" }, properties = AdminOn });
        Assert.Equal(HttpStatusCode.Created, again.Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);

        Assert.False(Find(rg, registry, null, "hello", "v1").Found);
        Assert.Equal("NAME_UNKNOWN", (await TagsAsync(rg, registry, ContentArrange.LoginServer(registry), "hello")).ErrorCode);
    }

    [Fact]
    public async Task Push_webhooks_hear_of_an_image_in_each_region_when_it_arrives_there()
    {
        var (rg, registry) = await GeoRegistryAsync();
        await WebhookAsync(rg, registry, "homehook", "westus");
        await WebhookAsync(rg, registry, "japanhook", "japaneast", scope: "web:*");
        await WebhookAsync(rg, registry, "otherrepo", "japaneast", scope: "api:*");
        await WebhookAsync(rg, registry, "deletehook", "westus", actions: ["delete"]);
        await WebhookAsync(rg, registry, "quiethook", "westus", status: "disabled");
        var poll = await fx.StartImportAsync(rg, registry, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "web:v1"));
        var landing = fx.Emulator.State.Now + EmulatorFixture.ProvisioningDelay;

        Assert.Empty(await PushEventsAsync(rg, registry, "homehook"));
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(poll)).Status);

        var home = Assert.Single(await PushEventsAsync(rg, registry, "homehook"));
        Assert.Empty(await PushEventsAsync(rg, registry, "japanhook"));
        Assert.Equal(landing, DateTimeOffset.Parse((string)home["timestamp"]!));
        Assert.Equal("westus", (string?)home["location"]);
        var target = home["target"]!;
        Assert.Equal("web", (string?)target["repository"]);
        Assert.Equal("v1", (string?)target["tag"]);
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", (string?)target["mediaType"]);
        Assert.Equal(RegistryContent.PublicImageDigest("mcr.microsoft.com/azuredocs/aci-helloworld:latest"), (string?)target["digest"]);
        Assert.True((long)target["size"]! > 0);
        Assert.Equal((long)target["size"]!, (long)target["length"]!);

        // Nobody asks for a while: the event is still stamped with the moment the image reached Japan East.
        fx.Clock.Advance(Sync * 3);
        var japan = Assert.Single(await PushEventsAsync(rg, registry, "japanhook"));
        Assert.Equal(landing + Sync, DateTimeOffset.Parse((string)japan["timestamp"]!));
        Assert.Equal("japaneast", (string?)japan["location"]);
        Assert.Single(await PushEventsAsync(rg, registry, "homehook"));
        Assert.Empty(await PushEventsAsync(rg, registry, "otherrepo"));
        Assert.Empty(await PushEventsAsync(rg, registry, "deletehook"));
        Assert.Empty(await PushEventsAsync(rg, registry, "quiethook"));
    }

    [Theory]
    [InlineData("", "web", "v1", true)]
    [InlineData("web:*", "web", "v1", true)]
    [InlineData("web:v1", "web", "v1", true)]
    [InlineData("web:v2", "web", "v1", false)]
    [InlineData("web", "web", "latest", true)]
    [InlineData("web", "web", "v1", false)]
    [InlineData("team/web:*", "team/web", "v1", true)]
    [InlineData("api:*", "web", "v1", false)]
    public void Webhook_scope_follows_ACRs_rules(string scope, string repository, string tag, bool covered) =>
        Assert.Equal(covered, RegistryContent.ScopeCovers(scope, repository, tag));

    [Fact]
    public async Task Manifest_HEAD_answers_the_digest_without_a_body_and_unknown_references_are_MANIFEST_UNKNOWN()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr("hello-world:latest", "hello:v1"));
        var bearer = await fx.AdminBearerAsync(rg, registry, "repository:hello:pull");
        var host = ContentArrange.LoginServer(registry);

        var head = await fx.HostAsync(host, "/v2/hello/manifests/v1", bearer, HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, head.Status);
        Assert.Equal("", head.Text);
        Assert.Equal(RegistryContent.PublicImageDigest("mcr.microsoft.com/hello-world"), head.Header("Docker-Content-Digest"));

        var tag = await fx.HostAsync(host, "/v2/hello/manifests/v9", bearer);
        Assert.Equal(HttpStatusCode.NotFound, tag.Status);
        Assert.Equal("""{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest tagged by \"v9\" is not found","detail":{"Tag":"v9"}}]}""", tag.Text);
        var digest = await fx.HostAsync(host, $"/v2/hello/manifests/sha256:{new string('0', 64)}", bearer);
        Assert.Equal("MANIFEST_UNKNOWN", digest.ErrorCode);
    }

    [Fact]
    public async Task Catalog_needs_the_catalog_scope_and_pages_with_a_Link_header()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        foreach (var repository in new[] { "charlie", "alpha", "bravo" })
            await fx.ImportAsync(rg, registry, ContentArrange.FromMcr("hello-world:latest", $"{repository}:v1"));
        var host = ContentArrange.LoginServer(registry);

        var challenged = await fx.HostAsync(host, "/v2/_catalog");
        Assert.Equal(HttpStatusCode.Unauthorized, challenged.Status);
        Assert.Contains("scope=\"registry:catalog:*\"", challenged.Header("WWW-Authenticate"));
        var pullOnly = await fx.AdminBearerAsync(rg, registry, "repository:alpha:pull");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.HostAsync(host, "/v2/_catalog", pullOnly)).Status);

        var bearer = await fx.AdminBearerAsync(rg, registry, "registry:catalog:*");
        var first = await fx.HostAsync(host, "/v2/_catalog?n=2", bearer);
        Assert.Equal("""{"repositories":["alpha","bravo"]}""", first.Text);
        Assert.Equal("</v2/_catalog?last=bravo&n=2>; rel=\"next\"", first.Header("Link"));
        var rest = await fx.HostAsync(host, "/v2/_catalog?last=bravo&n=2", bearer);
        Assert.Equal("""{"repositories":["charlie"]}""", rest.Text);
        Assert.Null(rest.Header("Link"));
        Assert.Equal("""{"repositories":["alpha","bravo","charlie"]}""", (await fx.HostAsync(host, "/acr/v1/_catalog", bearer)).Text);
    }

    [Fact]
    public async Task ACR_metadata_lists_tags_with_digests_and_times()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "aci-helloworld:v1"));
        var bearer = await fx.AdminBearerAsync(rg, registry, "repository:aci-helloworld:metadata_read");
        var host = ContentArrange.LoginServer(registry);

        var tags = await fx.HostAsync(host, "/acr/v1/aci-helloworld/_tags?n=100", bearer);

        Assert.Equal(HttpStatusCode.OK, tags.Status);
        Assert.Equal(host, (string?)tags.Body!["registry"]);
        Assert.Equal("aci-helloworld", (string?)tags.Body["imageName"]);
        var tag = Assert.Single(tags.Body["tags"]!.AsArray())!;
        Assert.Equal("v1", (string?)tag["name"]);
        Assert.Equal(RegistryContent.PublicImageDigest("mcr.microsoft.com/azuredocs/aci-helloworld:latest"), (string?)tag["digest"]);
        Assert.Equal(fx.Emulator.State.Now, DateTimeOffset.Parse((string)tag["createdTime"]!));
        Assert.True((bool)tag["changeableAttributes"]!["readEnabled"]!);

        var repository = await fx.HostAsync(host, "/acr/v1/aci-helloworld", bearer);
        Assert.Equal(1, (int)repository.Body!["tagCount"]!);
        Assert.Equal(1, (int)repository.Body["manifestCount"]!);
        var manifests = await fx.HostAsync(host, "/acr/v1/aci-helloworld/_manifests", bearer);
        Assert.Equal(["v1"], manifests.Body!["manifests"]![0]!["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("TAG_UNKNOWN", (await fx.HostAsync(host, "/acr/v1/aci-helloworld/_tags/v2", bearer)).ErrorCode);
    }

    [Fact]
    public async Task Entra_ID_exchange_gives_a_refresh_token_whose_grants_follow_the_callers_roles()
    {
        var (rg, registry) = await fx.RegistryAsync();
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr("hello-world:latest", "hello:v1"));
        var id = ArmPaths.RegistryId(fx.Subscription, rg, registry);
        var reader = await fx.ServicePrincipalAsync();
        var puller = await fx.ServicePrincipalAsync();
        await fx.AssignAsync(id, PrincipalArrange.Reader, reader.ObjectId);
        await fx.AssignAsync(id, PrincipalArrange.AcrPull, puller.ObjectId);
        var host = ContentArrange.LoginServer(registry);

        async Task<string> RefreshTokenAsync(TestPrincipal principal)
        {
            var exchange = await fx.HostAsync(host, "/oauth2/exchange", method: HttpMethod.Post, content: new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["grant_type"] = "access_token", ["service"] = host, ["tenant"] = fx.Emulator.Identity.TenantId,
                    ["access_token"] = await fx.TokenAsync(principal),
                }));
            Assert.Equal(HttpStatusCode.OK, exchange.Status);
            return (string)exchange.Body!["refresh_token"]!;
        }

        async Task<DataPlaneResponse> WithAsync(string refreshToken, string scope, string path)
        {
            var token = await fx.HostAsync(host, "/oauth2/token", method: HttpMethod.Post, content: new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token", ["service"] = host, ["scope"] = scope, ["refresh_token"] = refreshToken,
                }));
            Assert.Equal(HttpStatusCode.OK, token.Status);
            return await fx.HostAsync(host, path, PrincipalArrange.Bearer((string)token.Body!["access_token"]!));
        }

        var readerRefresh = await RefreshTokenAsync(reader);
        Assert.Equal("""{"repositories":["hello"]}""", (await WithAsync(readerRefresh, "registry:catalog:*", "/v2/_catalog")).Text);
        Assert.Equal(HttpStatusCode.OK, (await WithAsync(readerRefresh, "repository:hello:metadata_read", "/acr/v1/hello/_tags")).Status);

        var pullerRefresh = await RefreshTokenAsync(puller);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithAsync(pullerRefresh, "registry:catalog:*", "/v2/_catalog")).Status);
        Assert.Equal(HttpStatusCode.OK, (await WithAsync(pullerRefresh, "repository:hello:pull", "/v2/hello/manifests/v1")).Status);
        Assert.Equal(HttpStatusCode.OK, (await WithAsync(pullerRefresh, "repository:hello:metadata_read", "/acr/v1/hello/_tags")).Status);

        // A refresh token is not an access token, and works as docker login's password for the null user.
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.HostAsync(host, "/v2/", PrincipalArrange.Bearer(pullerRefresh))).Status);
        var login = await fx.HostAsync(host, $"/oauth2/token?service={host}&scope=repository:hello:pull",
            PrincipalArrange.Basic("00000000-0000-0000-0000-000000000000", pullerRefresh));
        Assert.Equal(["pull"], PrincipalArrange.GrantedActions((string)login.Body!["access_token"]!, "hello"));
    }

    [Fact]
    public async Task Exchange_refuses_a_token_that_is_not_an_ARM_token()
    {
        var (_, registry) = await fx.RegistryAsync();
        var host = ContentArrange.LoginServer(registry);
        var graphToken = await fx.Arm.GetTokenAsync("https://graph.microsoft.com/.default");

        var refused = await fx.HostAsync(host, "/oauth2/exchange", method: HttpMethod.Post, content: new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "access_token", ["service"] = host, ["access_token"] = graphToken }));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("UNAUTHORIZED", refused.ErrorCode);
    }
}

public sealed class RegistryContentPersistenceTests(PersistentEmulatorFixture fx) : IClassFixture<PersistentEmulatorFixture>
{
    [Fact]
    public async Task Content_and_its_pending_arrivals_survive_a_restart()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: new { adminUserEnabled = true });
        await fx.ReplicaAsync(rg, registry, "japaneast");
        fx.Clock.Advance(EmulatorFixture.SyncDelay);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PutAsync(ArmPaths.Webhook(fx.Subscription, rg, registry, "japanhook"), new
        {
            location = "japaneast",
            properties = new { serviceUri = "https://hooks.example.invalid/acr", actions = new[] { "push" } },
        })).Status);
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr("hello-world:latest", "hello:v1"));

        await fx.RestartAsync();
        fx.Clock.Advance(EmulatorFixture.SyncDelay);

        var bearer = await fx.AdminBearerAsync(rg, registry, "repository:hello:pull");
        var tags = await fx.HostAsync(ContentArrange.Regional(registry, "japaneast"), "/v2/hello/tags/list", bearer);
        Assert.Equal("""{"name":"hello","tags":["v1"]}""", tags.Text);
        var events = await fx.Arm.PostAsync(
            $"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}/webhooks/japanhook/listEvents?api-version={ArmPaths.AcrVersion}");
        Assert.Single(events.Body!["value"]!.AsArray(), e => (string?)e!["eventRequestMessage"]!["content"]!["action"] == "push");
    }
}

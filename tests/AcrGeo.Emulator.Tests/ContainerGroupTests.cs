using System.Net;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Admin;
using AcrGeo.Emulator.Authorization;

namespace AcrGeo.Emulator.Tests;

public sealed class ContainerGroupTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    const string Version = "2023-05-01";
    const string HelloWorld = "mcr.microsoft.com/azuredocs/aci-helloworld:latest";
    const string Inaccessible = "is not accessible. Please check the image and registry credential.";

    string GroupId(string rg, string name) =>
        $"/subscriptions/{fx.Subscription}/resourceGroups/{rg}/providers/Microsoft.ContainerInstance/containerGroups/{name}";

    string GroupPath(string rg, string name, string version = Version) => $"{GroupId(rg, name)}?api-version={version}";

    /// <summary>What <c>az container create</c> sends: one container named after the group, port 80, 1 CPU, 1.5 GB.</summary>
    static JsonObject Body(string location, string image = HelloWorld, string? label = null, JsonArray? credentials = null,
        JsonArray? environment = null)
    {
        var ip = new JsonObject
        {
            ["type"] = "Public",
            ["ports"] = new JsonArray(new JsonObject { ["protocol"] = "TCP", ["port"] = 80 }),
        };
        if (label is not null) ip["dnsNameLabel"] = label;
        var properties = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "app",
                ["properties"] = new JsonObject
                {
                    ["image"] = image,
                    ["ports"] = new JsonArray(new JsonObject { ["protocol"] = "TCP", ["port"] = 80 }),
                    ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["memoryInGB"] = 1.5, ["cpu"] = 1.0 } },
                    ["environmentVariables"] = environment ?? new JsonArray(),
                },
            }),
            ["osType"] = "Linux",
            ["restartPolicy"] = "Always",
            ["ipAddress"] = ip,
        };
        if (credentials is not null) properties["imageRegistryCredentials"] = credentials;
        return new JsonObject { ["location"] = location, ["tags"] = new JsonObject(), ["properties"] = properties };
    }

    static JsonArray Credential(string server, string username, string password) =>
        new(new JsonObject { ["server"] = server, ["username"] = username, ["password"] = password });

    static JsonObject Container(JsonObject body, int index = 0) => body["properties"]!["containers"]![index]!["properties"]!.AsObject();

    Task<ArmResponse> PutAsync(string rg, string name, JsonObject body, string version = Version) =>
        fx.Arm.SendAsync(HttpMethod.Put, GroupPath(rg, name, version), body.ToJsonString());

    async Task<JsonNode> CreatedAsync(string rg, string name, JsonObject body)
    {
        var put = await PutAsync(rg, name, body);
        Assert.True(put.Status == HttpStatusCode.Created, put.Text);
        return put.Body!;
    }

    async Task<JsonNode> GetAsync(string rg, string name)
    {
        var get = await fx.Arm.GetAsync(GroupPath(rg, name));
        Assert.True(get.Status == HttpStatusCode.OK, get.Text);
        return get.Body!;
    }

    /// <summary>Imports a catalogue image into the registry, as <c>az acr import</c> does, and waits for it to land at home.</summary>
    async Task ImportAsync(string rg, string registry, string target = "aci-helloworld:v1",
        string source = "azuredocs/aci-helloworld:latest")
    {
        var import = await fx.Arm.PostAsync($"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}/importImage?api-version={ArmPaths.AcrVersion}",
            new { source = new { registryUri = "mcr.microsoft.com", sourceImage = source }, targetTags = new[] { target }, mode = "NoForce" });
        Assert.True(import.Status == HttpStatusCode.Accepted, import.Text);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
    }

    /// <summary>A registry holding aci-helloworld:v1 and a service principal holding AcrPull on it.</summary>
    async Task<(string Rg, string Registry, string LoginServer, TestPrincipal Principal, string Assignment)> PullableAsync(
        string location = "westus", object? properties = null)
    {
        var (rg, registry) = await fx.RegistryAsync(location, properties: properties);
        await ImportAsync(rg, registry);
        var principal = await fx.ServicePrincipalAsync();
        var assignment = await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.AcrPull, principal.ObjectId);
        return (rg, registry, $"{registry.ToLowerInvariant()}.azurecr.io", principal, assignment);
    }

    // Create, run, poll

    [Fact]
    public async Task Create_is_long_running_Pending_then_Running_with_ACIs_events()
    {
        var rg = await fx.GroupAsync();
        var name = Arrange.NewName("aci");

        var put = await PutAsync(rg, name, Body("westus"));

        Assert.Equal(HttpStatusCode.Created, put.Status);
        Assert.Equal("Pending", (string?)put.Body!["properties"]!["provisioningState"]);
        Assert.Equal("Microsoft.ContainerInstance/containerGroups", (string?)put.Body["type"]);
        var operation = new Uri(put.Header("Azure-AsyncOperation")!);
        Assert.Matches($"^/subscriptions/{fx.Subscription}/providers/Microsoft.ContainerInstance/locations/westus/operations/[0-9a-f-]{{36}}$",
            operation.AbsolutePath);
        Assert.Equal($"?api-version={Version}", operation.Query);
        Assert.Equal("Pending", (string?)(await fx.Arm.GetAsync(operation.PathAndQuery)).Body!["status"]);

        var pending = await GetAsync(rg, name);
        Assert.Equal("Pending", (string?)pending["properties"]!["instanceView"]!["state"]);
        var waiting = Container(pending.AsObject())["instanceView"]!;
        Assert.Equal("Waiting", (string?)waiting["currentState"]!["state"]);
        Assert.Equal(new[] { "Pulling" }, waiting["events"]!.AsArray().Select(e => (string)e!["name"]!));

        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay / 2);
        Assert.Equal("Creating", (string?)(await GetAsync(rg, name))["properties"]!["provisioningState"]);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay / 2);

        Assert.Equal("Succeeded", (string?)(await fx.Arm.GetAsync(operation.PathAndQuery)).Body!["status"]);
        var running = await GetAsync(rg, name);
        Assert.Equal("Succeeded", (string?)running["properties"]!["provisioningState"]);
        Assert.Equal("Running", (string?)running["properties"]!["instanceView"]!["state"]);
        var view = Container(running.AsObject())["instanceView"]!;
        Assert.Equal("Running", (string?)view["currentState"]!["state"]);
        Assert.NotNull((string?)view["currentState"]!["startTime"]);
        Assert.Equal(0, (int)view["restartCount"]!);
        var events = view["events"]!.AsArray();
        Assert.Equal(new[] { "Pulling", "Pulled", "Started" }, events.Select(e => (string)e!["name"]!));
        Assert.All(events, e =>
        {
            Assert.Equal("Normal", (string?)e!["type"]);
            Assert.Equal(1, (int)e["count"]!);
            Assert.Equal((string?)e["firstTimestamp"], (string?)e["lastTimestamp"]);
        });
        Assert.StartsWith($"pulling image \"mcr.microsoft.com/azuredocs/aci-helloworld@sha256:", (string?)events[0]!["message"]);
        Assert.Equal("Started container", (string?)events[2]!["message"]);
        Assert.Equal("Standard", (string?)running["properties"]!["sku"]);
    }

    [Fact]
    public async Task Public_ip_is_fixed_and_the_fqdn_is_label_region_azurecontainer_io()
    {
        var rg = await fx.GroupAsync("eastus");
        var name = Arrange.NewName("aci");
        var label = Arrange.NewName("aci-demo-");

        var created = await CreatedAsync(rg, name, Body("eastus", label: label));

        var ip = created["properties"]!["ipAddress"]!;
        Assert.Equal($"{label}.eastus.azurecontainer.io", (string?)ip["fqdn"]);
        Assert.Equal(label, (string?)ip["dnsNameLabel"]);
        Assert.Equal("Public", (string?)ip["type"]);
        Assert.Matches(@"^20\.\d{1,3}\.\d{1,3}\.\d{1,3}$", (string?)ip["ip"]);
        Assert.Equal((string?)ip["ip"], (string?)(await GetAsync(rg, name))["properties"]!["ipAddress"]!["ip"]);
        Assert.Equal("""[{"port":80,"protocol":"TCP"}]""", ip["ports"]!.ToJsonString());
    }

    [Fact]
    public async Task Responses_never_echo_registry_passwords_or_secure_values()
    {
        var (rg, _, server, principal, _) = await PullableAsync();
        var name = Arrange.NewName("aci");
        var body = Body("westus", $"{server}/aci-helloworld:v1", credentials: Credential(server, principal.AppId, principal.Secret),
            environment: new JsonArray(
                new JsonObject { ["name"] = "PLAIN", ["value"] = "visible" },
                new JsonObject { ["name"] = "TOKEN", ["secureValue"] = "s3cret-value-never-shown" }));

        var put = await PutAsync(rg, name, body);
        var get = await fx.Arm.GetAsync(GroupPath(rg, name));
        var list = await fx.Arm.GetAsync($"/subscriptions/{fx.Subscription}/resourceGroups/{rg}/providers/Microsoft.ContainerInstance/containerGroups?api-version={Version}");

        Assert.Equal(HttpStatusCode.Created, put.Status);
        foreach (var response in new[] { put, get, list })
        {
            Assert.DoesNotContain(principal.Secret, response.Text);
            Assert.DoesNotContain("s3cret-value-never-shown", response.Text);
            Assert.DoesNotContain("secureValue", response.Text);
            Assert.DoesNotContain("\"password\"", response.Text);
        }
        Assert.Equal($$"""[{"server":"{{server}}","username":"{{principal.AppId}}"}]""",
            get.Body!["properties"]!["imageRegistryCredentials"]!.ToJsonString());
        Assert.Equal("""[{"name":"PLAIN","value":"visible"},{"name":"TOKEN"}]""", Container(get.Body.AsObject())["environmentVariables"]!.ToJsonString());
    }

    // DNS name labels

    [Fact]
    public async Task A_label_another_group_holds_in_the_region_is_DnsNameLabelAlreadyTaken_until_that_group_is_deleted()
    {
        var rg = await fx.GroupAsync();
        var label = Arrange.NewName("aci-demo-");
        var first = Arrange.NewName("aci");
        await CreatedAsync(rg, first, Body("westus", label: label));

        var taken = await PutAsync(rg, "second", Body("westus", label: label));
        Assert.Equal(HttpStatusCode.BadRequest, taken.Status);
        Assert.Equal("DnsNameLabelAlreadyTaken", taken.ErrorCode);
        Assert.Equal($"The DNS name label '{label}' in container group 'second' is not available. Try using a different label.", taken.ErrorMessage);

        // The same label in another region is another name; the holder may PUT itself again.
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(rg, "elsewhere", Body("eastus", label: label))).Status);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(rg, first, Body("westus", label: label))).Status);

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.DeleteAsync(GroupPath(rg, first))).Status);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(rg, "second", Body("westus", label: label))).Status);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper-case")]
    [InlineData("1starts-with-digit")]
    [InlineData("ends-with-hyphen-")]
    [InlineData("under_score")]
    public async Task An_invalid_label_is_InvalidDnsNameLabel(string label)
    {
        var rg = await fx.GroupAsync();

        var put = await PutAsync(rg, "labelled", Body("westus", label: label));

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("InvalidDnsNameLabel", put.ErrorCode);
        Assert.Contains("The value must be between 5 and 63 characters long.", put.ErrorMessage);
    }

    // Body rules

    [Theory]
    [InlineData("no-containers", "NoContainersInContainerGroup")]
    [InlineData("61-containers", "TooManyContainersInContainerGroup")]
    [InlineData("container-name-upper", "InvalidContainerName")]
    [InlineData("container-name-64", "InvalidContainerName")]
    [InlineData("container-name-hyphen", "InvalidContainerName")]
    [InlineData("duplicate-container", "DuplicateContainerName")]
    [InlineData("no-image", "ContainerImageNotSpecified")]
    [InlineData("no-requests", "ResourceRequestsNotSpecified")]
    [InlineData("no-memory", "ResourceSomeRequestsNotSpecified")]
    [InlineData("zero-cpu", "InvalidCpuRequirement")]
    [InlineData("memory-step", "InvalidMemoryRequirement")]
    [InlineData("os-type", "InvalidOsType")]
    [InlineData("no-os-type", "InvalidOsType")]
    [InlineData("restart-policy", "InvalidRestartPolicy")]
    [InlineData("ip-type", "InvalidIpAddressType")]
    [InlineData("ip-port-not-exposed", "InvalidIpAddressPorts")]
    [InlineData("port-range", "InvalidContainerPort")]
    [InlineData("registry-server-protocol", "InvalidImageRegistryServer")]
    [InlineData("registry-no-password", "InvalidImageRegistryPassword")]
    [InlineData("secure-and-plain", "InvalidEnvironmentVariable")]
    public async Task Bodies_ACI_refuses_are_400_with_its_codes(string change, string code)
    {
        var rg = await fx.GroupAsync();
        var body = Body("westus");
        var properties = body["properties"]!.AsObject();
        var containers = properties["containers"]!.AsArray();
        var container = Container(body);
        switch (change)
        {
            case "no-containers": containers.Clear(); break;
            case "61-containers":
                for (var i = 1; i <= 60; i++)
                {
                    var copy = containers[0]!.DeepClone().AsObject();
                    copy["name"] = $"c{i}";
                    copy["properties"]!["ports"] = new JsonArray();
                    copy["properties"]!["resources"]!["requests"]!["cpu"] = 0.01;
                    copy["properties"]!["resources"]!["requests"]!["memoryInGB"] = 0.1;
                    containers.Add(copy);
                }
                break;
            case "container-name-upper": containers[0]!["name"] = "App"; break;
            case "container-name-64": containers[0]!["name"] = new string('a', 64); break;
            case "container-name-hyphen": containers[0]!["name"] = "-app"; break;
            case "duplicate-container": containers.Add(containers[0]!.DeepClone()); break;
            case "no-image": container.Remove("image"); break;
            case "no-requests": container.Remove("resources"); break;
            case "no-memory": container["resources"]!["requests"]!.AsObject().Remove("memoryInGB"); break;
            case "zero-cpu": container["resources"]!["requests"]!["cpu"] = 0; break;
            case "memory-step": container["resources"]!["requests"]!["memoryInGB"] = 1.55; break;
            case "os-type": properties["osType"] = "Solaris"; break;
            case "no-os-type": properties.Remove("osType"); break;
            case "restart-policy": properties["restartPolicy"] = "Sometimes"; break;
            case "ip-type": properties["ipAddress"]!["type"] = "Elastic"; break;
            case "ip-port-not-exposed": properties["ipAddress"]!["ports"]![0]!["port"] = 8080; break;
            case "port-range": container["ports"]![0]!["port"] = 70000; properties.Remove("ipAddress"); break;
            case "registry-server-protocol": properties["imageRegistryCredentials"] = Credential("https://x.azurecr.io", "u", "p"); break;
            case "registry-no-password":
                properties["imageRegistryCredentials"] = new JsonArray(new JsonObject { ["server"] = "x.azurecr.io", ["username"] = "u" });
                break;
            case "secure-and-plain":
                container["environmentVariables"] = new JsonArray(new JsonObject { ["name"] = "A", ["value"] = "1", ["secureValue"] = "2" });
                break;
        }

        var put = await PutAsync(rg, "refused", body);

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal(code, put.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(GroupPath(rg, "refused"))).Status);
    }

    [Fact]
    public async Task Missing_requests_and_os_type_get_ACIs_own_messages()
    {
        var rg = await fx.GroupAsync();
        var noRequests = Body("westus");
        Container(noRequests).Remove("resources");
        var noOs = Body("westus");
        noOs["properties"]!.AsObject().Remove("osType");

        Assert.Equal("The resource requests are not specified in container 'app' of contain group 'grp1'. Both memory and CPU requests " +
                     "are required since API version '2017-07-01-preview'.", (await PutAsync(rg, "grp1", noRequests)).ErrorMessage);
        Assert.Equal("The 'osType' for container group 'grp1' is invalid. The value must be one of 'Windows,Linux'.",
            (await PutAsync(rg, "grp1", noOs)).ErrorMessage);
    }

    [Fact]
    public async Task More_than_a_group_may_have_is_409_ServiceUnavailable()
    {
        var rg = await fx.GroupAsync();
        var body = Body("westus");
        Container(body)["resources"]!["requests"]!["cpu"] = 5;
        Container(body)["resources"]!["requests"]!["memoryInGB"] = 5;

        var put = await PutAsync(rg, "big", body);

        Assert.Equal(HttpStatusCode.Conflict, put.Status);
        Assert.Equal("ServiceUnavailable", put.ErrorCode);
        Assert.Equal("The requested resource is not available in the location 'westus' at this moment. Please retry with a different " +
                     "resource request or in another location. Resource requested: '5' CPU '5' GB memory 'Linux' OS", put.ErrorMessage);
    }

    [Theory]
    [InlineData("germanynorth")]
    [InlineData("atlantis")]
    public async Task A_region_without_the_service_is_LocationNotAvailableForResourceType(string location)
    {
        var rg = await fx.GroupAsync();

        var put = await PutAsync(rg, "nowhere", Body(location));

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("LocationNotAvailableForResourceType", put.ErrorCode);
        Assert.Contains("Microsoft.ContainerInstance/containerGroups", put.ErrorMessage);
    }

    [Theory]
    [InlineData("UpperCase")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    [InlineData("under_score")]
    public async Task An_invalid_group_name_is_refused(string name)
    {
        var rg = await fx.GroupAsync();

        var put = await PutAsync(rg, name, Body("westus"));

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("InvalidContainerGroupName", put.ErrorCode);
    }

    [Fact]
    public async Task Putting_again_redeploys_but_cpu_and_location_cannot_change_in_place()
    {
        var rg = await fx.GroupAsync();
        var name = Arrange.NewName("aci");
        await CreatedAsync(rg, name, Body("westus"));
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);

        var again = await PutAsync(rg, name, Body("westus"));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.NotNull(again.Header("Azure-AsyncOperation"));
        Assert.Equal("Pending", (string?)(await GetAsync(rg, name))["properties"]!["instanceView"]!["state"]);

        var bigger = Body("westus");
        Container(bigger)["resources"]!["requests"]!["cpu"] = 2;
        var refused = await PutAsync(rg, name, bigger);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("ContainerGroupUpdateInvalid", refused.ErrorCode);

        var moved = await PutAsync(rg, name, Body("eastus"));
        Assert.Equal(HttpStatusCode.BadRequest, moved.Status);
        Assert.Equal("InvalidResourceLocation", moved.ErrorCode);
    }

    [Fact]
    public async Task A_missing_resource_group_is_ResourceGroupNotFound()
    {
        var put = await PutAsync("no-such-group", "grp", Body("westus"));

        Assert.Equal(HttpStatusCode.NotFound, put.Status);
        Assert.Equal("ResourceGroupNotFound", put.ErrorCode);
    }

    // The pull check

    [Fact]
    public async Task A_registry_image_pulls_with_a_principal_holding_AcrPull()
    {
        var (rg, _, server, principal, _) = await PullableAsync();
        var name = Arrange.NewName("aci");

        var created = await CreatedAsync(rg, name, Body("westus", $"{server.ToUpperInvariant()}/aci-helloworld:v1",
            credentials: Credential(server, principal.AppId, principal.Secret)));
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);

        var running = await GetAsync(rg, name);
        Assert.Equal("Running", (string?)running["properties"]!["instanceView"]!["state"]);
        Assert.StartsWith($"Successfully pulled image \"{server.ToUpperInvariant()}/aci-helloworld@sha256:",
            (string?)Container(running.AsObject())["instanceView"]!["events"]![1]!["message"]);
        Assert.Equal("Pending", (string?)created["properties"]!["provisioningState"]);
    }

    [Fact]
    public async Task Every_pull_failure_is_the_same_InaccessibleImage_whatever_its_cause()
    {
        var (rg, registry, server, principal, _) = await PullableAsync();
        var withoutRole = await fx.ServicePrincipalAsync();
        var (application, appId) = await fx.ApplicationAsync();
        var (expiring, _) = await fx.PasswordAsync(application,
            new { displayName = "minute", endDateTime = fx.Clock.GetUtcNow().AddMinutes(1).UtcDateTime.ToString("o") });
        var expiredPrincipal = await fx.GraphAsync(HttpMethod.Post, "/servicePrincipals", new { appId });
        await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.AcrPull, (string)expiredPrincipal.Body!["id"]!);
        fx.Clock.Advance(TimeSpan.FromMinutes(2));
        var image = $"{server}/aci-helloworld:v1";

        var cases = new (string Why, JsonObject Body)[]
        {
            ("wrong password", Body("westus", image, credentials: Credential(server, principal.AppId, "not-the-password"))),
            ("no pull role", Body("westus", image, credentials: Credential(server, withoutRole.AppId, withoutRole.Secret))),
            ("expired secret", Body("westus", image, credentials: Credential(server, appId, expiring))),
            ("no credentials", Body("westus", image)),
            ("credentials for another server", Body("westus", image, credentials: Credential("other.azurecr.io", principal.AppId, principal.Secret))),
            ("missing tag", Body("westus", $"{server}/aci-helloworld:v2", credentials: Credential(server, principal.AppId, principal.Secret))),
            ("missing repository", Body("westus", $"{server}/nothing:v1", credentials: Credential(server, principal.AppId, principal.Secret))),
            ("unknown registry", Body("westus", "noregistry0000.azurecr.io/aci-helloworld:v1",
                credentials: Credential("noregistry0000.azurecr.io", principal.AppId, principal.Secret))),
            ("not in the public catalogue", Body("westus", "mcr.microsoft.com/azuredocs/no-such-image:latest")),
        };
        foreach (var (why, body) in cases)
        {
            var put = await PutAsync(rg, "refused", body);
            var shown = (string?)body["properties"]!["containers"]![0]!["properties"]!["image"];
            Assert.True(put.Status == HttpStatusCode.BadRequest, $"{why}: {put.Text}");
            Assert.Equal("InaccessibleImage", put.ErrorCode);
            // The message is the same for every cause: only the image and the group are named.
            Assert.Equal($"The image '{shown}' in container group 'refused' {Inaccessible}", put.ErrorMessage);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(GroupPath(rg, "refused"))).Status);
    }

    [Fact]
    public async Task The_admin_user_pulls_only_while_it_is_enabled()
    {
        var (rg, registry, server, _, _) = await PullableAsync(properties: new { adminUserEnabled = true });
        var credentials = await fx.Arm.PostAsync($"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}/listCredentials?api-version={ArmPaths.AcrVersion}");
        var password = (string)credentials.Body!["passwords"]![0]!["value"]!;
        var body = Body("westus", $"{server}/aci-helloworld:v1", credentials: Credential(server, registry, password));

        Assert.Equal(HttpStatusCode.Created, (await PutAsync(rg, "admin-pull", body)).Status);

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PatchAsync(ArmPaths.Registry(fx.Subscription, rg, registry),
            new { properties = new { adminUserEnabled = false } })).Status);
        Assert.Equal("InaccessibleImage", (await PutAsync(rg, "admin-pull-2", body)).ErrorCode);
    }

    [Fact]
    public async Task An_anonymous_pull_registry_needs_no_credentials()
    {
        var (rg, _, server, _, _) = await PullableAsync(properties: new { anonymousPullEnabled = true });

        Assert.Equal(HttpStatusCode.Created, (await PutAsync(rg, "anonymous", Body("westus", $"{server}/aci-helloworld:v1"))).Status);
    }

    [Fact]
    public async Task The_image_is_looked_up_in_the_replica_of_the_groups_region_once_it_has_arrived_there()
    {
        var (rg, registry) = await fx.RegistryAsync("westus");
        await fx.ReplicaAsync(rg, registry, "japaneast");
        fx.Clock.Advance(EmulatorFixture.SyncDelay);
        await ImportAsync(rg, registry);
        var principal = await fx.ServicePrincipalAsync();
        await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.AcrPull, principal.ObjectId);
        var server = $"{registry.ToLowerInvariant()}.azurecr.io";
        JsonObject In(string location) =>
            Body(location, $"{server}/aci-helloworld:v1", credentials: Credential(server, principal.AppId, principal.Secret));

        // Landed at home; still on its way to Japan East.
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(rg, "at-home", In("westus"))).Status);
        Assert.Equal("InaccessibleImage", (await PutAsync(rg, "in-japan", In("japaneast"))).ErrorCode);
        // A region without a replica is served by the home region.
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(rg, "in-brazil", In("brazilsouth"))).Status);

        fx.Clock.Advance(EmulatorFixture.SyncDelay);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(rg, "in-japan", In("japaneast"))).Status);
    }

    [Fact]
    public async Task Start_pulls_again_and_fails_once_the_pull_role_is_gone()
    {
        var (rg, _, server, principal, assignment) = await PullableAsync();
        var name = Arrange.NewName("aci");
        await CreatedAsync(rg, name, Body("westus", $"{server}/aci-helloworld:v1", credentials: Credential(server, principal.AppId, principal.Secret)));
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.PostAsync($"{GroupId(rg, name)}/stop?api-version={Version}")).Status);

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.DeleteAsync($"{assignment}?api-version={PrincipalArrange.AuthorizationVersion}")).Status);
        var start = await fx.Arm.PostAsync($"{GroupId(rg, name)}/start?api-version={Version}");

        Assert.Equal(HttpStatusCode.BadRequest, start.Status);
        Assert.Equal("InaccessibleImage", start.ErrorCode);
        Assert.Equal("Stopped", (string?)(await GetAsync(rg, name))["properties"]!["instanceView"]!["state"]);
    }

    [Fact]
    public async Task A_group_whose_start_failed_starts_again_and_one_that_runs_has_nothing_to_start()
    {
        var rg = await fx.GroupAsync();
        var name = Arrange.NewName("aci");
        await CreatedAsync(rg, name, Body("westus"));
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.PostAsync($"{GroupId(rg, name)}/start?api-version={Version}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.PostAsync($"{GroupId(rg, name)}/stop?api-version={Version}")).Status);

        fx.Emulator.Faults.Add(new FaultRule { Method = "POST", Path = $"*/{name}/start", Action = FaultAction.FailOperation, Count = 1 });
        Assert.Equal(HttpStatusCode.Accepted, (await fx.Arm.PostAsync($"{GroupId(rg, name)}/start?api-version={Version}")).Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal("Failed", (string?)(await GetAsync(rg, name))["properties"]!["provisioningState"]);

        Assert.Equal(HttpStatusCode.Accepted, (await fx.Arm.PostAsync($"{GroupId(rg, name)}/start?api-version={Version}")).Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        var group = await GetAsync(rg, name);
        Assert.Equal("Succeeded", (string?)group["properties"]!["provisioningState"]);
        Assert.Equal("Running", (string?)group["properties"]!["instanceView"]!["state"]);
    }

    // Stop, start, restart, logs, delete, lists

    [Fact]
    public async Task Stop_start_and_restart_move_the_group_through_its_states()
    {
        var rg = await fx.GroupAsync();
        var name = Arrange.NewName("aci");
        await CreatedAsync(rg, name, Body("westus"));
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);

        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.PostAsync($"{GroupId(rg, name)}/stop?api-version={Version}")).Status);
        var stopped = await GetAsync(rg, name);
        Assert.Equal("Stopped", (string?)stopped["properties"]!["instanceView"]!["state"]);
        var terminated = Container(stopped.AsObject())["instanceView"]!["currentState"]!;
        Assert.Equal("Terminated", (string?)terminated["state"]);
        Assert.Equal(0, (int)terminated["exitCode"]!);

        var start = await fx.Arm.PostAsync($"{GroupId(rg, name)}/start?api-version={Version}");
        Assert.Equal(HttpStatusCode.Accepted, start.Status);
        var operation = new Uri(start.Header("Azure-AsyncOperation")!).PathAndQuery;
        Assert.Equal("Pending", (string?)(await GetAsync(rg, name))["properties"]!["instanceView"]!["state"]);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal("Succeeded", (string?)(await fx.Arm.GetAsync(operation)).Body!["status"]);
        Assert.Equal("Running", (string?)(await GetAsync(rg, name))["properties"]!["instanceView"]!["state"]);

        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.PostAsync($"{GroupId(rg, name)}/restart?api-version={Version}")).Status);
        Assert.Equal("Pending", (string?)(await GetAsync(rg, name))["properties"]!["instanceView"]!["state"]);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal("Running", (string?)(await GetAsync(rg, name))["properties"]!["instanceView"]!["state"]);
    }

    [Fact]
    public async Task Logs_are_the_helloworld_line_once_the_container_has_started()
    {
        var rg = await fx.GroupAsync();
        var name = Arrange.NewName("aci");
        await CreatedAsync(rg, name, Body("westus"));
        string Logs(string query = "") => $"{GroupId(rg, name)}/containers/app/logs?api-version={Version}{query}";

        Assert.Equal("""{"content":""}""", (await fx.Arm.GetAsync(Logs())).Text);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);

        Assert.Equal("listening on port 80\n", (string?)(await fx.Arm.GetAsync(Logs())).Body!["content"]);
        Assert.Equal("", (string?)(await fx.Arm.GetAsync(Logs("&tail=0"))).Body!["content"]);
        Assert.EndsWith("Z listening on port 80\n", (string?)(await fx.Arm.GetAsync(Logs("&timestamps=true"))).Body!["content"]);
        var unknown = await fx.Arm.GetAsync($"{GroupId(rg, name)}/containers/nope/logs?api-version={Version}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task Delete_answers_with_the_group_then_it_is_gone()
    {
        var rg = await fx.GroupAsync();
        var name = Arrange.NewName("aci");
        await CreatedAsync(rg, name, Body("westus"));

        var delete = await fx.Arm.DeleteAsync(GroupPath(rg, name));

        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Equal(name, (string?)delete.Body!["name"]);
        var gone = await fx.Arm.GetAsync(GroupPath(rg, name));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("ContainerGroupNotFound", gone.ErrorCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.DeleteAsync(GroupPath(rg, name))).Status);
    }

    [Fact]
    public async Task Groups_are_listed_per_resource_group_and_per_subscription_without_instance_views()
    {
        var rg = await fx.GroupAsync();
        var other = await fx.GroupAsync();
        await CreatedAsync(rg, "one", Body("westus"));
        await CreatedAsync(rg, "two", Body("westus"));
        await CreatedAsync(other, "three", Body("westus"));

        var inGroup = await fx.ListAllAsync($"/subscriptions/{fx.Subscription}/resourceGroups/{rg}/providers/Microsoft.ContainerInstance/containerGroups?api-version={Version}");
        var inSubscription = await fx.ListAllAsync($"/subscriptions/{fx.Subscription}/providers/Microsoft.ContainerInstance/containerGroups?api-version={Version}");

        Assert.Equal(new[] { "one", "two" }, inGroup.Select(g => (string)g["name"]!));
        Assert.Superset(new HashSet<string> { GroupId(rg, "one"), GroupId(rg, "two"), GroupId(other, "three") },
            inSubscription.Select(g => (string)g["id"]!).ToHashSet());
        Assert.All(inGroup, g => Assert.Null(g["properties"]!["instanceView"]));
    }

    [Fact]
    public async Task The_generic_resource_path_with_an_empty_parent_reaches_the_group()
    {
        var rg = await fx.GroupAsync();
        await CreatedAsync(rg, "generic", Body("westus"));

        // What `az container export` and `az container create --file` send: .../providers/{ns}//{type}/{name}.
        var get = await fx.Arm.GetAsync(
            $"/subscriptions/{fx.Subscription}/resourcegroups/{rg}/providers/Microsoft.ContainerInstance//containerGroups/generic?api-version={Version}");

        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal(GroupId(rg, "generic"), (string?)get.Body!["id"]);
    }

    // ARM: versions, provider, roles

    [Theory]
    [InlineData("2026-05-01")]
    [InlineData("2025-09-01")]
    [InlineData("2023-05-01")]
    [InlineData("2022-10-01-preview")]
    [InlineData("2021-10-01")]
    public async Task The_api_versions_clients_send_are_accepted(string version)
    {
        var rg = await fx.GroupAsync();

        Assert.Equal(HttpStatusCode.Created, (await PutAsync(rg, "versioned", Body("westus"), version)).Status);
    }

    [Fact]
    public async Task An_unknown_api_version_is_NoRegisteredProviderFound()
    {
        var rg = await fx.GroupAsync();

        var get = await fx.Arm.GetAsync(GroupPath(rg, "any", "2015-01-01"));

        Assert.Equal(HttpStatusCode.BadRequest, get.Status);
        Assert.Equal("NoRegisteredProviderFound", get.ErrorCode);
    }

    [Fact]
    public async Task The_provider_is_registered_with_container_groups()
    {
        var provider = await fx.Arm.GetAsync($"/subscriptions/{fx.Subscription}/providers/Microsoft.ContainerInstance?api-version=2021-04-01");

        Assert.Equal(HttpStatusCode.OK, provider.Status);
        Assert.Equal("Registered", (string?)provider.Body!["registrationState"]);
        Assert.Contains("containerGroups", provider.Body["resourceTypes"]!.AsArray().Select(t => (string?)t!["resourceType"]));
    }

    [Theory]
    [InlineData("GET", "/containerGroups", "Microsoft.ContainerInstance/containerGroups/read", "")]
    [InlineData("PUT", "/containerGroups/g1", "Microsoft.ContainerInstance/containerGroups/write", "/containerGroups/g1")]
    [InlineData("DELETE", "/containerGroups/g1", "Microsoft.ContainerInstance/containerGroups/delete", "/containerGroups/g1")]
    [InlineData("POST", "/containerGroups/g1/restart", "Microsoft.ContainerInstance/containerGroups/restart/action", "/containerGroups/g1")]
    [InlineData("POST", "/containerGroups/g1/stop", "Microsoft.ContainerInstance/containerGroups/stop/action", "/containerGroups/g1")]
    [InlineData("POST", "/containerGroups/g1/start", "Microsoft.ContainerInstance/containerGroups/start/action", "/containerGroups/g1")]
    [InlineData("GET", "/containerGroups/g1/containers/app/logs", "Microsoft.ContainerInstance/containerGroups/containers/logs/read",
        "/containerGroups/g1/containers/app")]
    public void Requests_map_to_the_actions_ACI_names(string method, string path, string action, string scope)
    {
        const string provider = "/subscriptions/0b5c1d2e-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerInstance";
        var required = ArmAuthorization.For(method, provider + path);

        Assert.NotNull(required);
        Assert.Equal(action, required.Action);
        Assert.Equal(scope.Length == 0 ? "/subscriptions/0b5c1d2e-0000-0000-0000-000000000001/resourceGroups/rg" : provider + scope,
            required.Scope);
    }

    [Fact]
    public void Polling_an_ACI_operation_needs_read_on_the_group_it_concerns()
    {
        var required = ArmAuthorization.For("GET",
            "/subscriptions/0b5c1d2e-0000-0000-0000-000000000001/providers/Microsoft.ContainerInstance/locations/westus/operations/1234");

        Assert.Equal("1234", required!.OperationName);
    }

    [Fact]
    public async Task A_Reader_sees_groups_and_cannot_create_them()
    {
        var rg = await fx.GroupAsync();
        await CreatedAsync(rg, "readable", Body("westus"));
        var reader = await fx.ServicePrincipalAsync();
        await fx.AssignAsync($"/subscriptions/{fx.Subscription}/resourceGroups/{rg}", PrincipalArrange.Reader, reader.ObjectId);
        var token = await fx.TokenAsync(reader);

        var get = await fx.Arm.SendAsync(HttpMethod.Get, GroupPath(rg, "readable"), token: token);
        var put = await fx.Arm.SendAsync(HttpMethod.Put, GroupPath(rg, "written"), Body("westus").ToJsonString(), token);

        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal(HttpStatusCode.Forbidden, put.Status);
        Assert.Equal("AuthorizationFailed", put.ErrorCode);
        Assert.Contains("'Microsoft.ContainerInstance/containerGroups/write'", put.ErrorMessage);
    }
}

public sealed class ContainerGroupPersistenceTests(PersistentEmulatorFixture fx) : IClassFixture<PersistentEmulatorFixture>
{
    [Fact]
    public async Task A_group_and_its_kept_password_survive_a_restart()
    {
        var (rg, registry) = await fx.RegistryAsync("westus");
        var import = await fx.Arm.PostAsync($"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}/importImage?api-version={ArmPaths.AcrVersion}",
            new { source = new { registryUri = "mcr.microsoft.com", sourceImage = "azuredocs/aci-helloworld:latest" }, targetTags = new[] { "aci-helloworld:v1" } });
        Assert.Equal(HttpStatusCode.Accepted, import.Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        var principal = await fx.ServicePrincipalAsync();
        await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.AcrPull, principal.ObjectId);
        var server = $"{registry.ToLowerInvariant()}.azurecr.io";
        var group = $"/subscriptions/{fx.Subscription}/resourceGroups/{rg}/providers/Microsoft.ContainerInstance/containerGroups/kept";
        var put = await fx.Arm.PutAsync($"{group}?api-version=2023-05-01", new
        {
            location = "westus",
            properties = new
            {
                osType = "Linux",
                containers = new[]
                {
                    new { name = "app", properties = new { image = $"{server}/aci-helloworld:v1", resources = new { requests = new { cpu = 1, memoryInGB = 1.5 } } } },
                },
                imageRegistryCredentials = new[] { new { server, username = principal.AppId, password = principal.Secret } },
            },
        });
        Assert.Equal(HttpStatusCode.Created, put.Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.PostAsync($"{group}/stop?api-version=2023-05-01")).Status);
        var before = (await fx.Arm.GetAsync($"{group}?api-version=2023-05-01")).Text;

        await fx.RestartAsync();

        Assert.Equal(before, (await fx.Arm.GetAsync($"{group}?api-version=2023-05-01")).Text);
        // Start pulls again with the password the service kept.
        Assert.Equal(HttpStatusCode.Accepted, (await fx.Arm.PostAsync($"{group}/start?api-version=2023-05-01")).Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal("Running", (string?)(await fx.Arm.GetAsync($"{group}?api-version=2023-05-01")).Body!["properties"]!["instanceView"]!["state"]);
    }
}

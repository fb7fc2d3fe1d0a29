using System.Net;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Tests;

/// <summary>
/// User-assigned identities as ARM and Entra ID see them, and a container group that pulls from a registry with one,
/// as ACI judges it: the identity assigned to the group, named by its credential, holding a pull role that has propagated.
/// </summary>
public sealed class ManagedIdentityTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    const string IdentityVersion = "2023-01-31";
    const string AciVersion = "2025-09-01";

    string IdentityId(string rg, string name) =>
        $"/subscriptions/{fx.Subscription}/resourceGroups/{rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}";

    string IdentityPath(string rg, string name, string version = IdentityVersion) => $"{IdentityId(rg, name)}?api-version={version}";

    string GroupPath(string rg, string name) =>
        $"/subscriptions/{fx.Subscription}/resourceGroups/{rg}/providers/Microsoft.ContainerInstance/containerGroups/{name}?api-version={AciVersion}";

    async Task<JsonNode> IdentityAsync(string rg, string name, string location = "westus")
    {
        var put = await fx.Arm.PutAsync(IdentityPath(rg, name), new { location });
        Assert.True(put.Status == HttpStatusCode.Created, put.Text);
        return put.Body!;
    }

    /// <summary>What <c>az container create --acr-identity ID --assign-identity ID</c> sends.</summary>
    static JsonObject GroupBody(string location, string image, string? credentialIdentity, params string[] assigned)
    {
        var body = new JsonObject
        {
            ["location"] = location,
            ["properties"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["name"] = "app",
                    ["properties"] = new JsonObject
                    {
                        ["image"] = image,
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["memoryInGB"] = 1.5, ["cpu"] = 1.0 } },
                    },
                }),
                ["osType"] = "Linux",
            },
        };
        if (credentialIdentity is not null)
            body["properties"]!["imageRegistryCredentials"] = new JsonArray(new JsonObject
            {
                ["server"] = image.Split('/')[0], ["identity"] = credentialIdentity,
            });
        if (assigned.Length > 0)
            body["identity"] = new JsonObject
            {
                ["type"] = "UserAssigned",
                ["userAssignedIdentities"] = new JsonObject(assigned.Select(a => KeyValuePair.Create(a, (JsonNode?)new JsonObject()))),
            };
        return body;
    }

    Task<ArmResponse> PutGroupAsync(string rg, string name, JsonObject body) =>
        fx.Arm.SendAsync(HttpMethod.Put, GroupPath(rg, name), body.ToJsonString());

    /// <summary>A registry holding aci-helloworld:v1 at home, and an identity with nothing assigned yet.</summary>
    async Task<(string Rg, string Registry, string Image, string IdentityId, string PrincipalId)> ArrangeAsync()
    {
        var (rg, registry) = await fx.RegistryAsync();
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "aci-helloworld:v1"));
        var name = Arrange.NewName("id-");
        var identity = await IdentityAsync(rg, name);
        return (rg, registry, $"{ContentArrange.LoginServer(registry)}/aci-helloworld:v1", IdentityId(rg, name),
            (string)identity["properties"]!["principalId"]!);
    }

    [Fact]
    public async Task An_identity_is_created_once_with_ids_that_never_change_and_is_listed()
    {
        var rg = await fx.GroupAsync();
        var created = await IdentityAsync(rg, "pull-id");
        Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", (string?)created["type"]);
        Assert.Equal(fx.Emulator.Identity.TenantId, (string?)created["properties"]!["tenantId"]);
        Assert.True(Guid.TryParse((string?)created["properties"]!["principalId"], out _));
        Assert.True(Guid.TryParse((string?)created["properties"]!["clientId"], out _));

        var again = await fx.Arm.PutAsync(IdentityPath(rg, "pull-id", "2022-01-31-preview"), new { location = "West US", tags = new { team = "a" } });
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal((string?)created["properties"]!["principalId"], (string?)again.Body!["properties"]!["principalId"]);
        Assert.Equal("a", (string?)again.Body["tags"]!["team"]);

        var inGroup = await fx.ListAllAsync(IdentityId(rg, "x")[..IdentityId(rg, "x").LastIndexOf('/')] + $"?api-version={IdentityVersion}");
        Assert.Equal(["pull-id"], inGroup.Select(i => (string)i["name"]!));
        var inSubscription = await fx.ListAllAsync(
            $"/subscriptions/{fx.Subscription}/providers/Microsoft.ManagedIdentity/userAssignedIdentities?api-version={IdentityVersion}");
        Assert.Contains(inSubscription, i => (string?)i["id"] == IdentityId(rg, "pull-id"));
    }

    [Theory]
    [InlineData("ab", "InvalidResourceName")]
    [InlineData("-starts-with-hyphen", "InvalidResourceName")]
    [InlineData("has.dot", "InvalidResourceName")]
    public async Task Bad_names_are_refused(string name, string code)
    {
        var rg = await fx.GroupAsync();
        var put = await fx.Arm.PutAsync(IdentityPath(rg, name), new { location = "westus" });
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal(code, put.ErrorCode);
    }

    [Fact]
    public async Task A_location_is_required_and_must_be_a_region()
    {
        var rg = await fx.GroupAsync();
        Assert.Equal("LocationRequired", (await fx.Arm.PutAsync(IdentityPath(rg, "no-location"), new { tags = new { } })).ErrorCode);
        Assert.Equal("LocationNotAvailableForResourceType", (await fx.Arm.PutAsync(IdentityPath(rg, "nowhere"), new { location = "moon" })).ErrorCode);
        Assert.Equal("ResourceNotFound", (await fx.Arm.GetAsync(IdentityPath(rg, "nowhere"))).ErrorCode);
    }

    [Fact]
    public async Task The_identity_is_a_service_principal_that_roles_can_be_assigned_to_until_it_is_deleted()
    {
        var (rg, registry) = await fx.RegistryAsync();
        var identity = await IdentityAsync(rg, "assignable");
        var principalId = (string)identity["properties"]!["principalId"]!;
        var clientId = (string)identity["properties"]!["clientId"]!;

        var principal = await fx.GraphAsync(HttpMethod.Get, $"/servicePrincipals/{principalId}");
        Assert.Equal(HttpStatusCode.OK, principal.Status);
        Assert.Equal("ManagedIdentity", (string?)principal.Body!["servicePrincipalType"]);
        Assert.Equal(clientId, (string?)principal.Body["appId"]);
        var assigned = await fx.PutAssignmentAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.AcrPull, principalId);
        Assert.Equal(HttpStatusCode.Created, assigned.Status);
        Assert.Equal("ServicePrincipal", (string?)assigned.Body!["properties"]!["principalType"]);

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.DeleteAsync(IdentityPath(rg, "assignable"))).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.DeleteAsync(IdentityPath(rg, "assignable"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.GraphAsync(HttpMethod.Get, $"/servicePrincipals/{principalId}")).Status);
        var late = await fx.PutAssignmentAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.AcrPush, principalId,
            principalType: null);
        Assert.Equal("PrincipalNotFound", late.ErrorCode);
    }

    [Fact]
    public async Task A_group_pulls_with_its_identity_once_that_holds_a_pull_role_and_shows_the_identity_ids()
    {
        var (rg, registry, image, identityId, principalId) = await ArrangeAsync();
        fx.Emulator.Pulls.Clear();

        var refused = await PutGroupAsync(rg, "no-role", GroupBody("westus", image, identityId, identityId));
        Assert.Equal("InaccessibleImage", refused.ErrorCode);

        await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.AcrPull, principalId);
        var put = await PutGroupAsync(rg, "with-role", GroupBody("westus", image, identityId, identityId));
        Assert.True(put.Status == HttpStatusCode.Created, put.Text);
        Assert.Equal(principalId, (string?)put.Body!["identity"]!["userAssignedIdentities"]![identityId]!["principalId"]);
        Assert.Equal(identityId, (string?)put.Body["properties"]!["imageRegistryCredentials"]![0]!["identity"]);

        var pulls = fx.Emulator.Pulls.Snapshot();
        Assert.Equal([false, true], pulls.Select(p => p.Succeeded));
        Assert.All(pulls, p => Assert.Equal("Identity", p.Credential));
        Assert.Equal("IdentityHasNoPullRole", pulls[0].Result);
        Assert.Equal(identityId, pulls[1].Principal);
    }

    [Fact]
    public async Task A_credential_must_name_an_identity_of_the_group_and_the_group_identities_must_exist()
    {
        var (rg, _, image, identityId, _) = await ArrangeAsync();
        var notAssigned = await PutGroupAsync(rg, "not-assigned", GroupBody("westus", image, identityId));
        Assert.Equal("InvalidImageRegistryIdentity", notAssigned.ErrorCode);

        var missing = IdentityId(rg, "never-made");
        var absent = await PutGroupAsync(rg, "absent", GroupBody("westus", image, missing, missing));
        Assert.Equal("FailedIdentityOperation", absent.ErrorCode);
        Assert.Contains(missing, absent.ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(GroupPath(rg, "absent"))).Status);
    }

    [Fact]
    public async Task A_new_role_assignment_reaches_the_registry_only_after_the_propagation_delay()
    {
        var (rg, registry, image, identityId, principalId) = await ArrangeAsync();
        fx.Emulator.Settings.RoleAssignmentPropagationDelay = TimeSpan.FromMinutes(2);
        try
        {
            await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.AcrPull, principalId);
            Assert.Equal("InaccessibleImage", (await PutGroupAsync(rg, "early", GroupBody("westus", image, identityId, identityId))).ErrorCode);
            fx.Clock.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal(HttpStatusCode.Created, (await PutGroupAsync(rg, "early", GroupBody("westus", image, identityId, identityId))).Status);
        }
        finally
        {
            fx.Emulator.Settings.RoleAssignmentPropagationDelay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_restart_pulls_again_and_fails_once_the_identity_is_gone()
    {
        var (rg, registry, image, identityId, principalId) = await ArrangeAsync();
        await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.AcrPull, principalId);
        Assert.Equal(HttpStatusCode.Created, (await PutGroupAsync(rg, "restarts", GroupBody("westus", image, identityId, identityId))).Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        var groupId = GroupPath(rg, "restarts").Split('?')[0];
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.PostAsync($"{groupId}/restart?api-version={AciVersion}")).Status);

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.DeleteAsync(IdentityPath(rg, identityId.Split('/')[^1]))).Status);
        fx.Emulator.Pulls.Clear();
        var restart = await fx.Arm.PostAsync($"{groupId}/restart?api-version={AciVersion}");
        Assert.Equal("InaccessibleImage", restart.ErrorCode);
        Assert.Equal("IdentityNotFound", Assert.Single(fx.Emulator.Pulls.Snapshot()).Result);
    }

    [Fact]
    public async Task The_pull_log_is_served_and_cleared_by_the_admin_api_without_a_password()
    {
        var (rg, registry) = await fx.RegistryAsync();
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "aci-helloworld:v1"));
        var principal = await fx.ServicePrincipalAsync();
        await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.AcrPull, principal.ObjectId);
        var body = GroupBody("westus", $"{ContentArrange.LoginServer(registry)}/aci-helloworld:v1", null);
        body["properties"]!["imageRegistryCredentials"] = new JsonArray(new JsonObject
        {
            ["server"] = ContentArrange.LoginServer(registry), ["username"] = principal.AppId, ["password"] = principal.Secret,
        });
        Assert.Equal(HttpStatusCode.Created, (await PutGroupAsync(rg, "with-password", body)).Status);

        var log = await fx.Arm.GetAsync("/_emulator/pulls");
        Assert.Equal(HttpStatusCode.OK, log.Status);
        var entry = log.Body!.AsArray().Last()!;
        Assert.Equal("Password", (string?)entry["credential"]);
        Assert.Equal(principal.AppId, (string?)entry["principal"]);
        Assert.True((bool)entry["succeeded"]!);
        Assert.DoesNotContain(principal.Secret, log.Text);

        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.DeleteAsync("/_emulator/pulls")).Status);
        Assert.Empty((await fx.Arm.GetAsync("/_emulator/pulls")).Body!.AsArray());
    }

    [Fact]
    public async Task An_import_from_a_regional_endpoint_reads_what_has_reached_that_replica()
    {
        var (rg, source) = await fx.RegistryAsync();
        await fx.ReplicaAsync(rg, source, "eastus");
        fx.Clock.Advance(EmulatorFixture.SyncDelay);
        await fx.ImportAsync(rg, source, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "app:v1"));
        var (targetRg, target) = await fx.RegistryAsync();
        var principal = await fx.ServicePrincipalAsync();
        await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, source), PrincipalArrange.AcrPull, principal.ObjectId);
        object FromRegion(string tag) => new
        {
            source = new
            {
                registryUri = ContentArrange.Regional(source, "eastus"), sourceImage = "app:v1",
                credentials = new { username = principal.AppId, password = principal.Secret },
            },
            targetTags = new[] { tag },
            mode = "NoForce",
        };

        // Landed at home, not yet in eastus: the eastus endpoint does not have it.
        var early = await fx.StartImportAsync(targetRg, target, FromRegion("app:early"));
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        var failed = await fx.Arm.GetAsync(early);
        Assert.Contains("Image not found", failed.Text);

        fx.Clock.Advance(EmulatorFixture.SyncDelay);
        await fx.ImportAsync(targetRg, target, FromRegion("app:v1"));
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Tests;

public sealed class RoleAssignmentTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    string SubscriptionScope => $"/subscriptions/{fx.Subscription}";
    string GroupScope(string rg) => $"/subscriptions/{fx.Subscription}/resourceGroups/{rg}";

    static string ListPath(string scope, string? filter = null, string version = PrincipalArrange.AuthorizationVersion) =>
        $"{scope}/providers/Microsoft.Authorization/roleAssignments?api-version={version}" +
        (filter is null ? "" : "&$filter=" + Uri.EscapeDataString(filter));

    async Task<string[]> ListIdsAsync(string scope, string? filter = null) =>
        (await fx.ListAllAsync(ListPath(scope, filter))).Select(a => (string)a["id"]!).ToArray();

    [Fact]
    public async Task Role_assignment_on_a_registry_is_created_read_and_listed()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var scope = ArmPaths.RegistryId(fx.Subscription, rg, registry);
        var principal = await fx.ServicePrincipalAsync();
        var name = Guid.NewGuid().ToString();

        var put = await fx.PutAssignmentAsync(scope, PrincipalArrange.AcrPull, principal.ObjectId, name: name);

        Assert.Equal(HttpStatusCode.Created, put.Status);
        var body = put.Body!;
        Assert.Equal($"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}", (string?)body["id"]);
        Assert.Equal(name, (string?)body["name"]);
        Assert.Equal("Microsoft.Authorization/roleAssignments", (string?)body["type"]);
        var properties = body["properties"]!;
        Assert.Equal(fx.DefinitionId(PrincipalArrange.AcrPull), (string?)properties["roleDefinitionId"]);
        Assert.Equal(principal.ObjectId, (string?)properties["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)properties["principalType"]);
        Assert.Equal(scope, (string?)properties["scope"]);
        Assert.Equal(fx.Emulator.Identity.PrincipalObjectId, (string?)properties["createdBy"]);
        Assert.Equal(fx.Emulator.Identity.PrincipalObjectId, (string?)properties["updatedBy"]);
        Assert.NotNull((string?)properties["createdOn"]);
        Assert.NotNull((string?)properties["updatedOn"]);

        var get = await fx.Arm.GetAsync(PrincipalArrange.AssignmentPath(scope, name));
        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal(put.Text, get.Text);
        Assert.Contains((string)body["id"]!, await ListIdsAsync(scope));
    }

    [Fact]
    public async Task Scope_is_stored_in_its_canonical_casing()
    {
        var rg = await fx.GroupAsync();
        var principal = await fx.ServicePrincipalAsync();

        var put = await fx.PutAssignmentAsync($"/subscriptions/{fx.Subscription}/resourcegroups/{rg.ToUpperInvariant()}",
            PrincipalArrange.Reader, principal.ObjectId);

        Assert.Equal(HttpStatusCode.Created, put.Status);
        Assert.Equal(GroupScope(rg), (string?)put.Body!["properties"]!["scope"]);
    }

    [Fact]
    public async Task Name_must_be_a_GUID()
    {
        var principal = await fx.ServicePrincipalAsync();
        var put = await fx.PutAssignmentAsync(SubscriptionScope, PrincipalArrange.Reader, principal.ObjectId, name: "my-assignment");
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("InvalidRoleAssignmentId", put.ErrorCode);
    }

    [Fact]
    public async Task Unknown_principal_is_400_PrincipalNotFound_with_ARMs_message()
    {
        var unknown = Guid.NewGuid().ToString();

        var put = await fx.PutAssignmentAsync(SubscriptionScope, PrincipalArrange.Reader, unknown, principalType: null);

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("PrincipalNotFound", put.ErrorCode);
        Assert.Equal(
            $"Principal {unknown.Replace("-", "")} does not exist in the directory {fx.Emulator.Identity.TenantId}. Check that you have the " +
            "correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related " +
            "to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, " +
            "User, or Group.  See https://aka.ms/docs-principaltype", put.ErrorMessage);
        // Naming a type does not make up a principal that does not exist.
        Assert.Equal("PrincipalNotFound", (await fx.PutAssignmentAsync(SubscriptionScope, PrincipalArrange.Reader, unknown)).ErrorCode);
    }

    [Fact]
    public async Task A_new_principal_is_found_only_with_principalType_until_the_directory_has_replicated()
    {
        var rg = await fx.GroupAsync();
        var principal = await fx.ServicePrincipalAsync();

        var untyped = await fx.PutAssignmentAsync(GroupScope(rg), PrincipalArrange.Reader, principal.ObjectId, principalType: null);
        Assert.Equal(HttpStatusCode.BadRequest, untyped.Status);
        Assert.Equal("PrincipalNotFound", untyped.ErrorCode);

        var typed = await fx.PutAssignmentAsync(GroupScope(rg), PrincipalArrange.Reader, principal.ObjectId);
        Assert.Equal(HttpStatusCode.Created, typed.Status);

        fx.Clock.Advance(TimeSpan.FromSeconds(10));
        var later = await fx.PutAssignmentAsync(GroupScope(rg), PrincipalArrange.AcrPull, principal.ObjectId, principalType: null);
        Assert.Equal(HttpStatusCode.Created, later.Status);
        Assert.Equal("ServicePrincipal", (string?)later.Body!["properties"]!["principalType"]);
    }

    [Fact]
    public async Task Replication_delay_is_an_admin_setting()
    {
        var settings = await fx.Arm.GetAsync("/_emulator/settings");
        Assert.Equal(10, (double)settings.Body!["principalReplicationDelaySeconds"]!);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PatchAsync("/_emulator/settings", new { principalReplicationDelaySeconds = 0 })).Status);
        try
        {
            var principal = await fx.ServicePrincipalAsync();
            var put = await fx.PutAssignmentAsync(await GroupScopeAsync(), PrincipalArrange.Reader, principal.ObjectId, principalType: null);
            Assert.Equal(HttpStatusCode.Created, put.Status);
            Assert.Equal(HttpStatusCode.BadRequest,
                (await fx.Arm.PatchAsync("/_emulator/settings", new { principalReplicationDelaySeconds = -1 })).Status);
        }
        finally
        {
            await fx.Arm.PatchAsync("/_emulator/settings", new { principalReplicationDelaySeconds = 10 });
        }
    }

    async Task<string> GroupScopeAsync() => GroupScope(await fx.GroupAsync());

    [Theory]
    [InlineData("User")]
    [InlineData("Group")]
    public async Task Principal_type_must_match_the_principal(string principalType)
    {
        var principal = await fx.ServicePrincipalAsync();
        var put = await fx.PutAssignmentAsync(await GroupScopeAsync(), PrincipalArrange.Reader, principal.ObjectId, principalType);
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("UnmatchedPrincipalType", put.ErrorCode);
        Assert.Contains($"different from specified PrincipalType '{principalType}'", put.ErrorMessage);
    }

    [Fact]
    public async Task Principal_type_must_be_one_ARM_knows()
    {
        var principal = await fx.ServicePrincipalAsync();
        var put = await fx.PutAssignmentAsync(await GroupScopeAsync(), PrincipalArrange.Reader, principal.ObjectId, "MSI");
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("InvalidPrincipalType", put.ErrorCode);
    }

    [Theory]
    [InlineData("00000000-1111-2222-3333-444444444444")]
    [InlineData("not-a-role")]
    public async Task Unknown_role_definition_is_400_RoleDefinitionDoesNotExist(string roleId)
    {
        var principal = await fx.ServicePrincipalAsync();
        var put = await fx.PutAssignmentAsync(await GroupScopeAsync(), roleId, principal.ObjectId);
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("RoleDefinitionDoesNotExist", put.ErrorCode);
        Assert.Equal($"The specified role definition with ID '{roleId}' does not exist.", put.ErrorMessage);
    }

    [Fact]
    public async Task Same_principal_role_and_scope_twice_is_409_RoleAssignmentExists()
    {
        var scope = await GroupScopeAsync();
        var principal = await fx.ServicePrincipalAsync();
        var name = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await fx.PutAssignmentAsync(scope, PrincipalArrange.Reader, principal.ObjectId, name: name)).Status);

        var again = await fx.PutAssignmentAsync(scope, PrincipalArrange.Reader, principal.ObjectId);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("RoleAssignmentExists", again.ErrorCode);
        Assert.Equal("The role assignment already exists.", again.ErrorMessage);

        // The same assignment under its own name is a no-op; changing it is refused.
        Assert.Equal(HttpStatusCode.OK, (await fx.PutAssignmentAsync(scope, PrincipalArrange.Reader, principal.ObjectId, name: name)).Status);
        var changed = await fx.PutAssignmentAsync(scope, PrincipalArrange.AcrPull, principal.ObjectId, name: name);
        Assert.Equal(HttpStatusCode.BadRequest, changed.Status);
        Assert.Equal("RoleAssignmentUpdateNotPermitted", changed.ErrorCode);
    }

    [Fact]
    public async Task Scope_that_does_not_exist_is_404_as_ARM_answers()
    {
        var principal = await fx.ServicePrincipalAsync();
        var rg = await fx.GroupAsync();

        var group = await fx.PutAssignmentAsync(GroupScope("missing" + Guid.NewGuid().ToString("N")[..6]), PrincipalArrange.Reader, principal.ObjectId);
        Assert.Equal(HttpStatusCode.NotFound, group.Status);
        Assert.Equal("ResourceGroupNotFound", group.ErrorCode);

        var registry = await fx.PutAssignmentAsync(ArmPaths.RegistryId(fx.Subscription, rg, "missing12345"), PrincipalArrange.AcrPull,
            principal.ObjectId);
        Assert.Equal(HttpStatusCode.NotFound, registry.Status);
        Assert.Equal("ResourceNotFound", registry.ErrorCode);
        Assert.Contains("Microsoft.ContainerRegistry/registries/missing12345", registry.ErrorMessage);

        var subscription = await fx.PutAssignmentAsync($"/subscriptions/{Guid.NewGuid()}", PrincipalArrange.Reader, principal.ObjectId);
        Assert.Equal(HttpStatusCode.NotFound, subscription.Status);
        Assert.Equal("SubscriptionNotFound", subscription.ErrorCode);
    }

    [Fact]
    public async Task Reads_answer_at_any_scope_of_the_subscription_even_one_that_does_not_exist_yet()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var principal = await fx.ServicePrincipalAsync();
        var atRegistry = await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.AcrPull, principal.ObjectId);
        // What applies to something not made yet: a child of the registry, then a registry in a group that does not exist.
        var child = ArmPaths.RegistryId(fx.Subscription, rg, registry) + "/webhooks/notyet";

        Assert.Equal(new[] { atRegistry }, await ListIdsAsync(child, $"principalId eq '{principal.ObjectId}'"));
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(ListPath(ArmPaths.RegistryId(fx.Subscription, "nogroup", "noregistry1")))).Status);
        Assert.Equal(HttpStatusCode.OK,
            (await fx.Arm.GetAsync($"{child}/providers/Microsoft.Authorization/roleDefinitions/{PrincipalArrange.AcrPull}?api-version=2022-04-01")).Status);

        var otherSubscription = await fx.Arm.GetAsync(ListPath($"/subscriptions/{Guid.NewGuid()}"));
        Assert.Equal(HttpStatusCode.NotFound, otherSubscription.Status);
        Assert.Equal("SubscriptionNotFound", otherSubscription.ErrorCode);
    }

    [Fact]
    public async Task Delete_returns_the_assignment_then_204_and_it_is_gone()
    {
        var scope = await GroupScopeAsync();
        var principal = await fx.ServicePrincipalAsync();
        var name = Guid.NewGuid().ToString();
        await fx.PutAssignmentAsync(scope, PrincipalArrange.Reader, principal.ObjectId, name: name);

        var deleted = await fx.Arm.DeleteAsync(PrincipalArrange.AssignmentPath(scope, name));
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(name, (string?)deleted.Body!["name"]);

        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.DeleteAsync(PrincipalArrange.AssignmentPath(scope, name))).Status);
        var get = await fx.Arm.GetAsync(PrincipalArrange.AssignmentPath(scope, name));
        Assert.Equal(HttpStatusCode.NotFound, get.Status);
        Assert.Equal("RoleAssignmentNotFound", get.ErrorCode);
    }

    [Fact]
    public async Task List_shows_assignments_above_at_and_below_the_scope_and_atScope_drops_those_below()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var principal = await fx.ServicePrincipalAsync();
        var atSubscription = await fx.AssignAsync(SubscriptionScope, PrincipalArrange.Reader, principal.ObjectId);
        var atGroup = await fx.AssignAsync(GroupScope(rg), PrincipalArrange.Contributor, principal.ObjectId);
        var atRegistry = await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.AcrPull, principal.ObjectId);
        var elsewhere = await fx.AssignAsync(await GroupScopeAsync(), PrincipalArrange.Reader, principal.ObjectId);

        var all = await ListIdsAsync(GroupScope(rg));
        Assert.Contains(atSubscription, all);
        Assert.Contains(atGroup, all);
        Assert.Contains(atRegistry, all);
        Assert.DoesNotContain(elsewhere, all);
        // The emulator's own Owner assignment at the subscription applies here too.
        Assert.Contains(all, id => id.StartsWith(SubscriptionScope + "/providers/", StringComparison.OrdinalIgnoreCase) && id != atSubscription);

        var atScope = await ListIdsAsync(GroupScope(rg), "atScope()");
        Assert.Contains(atSubscription, atScope);
        Assert.Contains(atGroup, atScope);
        Assert.DoesNotContain(atRegistry, atScope);

        var mine = await ListIdsAsync(GroupScope(rg), $"principalId eq '{principal.ObjectId}'");
        Assert.Equal(new[] { atSubscription, atGroup, atRegistry }.Order(StringComparer.OrdinalIgnoreCase),
            mine.Order(StringComparer.OrdinalIgnoreCase));
        var mineAtScope = await ListIdsAsync(GroupScope(rg), $"atScope() and assignedTo('{principal.ObjectId}')");
        Assert.Equal(new[] { atSubscription, atGroup }.Order(StringComparer.OrdinalIgnoreCase), mineAtScope.Order(StringComparer.OrdinalIgnoreCase));

        var bad = await fx.Arm.GetAsync(ListPath(GroupScope(rg), "roleDefinitionId eq 'x'"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("InvalidFilter", bad.ErrorCode);
    }

    [Fact]
    public async Task Role_definitions_are_listed_filtered_by_name_and_read_by_id_at_any_scope()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var registryScope = ArmPaths.RegistryId(fx.Subscription, rg, registry);

        var all = await fx.ListAllAsync($"{SubscriptionScope}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01");
        Assert.Contains(all, d => (string?)d["properties"]!["roleName"] == "Owner");

        // `--role acrpull` works in any casing.
        var filter = Uri.EscapeDataString("roleName eq 'acrpull'");
        var named = await fx.Arm.GetAsync($"{registryScope}/providers/Microsoft.Authorization/roleDefinitions?$filter={filter}&api-version=2018-01-01-preview");
        Assert.Equal(HttpStatusCode.OK, named.Status);
        var acrPull = named.Body!["value"]!.AsArray().Single()!;
        Assert.Equal(fx.DefinitionId(PrincipalArrange.AcrPull), (string?)acrPull["id"]);
        Assert.Equal(PrincipalArrange.AcrPull, (string?)acrPull["name"]);
        Assert.Equal("Microsoft.Authorization/roleDefinitions", (string?)acrPull["type"]);
        Assert.Equal("AcrPull", (string?)acrPull["properties"]!["roleName"]);
        Assert.Equal("BuiltInRole", (string?)acrPull["properties"]!["type"]);
        Assert.Equal("Microsoft.ContainerRegistry/registries/pull/read",
            (string?)acrPull["properties"]!["permissions"]![0]!["actions"]![0]);

        var byId = await fx.Arm.GetAsync($"{fx.DefinitionId(PrincipalArrange.AcrPush)}?api-version=2022-04-01");
        Assert.Equal(HttpStatusCode.OK, byId.Status);
        Assert.Equal("AcrPush", (string?)byId.Body!["properties"]!["roleName"]);

        var missing = await fx.Arm.GetAsync($"{fx.DefinitionId(Guid.NewGuid().ToString())}?api-version=2022-04-01");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("RoleDefinitionDoesNotExist", missing.ErrorCode);
    }

    [Theory]
    [InlineData("2022-04-01")]
    [InlineData("2020-04-01-preview")]
    [InlineData("2018-09-01-preview")]
    [InlineData("2018-01-01-preview")]
    [InlineData("2015-07-01")]
    public async Task Clients_api_versions_are_accepted(string version)
    {
        var list = await fx.Arm.GetAsync(ListPath(SubscriptionScope, "atScope()", version));
        Assert.Equal(HttpStatusCode.OK, list.Status);
    }

    [Fact]
    public async Task Missing_or_unknown_api_version_is_refused()
    {
        var missing = await fx.Arm.GetAsync($"{SubscriptionScope}/providers/Microsoft.Authorization/roleAssignments");
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("MissingApiVersionParameter", missing.ErrorCode);

        var unknown = await fx.Arm.GetAsync(ListPath(SubscriptionScope, version: "2019-01-01"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("NoRegisteredProviderFound", unknown.ErrorCode);
    }

    [Fact]
    public async Task Role_assignments_need_a_token()
    {
        using var anonymous = new ArmClient(fx.Emulator);
        var list = await anonymous.GetAsync(ListPath(SubscriptionScope));
        Assert.Equal(HttpStatusCode.Unauthorized, list.Status);
        Assert.Equal("AuthenticationFailed", list.ErrorCode);
    }

    [Fact]
    public async Task Authorization_is_listed_among_the_providers()
    {
        var provider = await fx.Arm.GetAsync($"{SubscriptionScope}/providers/Microsoft.Authorization?api-version=2021-04-01");
        Assert.Equal(HttpStatusCode.OK, provider.Status);
        Assert.Contains(provider.Body!["resourceTypes"]!.AsArray(), t => (string?)t!["resourceType"] == "roleAssignments");
    }
}

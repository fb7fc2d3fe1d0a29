using System.Net;
using AcrGeo.Emulator.Authorization;

namespace AcrGeo.Emulator.Tests;

public sealed class RbacEnforcementTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    const string S = "/subscriptions/0b5c1d2e-0000-0000-0000-000000000001";
    const string Rg = S + "/resourceGroups/rg";
    const string Acr = Rg + "/providers/Microsoft.ContainerRegistry/registries/reg1";

    // The mapping from requests to ARM actions

    [Theory]
    [InlineData("GET", S, "Microsoft.Resources/subscriptions/read", S)]
    [InlineData("GET", S + "/locations", "Microsoft.Resources/subscriptions/locations/read", S)]
    [InlineData("GET", S + "/providers", "Microsoft.Resources/subscriptions/providers/read", S)]
    [InlineData("GET", S + "/providers/Microsoft.ContainerRegistry", "Microsoft.Resources/subscriptions/providers/read", S + "/providers/Microsoft.ContainerRegistry")]
    [InlineData("POST", S + "/providers/microsoft.containerregistry/register", "Microsoft.ContainerRegistry/register/action", S)]
    [InlineData("GET", S + "/resourcegroups", "Microsoft.Resources/subscriptions/resourceGroups/read", S)]
    [InlineData("GET", S + "/resources", "Microsoft.Resources/subscriptions/resources/read", S)]
    [InlineData("HEAD", Rg, "Microsoft.Resources/subscriptions/resourceGroups/read", Rg)]
    [InlineData("PUT", S + "/resourcegroups/rg", "Microsoft.Resources/subscriptions/resourceGroups/write", S + "/resourcegroups/rg")]
    [InlineData("PATCH", Rg, "Microsoft.Resources/subscriptions/resourceGroups/write", Rg)]
    [InlineData("DELETE", Rg, "Microsoft.Resources/subscriptions/resourceGroups/delete", Rg)]
    [InlineData("GET", Rg + "/resources", "Microsoft.Resources/subscriptions/resourceGroups/resources/read", Rg)]
    [InlineData("GET", S + "/providers/Microsoft.ContainerRegistry/registries", "Microsoft.ContainerRegistry/registries/read", S)]
    [InlineData("POST", S + "/providers/Microsoft.ContainerRegistry/checkNameAvailability", "Microsoft.ContainerRegistry/checkNameAvailability/action", S)]
    [InlineData("GET", Rg + "/providers/Microsoft.ContainerRegistry/registries", "Microsoft.ContainerRegistry/registries/read", Rg)]
    [InlineData("GET", Acr, "Microsoft.ContainerRegistry/registries/read", Acr)]
    [InlineData("PUT", Acr, "Microsoft.ContainerRegistry/registries/write", Acr)]
    [InlineData("PATCH", Acr, "Microsoft.ContainerRegistry/registries/write", Acr)]
    [InlineData("DELETE", Acr, "Microsoft.ContainerRegistry/registries/delete", Acr)]
    [InlineData("POST", Acr + "/listCredentials", "Microsoft.ContainerRegistry/registries/listCredentials/action", Acr)]
    [InlineData("POST", Acr + "/regenerateCredential", "Microsoft.ContainerRegistry/registries/regenerateCredential/action", Acr)]
    [InlineData("POST", Acr + "/importImage", "Microsoft.ContainerRegistry/registries/importImage/action", Acr)]
    [InlineData("GET", Acr + "/replications", "Microsoft.ContainerRegistry/registries/replications/read", Acr)]
    [InlineData("PUT", Acr + "/replications/eastus", "Microsoft.ContainerRegistry/registries/replications/write", Acr + "/replications/eastus")]
    [InlineData("POST", Acr + "/webhooks/hook1/ping", "Microsoft.ContainerRegistry/registries/webhooks/ping/action", Acr + "/webhooks/hook1")]
    [InlineData("POST", Acr + "/webhooks/hook1/getCallbackConfig", "Microsoft.ContainerRegistry/registries/webhooks/getCallbackConfig/action", Acr + "/webhooks/hook1")]
    [InlineData("GET", S + "/providers/Microsoft.Authorization/roleAssignments", "Microsoft.Authorization/roleAssignments/read", S)]
    [InlineData("PUT", Acr + "/providers/Microsoft.Authorization/roleAssignments/3f5e", "Microsoft.Authorization/roleAssignments/write", Acr + "/providers/Microsoft.Authorization/roleAssignments/3f5e")]
    [InlineData("DELETE", Rg + "/providers/Microsoft.Authorization/roleAssignments/3f5e", "Microsoft.Authorization/roleAssignments/delete", Rg + "/providers/Microsoft.Authorization/roleAssignments/3f5e")]
    [InlineData("GET", Acr + "/providers/Microsoft.Authorization/roleDefinitions", "Microsoft.Authorization/roleDefinitions/read", Acr)]
    [InlineData("PUT", "/providers/Microsoft.Authorization/roleAssignments/3f5e", "Microsoft.Authorization/roleAssignments/write", "/providers/Microsoft.Authorization/roleAssignments/3f5e")]
    public void Requests_map_to_the_actions_Azure_names(string method, string path, string action, string scope)
    {
        var required = ArmAuthorization.For(method, path);
        Assert.NotNull(required);
        Assert.Equal(action, required.Action);
        Assert.Equal(scope, required.Scope);
        Assert.Null(required.OperationName);
    }

    [Theory]
    [InlineData("GET", Acr + "/operationStatuses/registries-1234", "registries-1234")]
    [InlineData("GET", Acr + "/replications/eastus/operationStatuses/replications-99", "replications-99")]
    [InlineData("GET", S + "/providers/Microsoft.ContainerRegistry/locations/westus/operationResults/webhooks-7", "webhooks-7")]
    [InlineData("GET", S + "/operationresults/abc", "abc")]
    public void Operation_polls_need_read_on_what_they_concern(string method, string path, string operation)
    {
        var required = ArmAuthorization.For(method, path);
        Assert.Equal(operation, required?.OperationName);
    }

    [Theory]
    [InlineData("GET", "/subscriptions")]
    [InlineData("GET", "/tenants")]
    [InlineData("GET", "/providers/Microsoft.ContainerRegistry/operations")]
    public void Requests_ARM_does_not_check_against_roles(string method, string path) =>
        Assert.Null(ArmAuthorization.For(method, path));

    // Enforcement

    async Task<(TestPrincipal Principal, string Token)> PrincipalWithAsync(string? scope, string? roleId)
    {
        var principal = await fx.ServicePrincipalAsync();
        if (scope is not null) await fx.AssignAsync(scope, roleId!, principal.ObjectId);
        return (principal, await fx.TokenAsync(principal));
    }

    static void AssertForbidden(ArmResponse response, TestPrincipal principal, string action, string scope)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("AuthorizationFailed", response.ErrorCode);
        Assert.Equal(
            $"The client '{principal.AppId}' with object id '{principal.ObjectId}' does not have authorization to perform action " +
            $"'{action}' over scope '{scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.",
            response.ErrorMessage);
    }

    [Fact]
    public async Task AcrPull_on_one_registry_allows_no_management_operation()
    {
        var (rgA, registryA) = await fx.RegistryAsync(sku: "Basic");
        var (rgB, registryB) = await fx.RegistryAsync(sku: "Basic");
        var idA = ArmPaths.RegistryId(fx.Subscription, rgA, registryA);
        var (principal, token) = await PrincipalWithAsync(idA, PrincipalArrange.AcrPull);

        // It holds a role in the subscription, so it sees it.
        var subscriptions = await fx.Arm.SendAsync(HttpMethod.Get, "/subscriptions?api-version=2022-12-01", token: token);
        Assert.Equal(fx.Subscription, (string?)subscriptions.Body!["value"]![0]!["subscriptionId"]);
        Assert.Equal(HttpStatusCode.OK,
            (await fx.Arm.SendAsync(HttpMethod.Get, $"/subscriptions/{fx.Subscription}?api-version=2022-12-01", token: token)).Status);

        // AcrPull grants pulls only: not even reading the registry resource.
        AssertForbidden(await fx.Arm.SendAsync(HttpMethod.Get, ArmPaths.Registry(fx.Subscription, rgA, registryA), token: token),
            principal, "Microsoft.ContainerRegistry/registries/read", idA);
        AssertForbidden(await fx.Arm.SendAsync(HttpMethod.Get, ArmPaths.Registry(fx.Subscription, rgB, registryB), token: token),
            principal, "Microsoft.ContainerRegistry/registries/read", ArmPaths.RegistryId(fx.Subscription, rgB, registryB));
        AssertForbidden(await fx.Arm.SendAsync(HttpMethod.Patch, ArmPaths.Registry(fx.Subscription, rgA, registryA), new { tags = new { a = "b" } }, token),
            principal, "Microsoft.ContainerRegistry/registries/write", idA);
        AssertForbidden(await fx.Arm.SendAsync(HttpMethod.Post, $"{idA}/listCredentials?api-version={ArmPaths.AcrVersion}", token: token),
            principal, "Microsoft.ContainerRegistry/registries/listCredentials/action", idA);
        var newGroup = Arrange.NewName("rg");
        AssertForbidden(await fx.Arm.SendAsync(HttpMethod.Put, ArmPaths.Group(fx.Subscription, newGroup), new { location = "westus" }, token),
            principal, "Microsoft.Resources/subscriptions/resourceGroups/write", $"/subscriptions/{fx.Subscription}/resourcegroups/{newGroup}");
        var assignment = PrincipalArrange.AssignmentPath(idA);
        AssertForbidden(await fx.Arm.SendAsync(HttpMethod.Put, assignment, new
        {
            properties = new { roleDefinitionId = fx.DefinitionId(PrincipalArrange.AcrPush), principalId = principal.ObjectId },
        }, token), principal, "Microsoft.Authorization/roleAssignments/write", assignment.Split('?')[0]);
        // Authorization comes before existence, as on ARM: a missing resource is no different.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await fx.Arm.SendAsync(HttpMethod.Get, ArmPaths.Registry(fx.Subscription, "nogroup", "noregistry1"), token: token)).Status);
    }

    [Fact]
    public async Task Unknown_subscription_is_still_404_not_403()
    {
        var (_, token) = await PrincipalWithAsync(null, null);
        var response = await fx.Arm.SendAsync(HttpMethod.Get, $"/subscriptions/{Guid.NewGuid()}/resourcegroups?api-version=2021-04-01", token: token);
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("SubscriptionNotFound", response.ErrorCode);
    }

    [Fact]
    public async Task A_principal_without_any_role_sees_no_subscription()
    {
        var (principal, token) = await PrincipalWithAsync(null, null);

        var list = await fx.Arm.SendAsync(HttpMethod.Get, "/subscriptions?api-version=2022-12-01", token: token);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Empty(list.Body!["value"]!.AsArray());

        var scope = $"/subscriptions/{fx.Subscription}";
        AssertForbidden(await fx.Arm.SendAsync(HttpMethod.Get, scope + "?api-version=2022-12-01", token: token),
            principal, "Microsoft.Resources/subscriptions/read", scope);
        AssertForbidden(await fx.Arm.SendAsync(HttpMethod.Get, scope + "/resourcegroups?api-version=2021-04-01", token: token),
            principal, "Microsoft.Resources/subscriptions/resourceGroups/read", scope);
    }

    [Fact]
    public async Task Reader_on_a_resource_group_reads_inside_it_and_nowhere_else_and_changes_nothing()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var (otherRg, otherRegistry) = await fx.RegistryAsync(sku: "Basic");
        var (principal, token) = await PrincipalWithAsync($"/subscriptions/{fx.Subscription}/resourceGroups/{rg}", PrincipalArrange.Reader);

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.SendAsync(HttpMethod.Get, ArmPaths.Registry(fx.Subscription, rg, registry), token: token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.SendAsync(HttpMethod.Get, ArmPaths.Replications(fx.Subscription, rg, registry), token: token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.SendAsync(HttpMethod.Get,
            $"/subscriptions/{fx.Subscription}/resourceGroups/{rg}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01",
            token: token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await fx.Arm.SendAsync(HttpMethod.Get, ArmPaths.Registry(fx.Subscription, otherRg, otherRegistry), token: token)).Status);
        AssertForbidden(await fx.Arm.SendAsync(HttpMethod.Delete, ArmPaths.Registry(fx.Subscription, rg, registry), token: token),
            principal, "Microsoft.ContainerRegistry/registries/delete", ArmPaths.RegistryId(fx.Subscription, rg, registry));
    }

    [Fact]
    public async Task Resource_Graph_shows_a_reader_only_the_resources_its_roles_reach()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Premium");
        var (otherRg, otherRegistry) = await fx.RegistryAsync(sku: "Premium");
        var (_, groupReader) = await PrincipalWithAsync($"/subscriptions/{fx.Subscription}/resourceGroups/{rg}", PrincipalArrange.Reader);
        var (_, registryPuller) = await PrincipalWithAsync(ArmPaths.RegistryId(fx.Subscription, otherRg, otherRegistry), PrincipalArrange.AcrPull);

        async Task<List<string>> NamesAsync(string token)
        {
            var answer = await fx.Arm.SendAsync(HttpMethod.Post, "/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01",
                new { query = "resources | where type =~ 'microsoft.containerregistry/registries' | project id, name", subscriptions = new[] { fx.Subscription } },
                token);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            return answer.Body!["data"]!.AsArray().Select(r => (string)r!["name"]!).ToList();
        }

        // Reader on the group reaches the registry in it and nothing else; AcrPull reaches no management read at all.
        Assert.Equal([registry], await NamesAsync(groupReader));
        Assert.Empty(await NamesAsync(registryPuller));
        var all = await NamesAsync(fx.Arm.Token!);
        Assert.Contains(registry, all);
        Assert.Contains(otherRegistry, all);
    }

    [Fact]
    public async Task Contributor_changes_resources_but_cannot_assign_roles()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var id = ArmPaths.RegistryId(fx.Subscription, rg, registry);
        var (principal, token) = await PrincipalWithAsync(id, PrincipalArrange.Contributor);

        var patch = await fx.Arm.SendAsync(HttpMethod.Patch, ArmPaths.Registry(fx.Subscription, rg, registry), new { tags = new { team = "x" } }, token);
        Assert.Equal(HttpStatusCode.OK, patch.Status);

        var assignment = PrincipalArrange.AssignmentPath(id);
        AssertForbidden(await fx.Arm.SendAsync(HttpMethod.Put, assignment, new
        {
            properties = new { roleDefinitionId = fx.DefinitionId(PrincipalArrange.AcrPull), principalId = principal.ObjectId, principalType = "ServicePrincipal" },
        }, token), principal, "Microsoft.Authorization/roleAssignments/write", assignment.Split('?')[0]);
    }

    [Fact]
    public async Task Polling_an_operation_needs_read_on_the_resource_it_concerns()
    {
        var rg = await fx.GroupAsync();
        var groupScope = $"/subscriptions/{fx.Subscription}/resourceGroups/{rg}";
        var (_, contributor) = await PrincipalWithAsync(groupScope, PrincipalArrange.Contributor);
        var (outsider, outsiderToken) = await PrincipalWithAsync(await OtherGroupScopeAsync(), PrincipalArrange.Reader);
        var name = Arrange.NewName();

        var put = await fx.Arm.SendAsync(HttpMethod.Put, ArmPaths.Registry(fx.Subscription, rg, name),
            new { location = "westus", sku = new { name = "Basic" } }, contributor);
        Assert.Equal(HttpStatusCode.Created, put.Status);
        var poll = ArmPaths.Local(put.Header("Azure-AsyncOperation")!);

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.SendAsync(HttpMethod.Get, poll, token: contributor)).Status);
        AssertForbidden(await fx.Arm.SendAsync(HttpMethod.Get, poll, token: outsiderToken), outsider,
            "Microsoft.ContainerRegistry/registries/read", ArmPaths.RegistryId(fx.Subscription, rg, name));
    }

    async Task<string> OtherGroupScopeAsync() => $"/subscriptions/{fx.Subscription}/resourceGroups/{await fx.GroupAsync()}";

    [Fact]
    public async Task Granting_a_role_takes_effect_on_the_next_request()
    {
        var (rg, registry) = await fx.RegistryAsync(sku: "Basic");
        var (principal, token) = await PrincipalWithAsync(null, null);
        var path = ArmPaths.Registry(fx.Subscription, rg, registry);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Arm.SendAsync(HttpMethod.Get, path, token: token)).Status);

        var assignment = await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.Reader, principal.ObjectId);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.SendAsync(HttpMethod.Get, path, token: token)).Status);

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.DeleteAsync($"{assignment}?api-version=2022-04-01")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Arm.SendAsync(HttpMethod.Get, path, token: token)).Status);
    }

    [Fact]
    public async Task The_emulators_managed_identity_is_an_owner_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            "/msi/token?api-version=2019-08-01&resource=" + Uri.EscapeDataString("https://management.azure.com/"));
        request.Headers.Add("X-IDENTITY-HEADER", fx.Emulator.Identity.IdentityHeader);
        using var response = await fx.Arm.Http.SendAsync(request);
        var token = (string)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!;

        var put = await fx.Arm.SendAsync(HttpMethod.Put, ArmPaths.Group(fx.Subscription, Arrange.NewName("rg")), new { location = "westus" }, token);
        Assert.Equal(HttpStatusCode.Created, put.Status);
    }
}

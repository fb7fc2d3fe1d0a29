using System.Net;

namespace AcrGeo.Emulator.Tests;

public sealed class RegistryAuthTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    static string TokenPath(string registry, string scope) =>
        $"/oauth2/token?service={registry.ToLowerInvariant()}.azurecr.io&scope={Uri.EscapeDataString(scope)}";

    async Task<(string Rg, string Registry, string Id)> RegistryAsync(object? properties = null, string sku = "Basic")
    {
        var (rg, registry) = await fx.RegistryAsync(sku: sku, properties: properties);
        return (rg, registry, ArmPaths.RegistryId(fx.Subscription, rg, registry));
    }

    async Task<(string User, string Password)> AdminCredentialsAsync(string rg, string registry)
    {
        var credentials = await fx.Arm.PostAsync($"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}/listCredentials?api-version={ArmPaths.AcrVersion}");
        Assert.Equal(HttpStatusCode.OK, credentials.Status);
        return ((string)credentials.Body!["username"]!, (string)credentials.Body["passwords"]![1]!["value"]!);
    }

    [Fact]
    public async Task V2_without_a_token_is_401_with_Dockers_challenge()
    {
        var (_, registry, _) = await RegistryAsync();
        var loginServer = $"{registry.ToLowerInvariant()}.azurecr.io";

        var answer = await fx.LoginServerAsync(registry, "/v2/");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal($"Bearer realm=\"https://{loginServer}/oauth2/token\",service=\"{loginServer}\"", answer.Challenge);
        Assert.Equal("""{"errors":[{"code":"UNAUTHORIZED","message":"authentication required, visit https://aka.ms/acr/authorization for more information.","detail":null}]}""",
            answer.Body!.ToJsonString());
    }

    [Fact]
    public async Task Unknown_login_server_is_404()
    {
        var answer = await fx.LoginServerAsync("noregistry" + Guid.NewGuid().ToString("N")[..8], "/v2/");
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
    }

    [Fact]
    public async Task Admin_user_gets_pull_and_push_and_its_token_opens_v2()
    {
        var (rg, registry, _) = await RegistryAsync(new { adminUserEnabled = true });
        var (user, password) = await AdminCredentialsAsync(rg, registry);

        var token = await fx.RegistryTokenAsync(registry, PrincipalArrange.Basic(user, password), "repository:samples/hello:pull,push");

        Assert.Equal(new[] { "pull", "push" }, PrincipalArrange.GrantedActions(token, "samples/hello"));
        Assert.Equal($"{registry.ToLowerInvariant()}.azurecr.io", (string?)PrincipalArrange.Claims(token)["aud"]);
        Assert.Equal(HttpStatusCode.OK, (await fx.LoginServerAsync(registry, "/v2/", PrincipalArrange.Bearer(token))).Status);
        var tags = await fx.LoginServerAsync(registry, "/v2/samples/hello/tags/list", PrincipalArrange.Bearer(token));
        Assert.Equal(HttpStatusCode.NotFound, tags.Status);
        Assert.Equal("NAME_UNKNOWN", tags.ErrorCode);
        Assert.Equal("repository name not known to registry", tags.ErrorMessage);
        Assert.Equal("samples/hello", (string?)tags.Body!["errors"]![0]!["detail"]!["name"]);
    }

    [Fact]
    public async Task Admin_user_is_refused_when_disabled_or_with_a_wrong_password()
    {
        var (rg, registry, _) = await RegistryAsync(new { adminUserEnabled = true });
        var (user, password) = await AdminCredentialsAsync(rg, registry);

        var wrong = await fx.LoginServerAsync(registry, TokenPath(registry, "repository:a:pull"), PrincipalArrange.Basic(user, password + "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("UNAUTHORIZED", wrong.ErrorCode);

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PatchAsync(ArmPaths.Registry(fx.Subscription, rg, registry),
            new { properties = new { adminUserEnabled = false } })).Status);
        var disabled = await fx.LoginServerAsync(registry, TokenPath(registry, "repository:a:pull"), PrincipalArrange.Basic(user, password));
        Assert.Equal(HttpStatusCode.Unauthorized, disabled.Status);
        Assert.Equal("UNAUTHORIZED", disabled.ErrorCode);
    }

    [Fact]
    public async Task AcrPull_grants_pull_only_and_only_on_its_registry()
    {
        var (_, registryA, idA) = await RegistryAsync();
        var (_, registryB, _) = await RegistryAsync();
        var principal = await fx.ServicePrincipalAsync();
        await fx.AssignAsync(idA, PrincipalArrange.AcrPull, principal.ObjectId);
        var credentials = PrincipalArrange.Basic(principal.AppId, principal.Secret);

        var tokenA = await fx.RegistryTokenAsync(registryA, credentials, "repository:app:pull,push");
        Assert.Equal(new[] { "pull" }, PrincipalArrange.GrantedActions(tokenA, "app"));
        Assert.Equal("NAME_UNKNOWN", (await fx.LoginServerAsync(registryA, "/v2/app/tags/list", PrincipalArrange.Bearer(tokenA))).ErrorCode);

        // On B the exchange succeeds, but the token grants nothing.
        var tokenB = await fx.RegistryTokenAsync(registryB, credentials, "repository:app:pull");
        Assert.Empty(PrincipalArrange.GrantedActions(tokenB, "app"));
        var denied = await fx.LoginServerAsync(registryB, "/v2/app/tags/list", PrincipalArrange.Bearer(tokenB));
        // ACR challenges a token without the scope again, naming it, so the client can ask for it (never a dead-end 403).
        Assert.Equal(HttpStatusCode.Unauthorized, denied.Status);
        Assert.Equal("UNAUTHORIZED", denied.ErrorCode);
        Assert.Contains("error=\"insufficient_scope\"", denied.Challenge);
        Assert.StartsWith("authentication required", denied.ErrorMessage);
    }

    [Fact]
    public async Task A_token_for_one_registry_does_not_work_on_another()
    {
        var (rgA, registryA, _) = await RegistryAsync(new { adminUserEnabled = true });
        var (_, registryB, _) = await RegistryAsync();
        var (user, password) = await AdminCredentialsAsync(rgA, registryA);
        var tokenA = await fx.RegistryTokenAsync(registryA, PrincipalArrange.Basic(user, password), "repository:app:pull");

        var onB = await fx.LoginServerAsync(registryB, "/v2/app/tags/list", PrincipalArrange.Bearer(tokenA));

        Assert.Equal(HttpStatusCode.Unauthorized, onB.Status);
        Assert.Equal("UNAUTHORIZED", onB.ErrorCode);
        Assert.Contains("error=\"invalid_token\"", onB.Challenge);
    }

    [Fact]
    public async Task A_token_for_one_repository_does_not_open_another()
    {
        var (rg, registry, _) = await RegistryAsync(new { adminUserEnabled = true });
        var (user, password) = await AdminCredentialsAsync(rg, registry);
        var token = await fx.RegistryTokenAsync(registry, PrincipalArrange.Basic(user, password), "repository:one:pull");

        var other = await fx.LoginServerAsync(registry, "/v2/two/tags/list", PrincipalArrange.Bearer(token));

        Assert.Equal(HttpStatusCode.Unauthorized, other.Status);
        Assert.Equal("UNAUTHORIZED", other.ErrorCode);
        Assert.Contains("scope=\"repository:", other.Challenge);
    }

    [Fact]
    public async Task Pull_without_a_token_is_401_with_the_repository_scope_in_the_challenge()
    {
        var (_, registry, _) = await RegistryAsync();

        var answer = await fx.LoginServerAsync(registry, "/v2/samples/hello/manifests/latest");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("UNAUTHORIZED", answer.ErrorCode);
        Assert.Contains("scope=\"repository:samples/hello:pull\"", answer.Challenge);
    }

    [Fact]
    public async Task AcrPush_grants_pull_and_push()
    {
        var (_, registry, id) = await RegistryAsync();
        var principal = await fx.ServicePrincipalAsync();
        await fx.AssignAsync(id, PrincipalArrange.AcrPush, principal.ObjectId);

        var token = await fx.RegistryTokenAsync(registry, PrincipalArrange.Basic(principal.AppId, principal.Secret), "repository:app:pull,push,delete");

        Assert.Equal(new[] { "pull", "push" }, PrincipalArrange.GrantedActions(token, "app"));
    }

    [Fact]
    public async Task A_role_at_the_resource_group_covers_its_registries()
    {
        var (rg, registry, _) = await RegistryAsync();
        var principal = await fx.ServicePrincipalAsync();
        await fx.AssignAsync($"/subscriptions/{fx.Subscription}/resourceGroups/{rg}", PrincipalArrange.AcrPull, principal.ObjectId);

        var token = await fx.RegistryTokenAsync(registry, PrincipalArrange.Basic(principal.AppId, principal.Secret), "repository:app:pull");

        Assert.Equal(new[] { "pull" }, PrincipalArrange.GrantedActions(token, "app"));
    }

    [Fact]
    public async Task An_Entra_ID_access_token_is_accepted_as_the_password_of_the_null_user()
    {
        var (_, registry, _) = await RegistryAsync();
        var accessToken = await fx.Arm.GetTokenAsync();

        // The emulator's own principal is an Owner of the subscription: it may pull and push.
        var token = await fx.RegistryTokenAsync(registry, PrincipalArrange.Basic("00000000-0000-0000-0000-000000000000", accessToken),
            "repository:app:pull,push");
        Assert.Equal(new[] { "pull", "push" }, PrincipalArrange.GrantedActions(token, "app"));

        var garbage = await fx.LoginServerAsync(registry, TokenPath(registry, "repository:app:pull"),
            PrincipalArrange.Basic("00000000-0000-0000-0000-000000000000", "not-a-token"));
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.Status);
    }

    [Fact]
    public async Task Wrong_service_principal_password_is_401()
    {
        var (_, registry, id) = await RegistryAsync();
        var principal = await fx.ServicePrincipalAsync();
        await fx.AssignAsync(id, PrincipalArrange.AcrPull, principal.ObjectId);

        var answer = await fx.LoginServerAsync(registry, TokenPath(registry, "repository:app:pull"),
            PrincipalArrange.Basic(principal.AppId, "wrong-password"));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("UNAUTHORIZED", answer.ErrorCode);
        Assert.Null(answer.Body!["access_token"]);
    }

    [Fact]
    public async Task Registry_token_expires()
    {
        var (rg, registry, _) = await RegistryAsync(new { adminUserEnabled = true });
        var (user, password) = await AdminCredentialsAsync(rg, registry);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PatchAsync("/_emulator/settings", new { tokenLifetimeSeconds = 60 })).Status);
        string token;
        try
        {
            token = await fx.RegistryTokenAsync(registry, PrincipalArrange.Basic(user, password), "repository:app:pull");
        }
        finally
        {
            await fx.Arm.PatchAsync("/_emulator/settings", new { tokenLifetimeSeconds = 3600 });
        }

        fx.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.LoginServerAsync(registry, "/v2/app/tags/list", PrincipalArrange.Bearer(token))).Status);
    }

    [Fact]
    public async Task Anonymous_pull_needs_no_credentials_when_the_registry_allows_it()
    {
        var (_, open, _) = await RegistryAsync(new { anonymousPullEnabled = true }, sku: "Standard");
        var (_, closed, _) = await RegistryAsync();

        var token = await fx.LoginServerAsync(open, TokenPath(open, "repository:public/app:pull,push"));
        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.Equal(new[] { "pull" }, PrincipalArrange.GrantedActions((string)token.Body!["access_token"]!, "public/app"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.LoginServerAsync(closed, TokenPath(closed, "repository:public/app:pull"))).Status);
    }

    /// <summary>
    /// The source document's flow: a service principal with AcrPull on one registry, as <c>create-for-rbac</c> makes it,
    /// then what it can and cannot do, until its password is removed.
    /// </summary>
    [Fact]
    public async Task Pull_principal_flow_from_creation_to_revocation()
    {
        var (rgA, registryA, idA) = await RegistryAsync();
        var (_, registryB, _) = await RegistryAsync();

        var application = await fx.GraphAsync(HttpMethod.Post, "/applications", new { displayName = $"{registryA}-pull" });
        Assert.Equal(HttpStatusCode.Created, application.Status);
        var applicationId = (string)application.Body!["id"]!;
        var appId = (string)application.Body["appId"]!;
        var password = await fx.GraphAsync(HttpMethod.Post, $"/applications/{applicationId}/addPassword",
            new { passwordCredential = new { displayName = "rbac", endDateTime = fx.Clock.GetUtcNow().AddYears(1).UtcDateTime.ToString("o") } });
        Assert.Equal(HttpStatusCode.OK, password.Status);
        var secret = (string)password.Body!["secretText"]!;
        var keyId = (string)password.Body["keyId"]!;
        var servicePrincipal = await fx.GraphAsync(HttpMethod.Post, "/servicePrincipals", new { appId });
        Assert.Equal(HttpStatusCode.Created, servicePrincipal.Status);
        var objectId = (string)servicePrincipal.Body!["id"]!;

        // Straight away, as create-for-rbac does: principalType spares the replication delay.
        var assignment = await fx.PutAssignmentAsync(idA, PrincipalArrange.AcrPull, objectId, "ServicePrincipal");
        Assert.Equal(HttpStatusCode.Created, assignment.Status);

        var (status, body) = await fx.SignInAsync(appId, secret);
        Assert.Equal(HttpStatusCode.OK, status);
        var armToken = (string)body["access_token"]!;
        Assert.Equal(objectId, (string?)PrincipalArrange.Claims(armToken)["oid"]);
        var write = await fx.Arm.SendAsync(HttpMethod.Patch, ArmPaths.Registry(fx.Subscription, rgA, registryA), new { tags = new { x = "y" } }, armToken);
        Assert.Equal(HttpStatusCode.Forbidden, write.Status);
        Assert.Equal("AuthorizationFailed", write.ErrorCode);

        var credentials = PrincipalArrange.Basic(appId, secret);
        var tokenA = await fx.RegistryTokenAsync(registryA, credentials, "repository:aci-helloworld:pull");
        Assert.Equal("NAME_UNKNOWN", (await fx.LoginServerAsync(registryA, "/v2/aci-helloworld/tags/list", PrincipalArrange.Bearer(tokenA))).ErrorCode);
        var tokenB = await fx.RegistryTokenAsync(registryB, credentials, "repository:aci-helloworld:pull");
        Assert.Equal("UNAUTHORIZED", (await fx.LoginServerAsync(registryB, "/v2/aci-helloworld/tags/list", PrincipalArrange.Bearer(tokenB))).ErrorCode);

        Assert.Equal(HttpStatusCode.NoContent,
            (await fx.GraphAsync(HttpMethod.Post, $"/applications/{applicationId}/removePassword", new { keyId })).Status);

        var (refused, refusal) = await fx.SignInAsync(appId, secret);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        Assert.StartsWith("AADSTS7000215:", (string?)refusal["error_description"]);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await fx.LoginServerAsync(registryA, TokenPath(registryA, "repository:aci-helloworld:pull"), credentials)).Status);
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Tests;

public sealed class GraphTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    static string Filter(string expression) => "?$filter=" + Uri.EscapeDataString(expression);

    static void AssertGraphError(ArmResponse response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal(code, response.ErrorCode);
        var inner = response.Body!["error"]!["innerError"]!;
        Assert.NotNull((string?)inner["date"]);
        Assert.NotNull((string?)inner["request-id"]);
        Assert.NotNull((string?)inner["client-request-id"]);
    }

    // Applications

    [Fact]
    public async Task Application_is_created_with_object_id_app_id_and_Graph_defaults()
    {
        var name = Arrange.NewName("app");
        var created = await fx.GraphAsync(HttpMethod.Post, "/applications", new { displayName = name, keyCredentials = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var body = created.Body!;
        Assert.True(Guid.TryParse((string?)body["id"], out _));
        Assert.True(Guid.TryParse((string?)body["appId"], out _));
        Assert.NotEqual((string?)body["id"], (string?)body["appId"]);
        Assert.Equal(name, (string?)body["displayName"]);
        // Graph's defaults: any Entra ID or personal account, hence v2 tokens.
        Assert.Equal("AzureADandPersonalMicrosoftAccount", (string?)body["signInAudience"]);
        Assert.Equal(2, (int?)body["api"]!["requestedAccessTokenVersion"]);
        Assert.Empty(body["passwordCredentials"]!.AsArray());
        Assert.Empty(body["identifierUris"]!.AsArray());
        var createdAt = DateTimeOffset.Parse((string)body["createdDateTime"]!);
        Assert.InRange(createdAt, fx.Clock.GetUtcNow().AddSeconds(-2), fx.Clock.GetUtcNow());
        Assert.EndsWith("/$metadata#applications/$entity", (string?)body["@odata.context"]);
    }

    [Fact]
    public async Task Application_without_a_display_name_is_400()
    {
        var created = await fx.GraphAsync(HttpMethod.Post, "/applications", new { notes = "no name" });
        AssertGraphError(created, HttpStatusCode.BadRequest, "Request_BadRequest");
        Assert.Contains("'displayName'", created.ErrorMessage);
    }

    [Theory]
    [InlineData("""{"displayName":"x","appId":"3f1b8c1e-0000-0000-0000-000000000000"}""", "Request_BadRequest", "read-only")]
    [InlineData("""{"displayName":"x","favouriteColour":"blue"}""", "Request_BadRequest", "does not exist as a declared property")]
    [InlineData("""{"displayName":"x","identifierUris":["http://legacy-name"]}""", "HostNameNotOnVerifiedDomain", "verified domain")]
    [InlineData("""{"displayName":"x","signInAudience":"Everyone"}""", "Request_BadRequest", "signInAudience")]
    [InlineData("""{"displayName":"x","passwordCredentials":[{"secretText":"chosen"}]}""", "Request_BadRequest", "addPassword")]
    [InlineData("not json", "BadRequest", "valid JSON")]
    public async Task Application_with_an_invalid_body_is_400(string body, string code, string message)
    {
        var created = await fx.GraphAsync(HttpMethod.Post, "/applications", body);
        AssertGraphError(created, HttpStatusCode.BadRequest, code);
        Assert.Contains(message, created.ErrorMessage);
    }

    [Fact]
    public async Task Application_accepts_api_identifier_uris()
    {
        var created = await fx.GraphAsync(HttpMethod.Post, "/applications",
            new { displayName = Arrange.NewName("app"), identifierUris = new[] { "api://acrgeo-pull" } });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("api://acrgeo-pull", (string?)created.Body!["identifierUris"]![0]);

        var found = await fx.GraphAsync(HttpMethod.Get, "/applications" + Filter("identifierUris/any(s:s eq 'api://acrgeo-pull')"));
        Assert.Contains(found.Body!["value"]!.AsArray(), a => (string?)a!["id"] == (string?)created.Body["id"]);
    }

    [Fact]
    public async Task Applications_are_found_by_display_name_prefix_and_app_id()
    {
        var prefix = Arrange.NewName("flt");
        var (first, firstAppId) = await fx.ApplicationAsync(prefix + "-one");
        var (second, _) = await fx.ApplicationAsync(prefix + "-two");
        await fx.ApplicationAsync(Arrange.NewName("other"));

        async Task<string[]> IdsAsync(string expression)
        {
            var list = await fx.GraphAsync(HttpMethod.Get, "/applications" + Filter(expression));
            Assert.Equal(HttpStatusCode.OK, list.Status);
            Assert.EndsWith("/$metadata#applications", (string?)list.Body!["@odata.context"]);
            return list.Body["value"]!.AsArray().Select(a => (string)a!["id"]!).Order().ToArray();
        }

        Assert.Equal(new[] { first }, await IdsAsync($"displayName eq '{prefix}-one'"));
        Assert.Equal(new[] { first, second }.Order().ToArray(), await IdsAsync($"startswith(displayName,'{prefix}')"));
        Assert.Equal(new[] { first }, await IdsAsync($"appId eq '{firstAppId}'"));
        Assert.Equal(new[] { first }, await IdsAsync($"startswith(displayName,'{prefix}') and appId eq '{firstAppId}'"));
        Assert.Empty(await IdsAsync("displayName eq 'it''s not there'"));
    }

    [Theory]
    [InlineData("notes eq 'x'", "Request_UnsupportedQuery")]
    [InlineData("createdDateTime gt 2020-01-01", "BadRequest")]
    [InlineData("displayName eq 'a' or displayName eq 'b'", "BadRequest")]
    [InlineData("endswith(displayName,'x')", "BadRequest")]
    public async Task Unsupported_application_filters_are_400(string expression, string code)
    {
        var list = await fx.GraphAsync(HttpMethod.Get, "/applications" + Filter(expression));
        AssertGraphError(list, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Application_is_read_by_object_id_and_by_the_appId_alternate_key()
    {
        var (id, appId) = await fx.ApplicationAsync();

        var byId = await fx.GraphAsync(HttpMethod.Get, $"/applications/{id}");
        var byAppId = await fx.GraphAsync(HttpMethod.Get, $"/applications(appId='{appId}')");

        Assert.Equal(HttpStatusCode.OK, byId.Status);
        Assert.Equal(HttpStatusCode.OK, byAppId.Status);
        Assert.Equal(appId, (string?)byId.Body!["appId"]);
        Assert.Equal(id, (string?)byAppId.Body!["id"]);
    }

    [Fact]
    public async Task Missing_application_is_404_Request_ResourceNotFound_in_Graphs_envelope()
    {
        var missing = Guid.NewGuid().ToString();
        var byId = await fx.GraphAsync(HttpMethod.Get, $"/applications/{missing}");
        var byAppId = await fx.GraphAsync(HttpMethod.Get, $"/applications(appId='{missing}')");

        AssertGraphError(byId, HttpStatusCode.NotFound, "Request_ResourceNotFound");
        Assert.Equal($"Resource '{missing}' does not exist or one of its queried reference-property objects are not present.", byId.ErrorMessage);
        Assert.Equal(byId.Header("request-id"), (string?)byId.Body!["error"]!["innerError"]!["request-id"]);
        AssertGraphError(byAppId, HttpStatusCode.NotFound, "Request_ResourceNotFound");
        AssertGraphError(await fx.GraphAsync(HttpMethod.Get, "/applications/not-a-guid"), HttpStatusCode.BadRequest, "Request_BadRequest");
    }

    [Fact]
    public async Task Application_is_patched_with_204_and_read_only_properties_are_refused()
    {
        var (id, _) = await fx.ApplicationAsync();
        var renamed = Arrange.NewName("renamed");

        var patch = await fx.GraphAsync(HttpMethod.Patch, $"/applications/{id}", new { displayName = renamed, notes = "pull only" });
        Assert.Equal(HttpStatusCode.NoContent, patch.Status);
        var read = await fx.GraphAsync(HttpMethod.Get, $"/applications/{id}");
        Assert.Equal(renamed, (string?)read.Body!["displayName"]);
        Assert.Equal("pull only", (string?)read.Body["notes"]);

        AssertGraphError(await fx.GraphAsync(HttpMethod.Patch, $"/applications/{id}", new { appId = Guid.NewGuid() }),
            HttpStatusCode.BadRequest, "Request_BadRequest");
        AssertGraphError(await fx.GraphAsync(HttpMethod.Patch, $"/applications/{id}", new { displayName = "" }),
            HttpStatusCode.BadRequest, "Request_BadRequest");
    }

    [Fact]
    public async Task Deleting_an_application_deletes_its_service_principal()
    {
        var principal = await fx.ServicePrincipalAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await fx.GraphAsync(HttpMethod.Delete, $"/applications/{principal.ApplicationId}")).Status);

        AssertGraphError(await fx.GraphAsync(HttpMethod.Get, $"/applications/{principal.ApplicationId}"), HttpStatusCode.NotFound,
            "Request_ResourceNotFound");
        AssertGraphError(await fx.GraphAsync(HttpMethod.Get, $"/servicePrincipals/{principal.ObjectId}"), HttpStatusCode.NotFound,
            "Request_ResourceNotFound");
        AssertGraphError(await fx.GraphAsync(HttpMethod.Delete, $"/applications/{principal.ApplicationId}"), HttpStatusCode.NotFound,
            "Request_ResourceNotFound");
    }

    // Passwords

    [Fact]
    public async Task AddPassword_returns_the_secret_once_and_reads_show_only_its_hint()
    {
        var (id, _) = await fx.ApplicationAsync();

        var added = await fx.GraphAsync(HttpMethod.Post, $"/applications/{id}/addPassword",
            new { passwordCredential = new { displayName = "rbac" } });

        Assert.Equal(HttpStatusCode.OK, added.Status);
        var body = added.Body!.AsObject();
        var secret = (string)body["secretText"]!;
        Assert.Equal(40, secret.Length);
        Assert.Equal(secret[..3], (string?)body["hint"]);
        Assert.Equal("rbac", (string?)body["displayName"]);
        Assert.True(body.ContainsKey("customKeyIdentifier"));
        Assert.Null(body["customKeyIdentifier"]);
        Assert.True(Guid.TryParse((string?)body["keyId"], out _));
        var now = fx.Clock.GetUtcNow();
        Assert.InRange(DateTimeOffset.Parse((string)body["startDateTime"]!), now.AddSeconds(-1), now.AddSeconds(1));
        // Graph's default lifetime is two years.
        Assert.InRange(DateTimeOffset.Parse((string)body["endDateTime"]!), now.AddYears(2).AddSeconds(-1), now.AddYears(2).AddSeconds(1));

        var read = await fx.GraphAsync(HttpMethod.Get, $"/applications/{id}");
        var listed = read.Body!["passwordCredentials"]!.AsArray().Single()!.AsObject();
        Assert.Equal((string?)body["keyId"], (string?)listed["keyId"]);
        Assert.Equal(secret[..3], (string?)listed["hint"]);
        Assert.True(listed.ContainsKey("secretText"));
        Assert.Null(listed["secretText"]);
        Assert.DoesNotContain(secret, read.Text);
        Assert.DoesNotContain(secret, (await fx.GraphAsync(HttpMethod.Get, "/applications")).Text);
    }

    [Fact]
    public async Task AddPassword_honours_an_end_date_and_refuses_one_before_the_start()
    {
        var (id, appId) = await fx.ApplicationAsync();
        var end = fx.Clock.GetUtcNow().AddDays(30);

        var added = await fx.GraphAsync(HttpMethod.Post, $"/applications(appId='{appId}')/addPassword",
            new { passwordCredential = new { displayName = "month", endDateTime = end.UtcDateTime.ToString("o") } });
        Assert.Equal(HttpStatusCode.OK, added.Status);
        // Graph keeps a credential's dates to the second.
        Assert.Equal(end.AddTicks(-(end.Ticks % TimeSpan.TicksPerSecond)), DateTimeOffset.Parse((string)added.Body!["endDateTime"]!));

        var backwards = await fx.GraphAsync(HttpMethod.Post, $"/applications/{id}/addPassword", new
        {
            passwordCredential = new { startDateTime = end.UtcDateTime.ToString("o"), endDateTime = end.AddDays(-1).UtcDateTime.ToString("o") },
        });
        AssertGraphError(backwards, HttpStatusCode.BadRequest, "Request_BadRequest");
    }

    [Fact]
    public async Task RemovePassword_removes_it_and_an_unknown_key_id_is_refused()
    {
        var (id, _) = await fx.ApplicationAsync();
        var (_, keyId) = await fx.PasswordAsync(id);
        var (_, keptKeyId) = await fx.PasswordAsync(id);

        Assert.Equal(HttpStatusCode.NoContent, (await fx.GraphAsync(HttpMethod.Post, $"/applications/{id}/removePassword", new { keyId })).Status);

        var read = await fx.GraphAsync(HttpMethod.Get, $"/applications/{id}");
        Assert.Equal(new[] { keptKeyId }, read.Body!["passwordCredentials"]!.AsArray().Select(p => (string)p!["keyId"]!));
        AssertGraphError(await fx.GraphAsync(HttpMethod.Post, $"/applications/{id}/removePassword", new { keyId }),
            HttpStatusCode.NotFound, "Request_ResourceNotFound");
        AssertGraphError(await fx.GraphAsync(HttpMethod.Post, $"/applications/{id}/removePassword", new { keyId = "not-a-guid" }),
            HttpStatusCode.BadRequest, "Request_BadRequest");
    }

    // Service principals

    [Fact]
    public async Task Service_principal_is_created_for_an_application()
    {
        var name = Arrange.NewName("sp");
        var (_, appId) = await fx.ApplicationAsync(name);

        var created = await fx.GraphAsync(HttpMethod.Post, "/servicePrincipals", new { appId, accountEnabled = true });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var body = created.Body!;
        Assert.True(Guid.TryParse((string?)body["id"], out _));
        Assert.Equal(appId, (string?)body["appId"]);
        Assert.Equal(name, (string?)body["displayName"]);
        Assert.Equal("Application", (string?)body["servicePrincipalType"]);
        Assert.True((bool)body["accountEnabled"]!);
        Assert.Equal(new[] { appId }, body["servicePrincipalNames"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(fx.Emulator.Identity.TenantId, (string?)body["appOwnerOrganizationId"]);
    }

    [Fact]
    public async Task Service_principal_needs_an_existing_application_and_only_one_per_application()
    {
        var missing = await fx.GraphAsync(HttpMethod.Post, "/servicePrincipals", new { appId = Guid.NewGuid() });
        AssertGraphError(missing, HttpStatusCode.BadRequest, "Request_BadRequest");
        // The Azure CLI retries on this wording (application replication).
        Assert.Contains(" does not reference ", missing.ErrorMessage);

        var principal = await fx.ServicePrincipalAsync();
        var duplicate = await fx.GraphAsync(HttpMethod.Post, "/servicePrincipals", new { appId = principal.AppId });
        AssertGraphError(duplicate, HttpStatusCode.Conflict, "Request_MultipleObjectsWithSameKeyValue");

        AssertGraphError(await fx.GraphAsync(HttpMethod.Post, "/servicePrincipals", new { }), HttpStatusCode.BadRequest, "Request_BadRequest");
    }

    [Fact]
    public async Task Service_principals_are_found_by_name_app_id_and_service_principal_name()
    {
        var prefix = Arrange.NewName("spf");
        var principal = await fx.ServicePrincipalAsync(prefix + "-pull");

        async Task<string[]> IdsAsync(string expression)
        {
            var list = await fx.GraphAsync(HttpMethod.Get, "/servicePrincipals" + Filter(expression));
            Assert.Equal(HttpStatusCode.OK, list.Status);
            return list.Body!["value"]!.AsArray().Select(p => (string)p!["id"]!).ToArray();
        }

        Assert.Equal(new[] { principal.ObjectId }, await IdsAsync($"displayName eq '{prefix}-pull'"));
        Assert.Equal(new[] { principal.ObjectId }, await IdsAsync($"startswith(displayName,'{prefix}')"));
        Assert.Equal(new[] { principal.ObjectId }, await IdsAsync($"appId eq '{principal.AppId}'"));
        Assert.Equal(new[] { principal.ObjectId }, await IdsAsync($"servicePrincipalNames/any(c:c eq '{principal.AppId}')"));
        AssertGraphError(await fx.GraphAsync(HttpMethod.Get, "/servicePrincipals" + Filter("accountEnabled eq 'true'")),
            HttpStatusCode.BadRequest, "Request_UnsupportedQuery");

        Assert.Equal(HttpStatusCode.OK, (await fx.GraphAsync(HttpMethod.Get, $"/servicePrincipals/{principal.ObjectId}")).Status);
        var byAppId = await fx.GraphAsync(HttpMethod.Get, $"/servicePrincipals(appId='{principal.AppId}')");
        Assert.Equal(principal.ObjectId, (string?)byAppId.Body!["id"]);
    }

    [Fact]
    public async Task Service_principal_is_deleted_and_its_application_stays()
    {
        var principal = await fx.ServicePrincipalAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await fx.GraphAsync(HttpMethod.Delete, $"/servicePrincipals/{principal.ObjectId}")).Status);

        AssertGraphError(await fx.GraphAsync(HttpMethod.Get, $"/servicePrincipals/{principal.ObjectId}"), HttpStatusCode.NotFound,
            "Request_ResourceNotFound");
        Assert.Equal(HttpStatusCode.OK, (await fx.GraphAsync(HttpMethod.Get, $"/applications/{principal.ApplicationId}")).Status);
    }

    [Fact]
    public async Task The_emulators_own_principals_are_in_the_directory_and_cannot_be_changed()
    {
        var identity = fx.Emulator.Identity;
        // What `az keyvault create` does for a service principal login after /me fails.
        var list = await fx.GraphAsync(HttpMethod.Get, "/servicePrincipals" + Filter($"servicePrincipalNames/any(c:c eq '{identity.ClientId}')"));
        Assert.Equal(identity.PrincipalObjectId, (string?)list.Body!["value"]!.AsArray().Single()!["id"]);

        var managed = await fx.GraphAsync(HttpMethod.Get, $"/servicePrincipals/{identity.ManagedIdentityObjectId}");
        Assert.Equal("ManagedIdentity", (string?)managed.Body!["servicePrincipalType"]);

        var application = await fx.GraphAsync(HttpMethod.Get, $"/applications(appId='{identity.ClientId}')");
        Assert.Equal(HttpStatusCode.OK, application.Status);
        AssertGraphError(await fx.GraphAsync(HttpMethod.Delete, $"/servicePrincipals/{identity.PrincipalObjectId}"),
            HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        AssertGraphError(await fx.GraphAsync(HttpMethod.Post, $"/applications(appId='{identity.ClientId}')/addPassword", new { }),
            HttpStatusCode.Forbidden, "Authorization_RequestDenied");
    }

    // The surface

    [Fact]
    public async Task Me_with_an_app_only_token_is_400()
    {
        var me = await fx.GraphAsync(HttpMethod.Get, "/me");
        AssertGraphError(me, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Equal("/me request is only valid with delegated authentication flow.", me.ErrorMessage);
    }

    [Fact]
    public async Task Graph_needs_a_Graph_token()
    {
        using var anonymous = new ArmClient(fx.Emulator);
        var none = await anonymous.GetAsync("/v1.0/applications");
        AssertGraphError(none, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        Assert.NotNull(none.Header("WWW-Authenticate"));

        var armToken = await fx.Arm.GetTokenAsync();
        AssertGraphError(await fx.GraphAsync(HttpMethod.Get, "/applications", token: armToken), HttpStatusCode.Unauthorized,
            "InvalidAuthenticationToken");
    }

    [Fact]
    public async Task A_principal_without_directory_permissions_is_refused()
    {
        var principal = await fx.ServicePrincipalAsync();
        var token = await fx.TokenAsync(principal, "https://graph.microsoft.com/.default");

        var list = await fx.GraphAsync(HttpMethod.Get, "/applications", token: token);

        AssertGraphError(list, HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        Assert.Equal("Insufficient privileges to complete the operation.", list.ErrorMessage);
    }

    [Fact]
    public async Task Unknown_Graph_segment_is_400()
    {
        var users = await fx.GraphAsync(HttpMethod.Get, "/groupies");
        AssertGraphError(users, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("'groupies'", users.ErrorMessage);
    }

    [Fact]
    public async Task Graph_is_not_served_on_a_registry_host_name()
    {
        var (_, registry) = await fx.RegistryAsync(sku: "Basic");
        var answer = await fx.LoginServerAsync(registry, "/v1.0/applications");
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Null(answer.Body?["value"]);
    }

    // Signing in as a new principal

    [Fact]
    public async Task New_service_principal_signs_in_with_its_password_and_the_token_speaks_for_the_service_principal()
    {
        var principal = await fx.ServicePrincipalAsync();

        var token = await fx.TokenAsync(principal);

        var claims = PrincipalArrange.Claims(token);
        Assert.Equal(principal.ObjectId, (string?)claims["oid"]);
        Assert.Equal(principal.AppId, (string?)claims["appid"]);
        Assert.Equal(fx.Emulator.Identity.TenantId, (string?)claims["tid"]);
    }

    [Fact]
    public async Task Application_without_a_service_principal_cannot_sign_in()
    {
        var (id, appId) = await fx.ApplicationAsync();
        var (secret, _) = await fx.PasswordAsync(id);

        var (status, body) = await fx.SignInAsync(appId, secret);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.StartsWith($"AADSTS7000229: The client application {appId} is missing service principal in the tenant {fx.Emulator.Identity.TenantId}.",
            (string?)body["error_description"]);
        Assert.Null(body["access_token"]);
    }

    [Fact]
    public async Task Expired_password_is_refused_with_AADSTS7000222()
    {
        var principal = await fx.ServicePrincipalAsync();
        var (shortLived, _) = await fx.PasswordAsync(principal.ApplicationId,
            new { displayName = "minute", endDateTime = fx.Clock.GetUtcNow().AddMinutes(1).UtcDateTime.ToString("o") });
        Assert.Equal(HttpStatusCode.OK, (await fx.SignInAsync(principal.AppId, shortLived)).Status);

        // Well within the fixture's own token lifetime, which the other tests of the class rely on.
        fx.Clock.Advance(TimeSpan.FromMinutes(2));
        var (status, body) = await fx.SignInAsync(principal.AppId, shortLived);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", (string?)body["error"]);
        Assert.StartsWith($"AADSTS7000222: The provided client secret keys for app '{principal.AppId}' are expired.", (string?)body["error_description"]);
        // Its other password (two years) still works.
        Assert.Equal(HttpStatusCode.OK, (await fx.SignInAsync(principal.AppId, principal.Secret)).Status);
    }

    [Fact]
    public async Task Removed_or_wrong_password_is_refused_with_AADSTS7000215()
    {
        var principal = await fx.ServicePrincipalAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.SignInAsync(principal.AppId, principal.Secret + "x")).Status);

        await fx.GraphAsync(HttpMethod.Post, $"/applications/{principal.ApplicationId}/removePassword", new { keyId = principal.KeyId });
        var (status, body) = await fx.SignInAsync(principal.AppId, principal.Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", (string?)body["error"]);
        Assert.StartsWith("AADSTS7000215:", (string?)body["error_description"]);
    }

    [Fact]
    public async Task Unknown_client_id_is_AADSTS700016()
    {
        var (status, body) = await fx.SignInAsync(Guid.NewGuid().ToString(), "whatever");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unauthorized_client", (string?)body["error"]);
        Assert.StartsWith("AADSTS700016:", (string?)body["error_description"]);
    }

    [Fact]
    public async Task Disabled_service_principal_cannot_sign_in()
    {
        var (id, appId) = await fx.ApplicationAsync();
        var (secret, _) = await fx.PasswordAsync(id);
        Assert.Equal(HttpStatusCode.Created, (await fx.GraphAsync(HttpMethod.Post, "/servicePrincipals", new { appId, accountEnabled = false })).Status);

        var (status, body) = await fx.SignInAsync(appId, secret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("AADSTS7000112:", (string?)body["error_description"]);
    }
}

/// <summary>Secrets and the state file: only a salted hash of a password is ever written.</summary>
public sealed class GraphPersistenceTests(PersistentEmulatorFixture fx) : IClassFixture<PersistentEmulatorFixture>
{
    [Fact]
    public async Task The_state_file_never_holds_a_secret_text_and_the_password_works_after_a_restart()
    {
        var principal = await fx.ServicePrincipalAsync();
        var (second, _) = await fx.PasswordAsync(principal.ApplicationId);

        var state = await File.ReadAllTextAsync(fx.StateFile);
        Assert.DoesNotContain(principal.Secret, state);
        Assert.DoesNotContain(second, state);
        Assert.DoesNotContain("secretText", state, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(principal.KeyId, state);
        Assert.Contains(principal.ObjectId, state);

        await fx.RestartAsync();

        Assert.Equal(HttpStatusCode.OK, (await fx.SignInAsync(principal.AppId, principal.Secret)).Status);
        Assert.Equal(HttpStatusCode.OK, (await fx.GraphAsync(HttpMethod.Get, $"/servicePrincipals/{principal.ObjectId}")).Status);
        Assert.DoesNotContain(principal.Secret, await File.ReadAllTextAsync(fx.StateFile));
    }
}

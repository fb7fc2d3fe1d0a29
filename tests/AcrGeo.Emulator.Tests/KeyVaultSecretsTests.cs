using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Authorization;
using AcrGeo.Emulator.Identity;

namespace AcrGeo.Emulator.Tests;

public sealed class KeyVaultSecretsTests(KeyVaultFixture fx) : IClassFixture<KeyVaultFixture>, IDisposable
{
    VaultClient Data { get; } = new(fx.Emulator);

    public void Dispose() => Data.Dispose();

    string Challenge =>
        $"Bearer authorization=\"{fx.Emulator.BaseUri.GetLeftPart(UriPartial.Authority)}/{fx.Emulator.Identity.TenantId}\", resource=\"https://vault.azure.net\"";

    async Task<(string Vault, string Token)> VaultWithTokenAsync(bool rbac = false, int? retentionDays = null, bool purgeProtection = false)
    {
        var (_, vault) = await fx.VaultAsync(rbac, retentionDays, purgeProtection);
        return (vault, await fx.VaultTokenAsync());
    }

    Task<ArmResponse> SetAsync(string vault, string token, string name, object body) =>
        Data.SendAsync(HttpMethod.Put, vault, $"/secrets/{name}", token, body);

    [Fact]
    public async Task Request_without_a_token_gets_the_bearer_challenge_before_its_body_is_read()
    {
        var (vault, _) = await VaultWithTokenAsync();

        foreach (var bare in new[]
                 {
                     await Data.SendAsync(HttpMethod.Get, vault, "/secrets/anything", token: null),
                     await Data.SendAsync(HttpMethod.Put, vault, "/secrets/anything", token: null, body: new { value = "never read" }),
                     // Not even the api-version is looked at before the token.
                     await Data.SendUrlAsync(HttpMethod.Get, VaultClient.Url(vault, "/secrets"), token: null),
                 })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, bare.Status);
            Assert.Equal(Challenge, bare.Header("WWW-Authenticate"));
            Assert.Equal("""{"error":{"code":"Unauthorized","message":"AKV10000: Request is missing a Bearer or PoP token."}}""", bare.Text);
        }
    }

    [Fact]
    public async Task Tokens_for_another_audience_or_tenant_and_expired_tokens_are_refused_with_Key_Vault_messages()
    {
        var (vault, _) = await VaultWithTokenAsync();

        var arm = await Data.SendAsync(HttpMethod.Get, vault, "/secrets", fx.Arm.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, arm.Status);
        Assert.Equal("AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://management.azure.com.", arm.ErrorMessage);
        Assert.Equal(Challenge, arm.Header("WWW-Authenticate"));

        var foreignTenant = Guid.NewGuid().ToString();
        var foreign = await Data.SendAsync(HttpMethod.Get, vault, "/secrets", fx.IssueToken(fx.Emulator.Identity.PrincipalObjectId, tenant: foreignTenant));
        Assert.Equal(HttpStatusCode.Unauthorized, foreign.Status);
        Assert.Equal($"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/{fx.Emulator.Identity.TenantId}/, found " +
                     $"https://sts.windows.net/{foreignTenant}/.", foreign.ErrorMessage);

        var lifetime = fx.Emulator.Settings.TokenLifetime;
        fx.Emulator.Settings.TokenLifetime = TimeSpan.FromSeconds(1);
        var shortLived = await fx.VaultTokenAsync();
        fx.Emulator.Settings.TokenLifetime = lifetime;
        fx.Clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await Data.SendAsync(HttpMethod.Get, vault, "/secrets", shortLived);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Contains("TokenExpired", expired.ErrorMessage);

        var forged = await Data.SendAsync(HttpMethod.Get, vault, "/secrets", "eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ4In0.bm90LXNpZ25lZA");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
    }

    [Fact]
    public async Task Api_version_is_required_and_must_be_one_Key_Vault_knows()
    {
        var (vault, token) = await VaultWithTokenAsync();

        var missing = await Data.SendUrlAsync(HttpMethod.Get, VaultClient.Url(vault, "/secrets"), token);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("BadParameter", missing.ErrorCode);

        var unknown = await Data.SendAsync(HttpMethod.Get, vault, "/secrets?api-version=7.9", token);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("BadParameter", unknown.ErrorCode);
        Assert.Equal("The specified version (7.9) is not recognized. Consider using the latest supported version (2026-04-01).", unknown.ErrorMessage);

        foreach (var version in new[] { "7.0", "7.4", "7.5", "7.6", "2025-07-01", "2026-04-01" })
            Assert.Equal(HttpStatusCode.OK, (await Data.SendAsync(HttpMethod.Get, vault, $"/secrets?api-version={version}", token)).Status);
    }

    [Fact]
    public async Task Secret_is_set_in_versions_and_read_back_in_Key_Vault_shapes()
    {
        var (vault, token) = await VaultWithTokenAsync();
        var expires = fx.Clock.GetUtcNow().AddYears(1).ToUnixTimeSeconds();

        var first = await SetAsync(vault, token, "myregistry-pull-pwd", new
        {
            value = "first",
            contentType = "text/plain",
            tags = new { purpose = "acr" },
            attributes = new { exp = expires },
        });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("first", (string?)first.Body!["value"]);
        var firstId = (string)first.Body["id"]!;
        Assert.Matches($"^https://{vault}\\.vault\\.azure\\.net/secrets/myregistry-pull-pwd/[0-9a-f]{{32}}$", firstId);
        Assert.Equal("text/plain", (string?)first.Body["contentType"]);
        Assert.Equal("acr", (string?)first.Body["tags"]!["purpose"]);
        var attributes = first.Body["attributes"]!;
        Assert.True((bool)attributes["enabled"]!);
        Assert.Equal(expires, (long)attributes["exp"]!);
        Assert.Equal(fx.Clock.GetUtcNow().ToUnixTimeSeconds(), (long)attributes["created"]!);
        Assert.Equal((long)attributes["created"]!, (long)attributes["updated"]!);
        Assert.Equal("Recoverable+Purgeable", (string?)attributes["recoveryLevel"]);
        Assert.Equal(90, (int)attributes["recoverableDays"]!);

        var second = await SetAsync(vault, token, "myregistry-pull-pwd", new { value = "second" });
        Assert.NotEqual(firstId, (string?)second.Body!["id"]);

        Assert.Equal("second", (string?)(await Data.SendAsync(HttpMethod.Get, vault, "/secrets/myregistry-pull-pwd", token)).Body!["value"]);
        // The SDK asks for the current version with a trailing slash.
        Assert.Equal("second", (string?)(await Data.SendAsync(HttpMethod.Get, vault, "/secrets/myregistry-pull-pwd/", token)).Body!["value"]);
        var byVersion = await Data.SendAsync(HttpMethod.Get, vault, "/secrets/MYREGISTRY-PULL-PWD/" + firstId.Split('/')[^1], token);
        Assert.Equal("first", (string?)byVersion.Body!["value"]);
        Assert.Equal(firstId, (string?)byVersion.Body["id"]);

        var versions = await Data.SendAsync(HttpMethod.Get, vault, "/secrets/myregistry-pull-pwd/versions", token);
        var items = versions.Body!["value"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Contains(items, i => (string?)i!["id"] == firstId);
        Assert.All(items, i => Assert.Null(i!["value"]));
        Assert.Empty((await Data.SendAsync(HttpMethod.Get, vault, "/secrets/never-set/versions", token)).Body!["value"]!.AsArray());
    }

    [Fact]
    public async Task Secret_names_outside_Key_Vault_rules_are_a_bad_parameter()
    {
        var (vault, token) = await VaultWithTokenAsync();

        var invalid = await SetAsync(vault, token, "my_secret", new { value = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal("BadParameter", invalid.ErrorCode);
        Assert.Equal("The request URI contains an invalid name: my_secret", invalid.ErrorMessage);
        Assert.Equal(HttpStatusCode.BadRequest, (await SetAsync(vault, token, new string('a', 128), new { value = "x" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(vault, token, new string('a', 127), new { value = "x" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SetAsync(vault, token, "no-value", new { contentType = "x" })).Status);
    }

    [Fact]
    public async Task Missing_secret_is_SecretNotFound_with_Key_Vault_message()
    {
        var (vault, token) = await VaultWithTokenAsync();

        var missing = await Data.SendAsync(HttpMethod.Get, vault, "/secrets/nope", token);

        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("""{"error":{"code":"SecretNotFound","message":"A secret with (name/id) nope was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182"}}""",
            missing.Text);
        await SetAsync(vault, token, "present", new { value = "x" });
        var badVersion = await Data.SendAsync(HttpMethod.Get, vault, "/secrets/present/0123456789abcdef0123456789abcdef", token);
        Assert.Contains("(name/id) present/0123456789abcdef0123456789abcdef was not found", badVersion.ErrorMessage);
    }

    [Fact]
    public async Task Secrets_are_listed_without_values_in_pages_of_maxresults_with_nextLink()
    {
        var (vault, token) = await VaultWithTokenAsync();
        foreach (var name in new[] { "a-one", "b-two", "c-three" }) await SetAsync(vault, token, name, new { value = "secret-" + name });

        var page = await Data.SendAsync(HttpMethod.Get, vault, "/secrets?maxresults=2", token);
        var items = page.Body!["value"]!.AsArray();
        Assert.Equal(["a-one", "b-two"], items.Select(i => ((string)i!["id"]!).Split('/')[^1]));
        Assert.Equal($"https://{vault}.vault.azure.net/secrets/a-one", (string?)items[0]!["id"]);
        Assert.All(items, i => Assert.Null(i!["value"]));
        var next = (string)page.Body["nextLink"]!;
        Assert.StartsWith($"https://{vault}.vault.azure.net/secrets?api-version=7.6&$skiptoken=", next);

        var rest = await Data.SendUrlAsync(HttpMethod.Get, next, token);
        Assert.Equal(["c-three"], rest.Body!["value"]!.AsArray().Select(i => ((string)i!["id"]!).Split('/')[^1]));
        Assert.Null(rest.Body["nextLink"]);
        Assert.DoesNotContain("secret-", page.Text + rest.Text);

        Assert.Equal(HttpStatusCode.BadRequest, (await Data.SendAsync(HttpMethod.Get, vault, "/secrets?maxresults=26", token)).Status);
    }

    [Fact]
    public async Task Disabled_secret_is_refused_and_listed_until_enabled_again()
    {
        var (vault, token) = await VaultWithTokenAsync();
        var set = await SetAsync(vault, token, "off", new { value = "v", attributes = new { enabled = false } });
        var version = ((string)set.Body!["id"]!).Split('/')[^1];

        var get = await Data.SendAsync(HttpMethod.Get, vault, "/secrets/off", token);
        Assert.Equal(HttpStatusCode.Forbidden, get.Status);
        Assert.Equal("""{"error":{"code":"Forbidden","message":"Operation get is not allowed on a disabled secret.","innererror":{"code":"SecretDisabled"}}}""", get.Text);
        var listed = await Data.SendAsync(HttpMethod.Get, vault, "/secrets", token);
        Assert.False((bool)listed.Body!["value"]!.AsArray().Single()!["attributes"]!["enabled"]!);

        var enable = await Data.SendAsync(HttpMethod.Patch, vault, $"/secrets/off/{version}", token, new { attributes = new { enabled = true } });
        Assert.Equal(HttpStatusCode.OK, enable.Status);
        Assert.Equal("v", (string?)(await Data.SendAsync(HttpMethod.Get, vault, "/secrets/off", token)).Body!["value"]);
    }

    [Fact]
    public async Task Expired_and_not_yet_valid_secrets_are_still_returned_as_Key_Vault_does()
    {
        var (vault, token) = await VaultWithTokenAsync();
        var now = fx.Clock.GetUtcNow();
        await SetAsync(vault, token, "expired", new { value = "old", attributes = new { exp = now.AddDays(-1).ToUnixTimeSeconds() } });
        await SetAsync(vault, token, "future", new { value = "new", attributes = new { nbf = now.AddDays(1).ToUnixTimeSeconds() } });

        var expired = await Data.SendAsync(HttpMethod.Get, vault, "/secrets/expired", token);
        Assert.Equal(HttpStatusCode.OK, expired.Status);
        Assert.Equal("old", (string?)expired.Body!["value"]);
        Assert.Equal(now.AddDays(-1).ToUnixTimeSeconds(), (long)expired.Body["attributes"]!["exp"]!);
        Assert.Equal("new", (string?)(await Data.SendAsync(HttpMethod.Get, vault, "/secrets/future", token)).Body!["value"]);
    }

    [Fact]
    public async Task Update_changes_attributes_tags_and_content_type_of_a_version_but_never_its_value()
    {
        var (vault, token) = await VaultWithTokenAsync();
        var set = await SetAsync(vault, token, "pwd", new { value = "unchanged", tags = new { a = "1", b = "2" } });
        var version = ((string)set.Body!["id"]!).Split('/')[^1];
        fx.Clock.Advance(TimeSpan.FromMinutes(1));

        var update = await Data.SendAsync(HttpMethod.Patch, vault, $"/secrets/pwd/{version}", token,
            new { contentType = "password", tags = new { d = "5" }, attributes = new { exp = 4102444800 }, value = "ignored" });

        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.Null(update.Body!["value"]);
        Assert.Equal("password", (string?)update.Body["contentType"]);
        Assert.Equal("""{"d":"5"}""", update.Body["tags"]!.ToJsonString());
        Assert.Equal(4102444800, (long)update.Body["attributes"]!["exp"]!);
        Assert.True((long)update.Body["attributes"]!["updated"]! > (long)update.Body["attributes"]!["created"]!);
        Assert.Equal("unchanged", (string?)(await Data.SendAsync(HttpMethod.Get, vault, "/secrets/pwd", token)).Body!["value"]);
    }

    [Fact]
    public async Task Deleted_secret_holds_its_name_until_recovered_or_purged()
    {
        var (vault, token) = await VaultWithTokenAsync();
        await SetAsync(vault, token, "pwd", new { value = "v1" });

        var delete = await Data.SendAsync(HttpMethod.Delete, vault, "/secrets/pwd", token);
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Equal($"https://{vault}.vault.azure.net/deletedsecrets/pwd", (string?)delete.Body!["recoveryId"]);
        Assert.Null(delete.Body["value"]);
        var deletedOn = (long)delete.Body["deletedDate"]!;
        Assert.Equal(deletedOn + 90 * 86400, (long)delete.Body["scheduledPurgeDate"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await Data.SendAsync(HttpMethod.Get, vault, "/secrets/pwd", token)).Status);
        Assert.Empty((await Data.SendAsync(HttpMethod.Get, vault, "/secrets", token)).Body!["value"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await Data.SendAsync(HttpMethod.Delete, vault, "/secrets/pwd", token)).Status);

        var listed = await Data.SendAsync(HttpMethod.Get, vault, "/deletedsecrets", token);
        Assert.Equal($"https://{vault}.vault.azure.net/secrets/pwd", (string?)listed.Body!["value"]!.AsArray().Single()!["id"]);
        Assert.Equal(HttpStatusCode.OK, (await Data.SendAsync(HttpMethod.Get, vault, "/deletedsecrets/pwd", token)).Status);

        var reuse = await SetAsync(vault, token, "pwd", new { value = "v2" });
        Assert.Equal(HttpStatusCode.Conflict, reuse.Status);
        Assert.Equal("""{"error":{"code":"Conflict","message":"Secret pwd is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.","innererror":{"code":"ObjectIsDeletedButRecoverable"}}}""", reuse.Text);

        var recover = await Data.SendAsync(HttpMethod.Post, vault, "/deletedsecrets/pwd/recover", token);
        Assert.Equal(HttpStatusCode.OK, recover.Status);
        Assert.Null(recover.Body!["value"]);
        Assert.Equal("v1", (string?)(await Data.SendAsync(HttpMethod.Get, vault, "/secrets/pwd", token)).Body!["value"]);

        await Data.SendAsync(HttpMethod.Delete, vault, "/secrets/pwd", token);
        Assert.Equal(HttpStatusCode.NoContent, (await Data.SendAsync(HttpMethod.Delete, vault, "/deletedsecrets/pwd", token)).Status);
        var purged = await Data.SendAsync(HttpMethod.Get, vault, "/deletedsecrets/pwd", token);
        Assert.Equal(HttpStatusCode.NotFound, purged.Status);
        Assert.Equal("Deleted Secret not found: pwd", purged.ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, (await Data.SendAsync(HttpMethod.Post, vault, "/deletedsecrets/pwd/recover", token)).Status);
        var fresh = await SetAsync(vault, token, "pwd", new { value = "v3" });
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Single((await Data.SendAsync(HttpMethod.Get, vault, "/secrets/pwd/versions", token)).Body!["value"]!.AsArray());
    }

    [Fact]
    public async Task Deleted_secret_is_gone_when_the_vault_retention_ends()
    {
        var (vault, _) = await VaultWithTokenAsync(retentionDays: 7);
        var token = await fx.VaultTokenAsync();
        await SetAsync(vault, token, "short", new { value = "v" });
        var deleted = await Data.SendAsync(HttpMethod.Delete, vault, "/secrets/short", token);
        Assert.Equal("CustomizedRecoverable+Purgeable", (string?)deleted.Body!["attributes"]!["recoveryLevel"]);

        fx.Clock.Advance(TimeSpan.FromDays(7));
        await fx.Arm.SignInAsync();
        token = await fx.VaultTokenAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await Data.SendAsync(HttpMethod.Get, vault, "/deletedsecrets/short", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(vault, token, "short", new { value = "again" })).Status);
    }

    [Fact]
    public async Task Purge_protected_vault_refuses_to_purge_a_deleted_secret()
    {
        var (vault, token) = await VaultWithTokenAsync(purgeProtection: true);
        var set = await SetAsync(vault, token, "kept", new { value = "v" });
        Assert.Equal("Recoverable", (string?)set.Body!["attributes"]!["recoveryLevel"]);
        await Data.SendAsync(HttpMethod.Delete, vault, "/secrets/kept", token);

        var purge = await Data.SendAsync(HttpMethod.Delete, vault, "/deletedsecrets/kept", token);

        Assert.Equal(HttpStatusCode.Forbidden, purge.Status);
        Assert.StartsWith("Operation \"purge\" is not allowed because purge protection is enabled for this vault.", purge.ErrorMessage);
    }

    [Fact]
    public async Task Access_policy_vault_allows_each_operation_only_with_its_secret_permission()
    {
        var (rg, vault) = await fx.VaultAsync();
        var owner = await fx.VaultTokenAsync();
        await SetAsync(vault, owner, "shared", new { value = "v" });
        var reader = Guid.NewGuid().ToString();
        var policies = $"{VaultPaths.VaultId(fx.Subscription, rg, vault)}/accessPolicies/add?api-version={VaultPaths.Version}";
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PutAsync(policies, new { properties = new { accessPolicies = new[] { fx.Policy(reader, "get") } } })).Status);
        var readerToken = fx.IssueToken(reader);

        Assert.Equal("v", (string?)(await Data.SendAsync(HttpMethod.Get, vault, "/secrets/shared", readerToken)).Body!["value"]);

        var list = await Data.SendAsync(HttpMethod.Get, vault, "/secrets", readerToken);
        Assert.Equal(HttpStatusCode.Forbidden, list.Status);
        Assert.Equal("AccessDenied", (string?)list.Body!["error"]!["innererror"]!["code"]);
        Assert.Matches($"^The user, group or application 'appid=[^;]+;oid={reader};iss=https://sts.windows.net/{fx.Emulator.Identity.TenantId}/' " +
                       $"does not have secrets list permission on key vault '{vault};location=westus'\\. For help resolving this issue, please see " +
                       "https://go\\.microsoft\\.com/fwlink/\\?linkid=2125287$", list.ErrorMessage);
        Assert.Contains("secrets set permission", (await SetAsync(vault, readerToken, "shared", new { value = "w" })).ErrorMessage);
        Assert.Contains("secrets delete permission", (await Data.SendAsync(HttpMethod.Delete, vault, "/secrets/shared", readerToken)).ErrorMessage);

        var stranger = await Data.SendAsync(HttpMethod.Get, vault, "/secrets/shared", fx.IssueToken(Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, stranger.Status);
        Assert.Contains("secrets get permission", stranger.ErrorMessage);
    }

    [Fact]
    public async Task Rbac_vault_refuses_even_the_subscription_owner_until_a_Key_Vault_data_role_is_assigned()
    {
        var (rg, vault) = await fx.VaultAsync(rbac: true);
        var vaultId = VaultPaths.VaultId(fx.Subscription, rg, vault);
        var token = await fx.VaultTokenAsync();
        var identity = fx.Emulator.Identity;

        var refused = await SetAsync(vault, token, "pwd", new { value = "v" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("Forbidden", refused.ErrorCode);
        Assert.Equal("ForbiddenByRbac", (string?)refused.Body!["error"]!["innererror"]!["code"]);
        Assert.Equal("Caller is not authorized to perform action on resource.\r\n" +
                     "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n" +
                     $"Caller: appid={identity.ClientId};oid={identity.PrincipalObjectId};iss=https://sts.windows.net/{identity.TenantId}/\r\n" +
                     "Action: 'Microsoft.KeyVault/vaults/secrets/setSecret/action'\r\n" +
                     $"Resource: '{(vaultId + "/secrets/pwd").ToLowerInvariant()}'\r\n" +
                     "Assignment: (not found)\r\n" +
                     "DenyAssignmentId: null\r\n" +
                     "DecisionReason: 'DeniedWithNoValidRBAC' \r\n" +
                     $"Vault: {vault};location=westus\r\n", refused.ErrorMessage);

        fx.AssignRole(vaultId, Rbac.KeyVaultSecretsUser, identity.PrincipalObjectId);
        Assert.Contains("setSecret/action", (await SetAsync(vault, token, "pwd", new { value = "v" })).ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, (await Data.SendAsync(HttpMethod.Get, vault, "/secrets/pwd", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Data.SendAsync(HttpMethod.Get, vault, "/secrets", token)).Status);

        fx.AssignRole(vaultId, Rbac.KeyVaultSecretsOfficer, identity.PrincipalObjectId);
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(vault, token, "pwd", new { value = "v" })).Status);
        Assert.Equal("v", (string?)(await Data.SendAsync(HttpMethod.Get, vault, "/secrets/pwd", token)).Body!["value"]);

        // A role on one secret reaches that secret only.
        var narrow = Guid.NewGuid().ToString();
        fx.AssignRole(vaultId + "/secrets/pwd", Rbac.KeyVaultSecretsUser, narrow);
        await SetAsync(vault, token, "other", new { value = "o" });
        Assert.Equal(HttpStatusCode.OK, (await Data.SendAsync(HttpMethod.Get, vault, "/secrets/pwd", fx.IssueToken(narrow))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Data.SendAsync(HttpMethod.Get, vault, "/secrets/other", fx.IssueToken(narrow))).Status);
    }

    [Fact]
    public async Task Unknown_or_deleted_vault_host_is_not_served()
    {
        var token = await fx.VaultTokenAsync();
        var unknown = await Data.SendAsync(HttpMethod.Get, vault: KeyVaultArrange.NewVaultName(), "/secrets", token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("VaultNotFound", unknown.ErrorCode);

        var (rg, vault) = await fx.VaultAsync();
        await fx.Arm.DeleteAsync(VaultPaths.Vault(fx.Subscription, rg, vault));
        Assert.Equal("VaultNotFound", (await Data.SendAsync(HttpMethod.Get, vault, "/secrets", token)).ErrorCode);
    }

    [Fact]
    public async Task Request_log_records_vault_requests_with_their_host_and_never_a_secret_value()
    {
        var (vault, token) = await VaultWithTokenAsync();
        var value = "s3cr3t-" + Guid.NewGuid().ToString("N");
        await SetAsync(vault, token, "logged", new { value });
        await Data.SendAsync(HttpMethod.Get, vault, "/secrets/logged", token);

        var log = await fx.Arm.GetAsync(AcrGeo.Emulator.Hosting.AzureEmulator.AdminPath + "/requests");

        var entries = log.Body!.AsArray().Where(e => (string?)e!["host"] == $"{vault}.vault.azure.net").ToList();
        Assert.Contains(entries, e => (string?)e!["method"] == "PUT" && (string?)e["path"] == "/secrets/logged" && (int)e["status"]! == 200);
        Assert.Contains(entries, e => (string?)e!["method"] == "GET" && (string?)e["apiVersion"] == "7.6");
        Assert.DoesNotContain(value, log.Text);
    }

    [Fact]
    public async Task Connect_proxy_tunnels_a_vault_host_name_to_the_emulator()
    {
        var (vault, token) = await VaultWithTokenAsync();
        await SetAsync(vault, token, "through", new { value = "tunnelled" });
        var host = $"{vault}.vault.azure.net";

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, fx.Emulator.ProxyUri!.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {host}:443 HTTP/1.1\r\nHost: {host}:443\r\n\r\n"));
        Assert.Equal("HTTP/1.1 200 Connection established", await ReadHeadAsync(stream));

        var pinned = fx.Emulator.Certificate.Thumbprint;
        await using var tls = new SslStream(stream, leaveInnerStreamOpen: false,
            (_, certificate, _, _) => certificate?.GetCertHashString() == pinned);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = host,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        });
        await tls.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET /secrets/through?api-version=7.6 HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"));
        var response = await new StreamReader(tls, Encoding.UTF8).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 200 OK", response);
        Assert.Contains("\"value\":\"tunnelled\"", response);
    }

    [Theory]
    [InlineData("CONNECT example.com:443 HTTP/1.1")]
    [InlineData("CONNECT 127.0.0.1:443 HTTP/1.1")]
    [InlineData("CONNECT myvault.vault.azure.net:80 HTTP/1.1")]
    [InlineData("CONNECT vault.azure.net:443 HTTP/1.1")]
    [InlineData("CONNECT myvault.vault.azure.net.evil.example:443 HTTP/1.1")]
    [InlineData("GET http://myvault.vault.azure.net/secrets HTTP/1.1")]
    public async Task Connect_proxy_refuses_other_targets_and_methods(string requestLine)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, fx.Emulator.ProxyUri!.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{requestLine}\r\nHost: x\r\n\r\n"));

        Assert.Equal("HTTP/1.1 403 Forbidden", await ReadHeadAsync(stream));
    }

    [Fact]
    public void Connect_proxy_accepts_only_port_443_of_vault_and_registry_names()
    {
        Assert.True(AcrGeo.Emulator.KeyVault.ConnectProxy.IsAllowedTarget("myvault.vault.azure.net", 443));
        Assert.True(AcrGeo.Emulator.KeyVault.ConnectProxy.IsAllowedTarget("myregistry.azurecr.io", 443));
        Assert.False(AcrGeo.Emulator.KeyVault.ConnectProxy.IsAllowedTarget(".vault.azure.net", 443));
        Assert.False(AcrGeo.Emulator.KeyVault.ConnectProxy.IsAllowedTarget("a b.vault.azure.net", 443));
    }

    /// <summary>The status line of the proxy's reply (the head is read up to its blank line).</summary>
    static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
            head.Append((char)one[0]);
        return head.ToString().Split("\r\n")[0];
    }
}

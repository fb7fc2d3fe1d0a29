using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Tests;

public sealed class TokenTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    string SubscriptionPath => $"/subscriptions/{fx.Subscription}?api-version=2022-12-01";

    async Task<(HttpStatusCode Status, JsonNode Body)> PostFormAsync(string path, Dictionary<string, string> form)
    {
        using var response = await fx.Arm.Http.PostAsync(path, new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    Dictionary<string, string> ClientCredentials(string? secret = null, string scope = "https://management.azure.com/.default") => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = fx.Emulator.Identity.ClientId,
        ["client_secret"] = secret ?? fx.Emulator.Identity.ClientSecret,
        ["scope"] = scope,
    };

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }

    [Fact]
    public async Task Client_credentials_v2_token_is_a_bearer_token_that_ARM_accepts()
    {
        var (status, body) = await PostFormAsync($"/{fx.Emulator.Identity.TenantId}/oauth2/v2.0/token", ClientCredentials());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", (string?)body["token_type"]);
        Assert.InRange((int)body["expires_in"]!, 3500, 3600);
        var token = (string)body["access_token"]!;
        Assert.Equal(3, token.Split('.').Length);
        var claims = JsonNode.Parse(FromBase64Url(token.Split('.')[1]))!;
        Assert.Equal(fx.Emulator.Identity.TenantId, (string?)claims["tid"]);
        Assert.Equal(fx.Emulator.Identity.ClientId, (string?)claims["appid"]);

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.SendAsync(HttpMethod.Get, SubscriptionPath, token: token)).Status);
    }

    [Fact]
    public async Task Client_credentials_v1_token_takes_a_resource_instead_of_a_scope()
    {
        var (status, body) = await PostFormAsync($"/{fx.Emulator.Identity.TenantId}/oauth2/token", new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = fx.Emulator.Identity.ClientId,
            ["client_secret"] = fx.Emulator.Identity.ClientSecret,
            ["resource"] = "https://management.core.windows.net/",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        var token = (string)body["access_token"]!;
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.SendAsync(HttpMethod.Get, SubscriptionPath, token: token)).Status);
    }

    [Fact]
    public async Task Wrong_client_secret_is_401_invalid_client()
    {
        var (status, body) = await PostFormAsync($"/{fx.Emulator.Identity.TenantId}/oauth2/v2.0/token", ClientCredentials(secret: "not-the-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", (string?)body["error"]);
        Assert.Null(body["access_token"]);
    }

    [Fact]
    public async Task Unknown_tenant_is_400()
    {
        var (status, body) = await PostFormAsync($"/{Guid.NewGuid()}/oauth2/v2.0/token", ClientCredentials());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("AADSTS90002", (string?)body["error_description"]);
        Assert.Null(body["access_token"]);
    }

    [Fact]
    public async Task Unknown_scope_is_400_invalid_resource()
    {
        var (status, body) = await PostFormAsync($"/{fx.Emulator.Identity.TenantId}/oauth2/v2.0/token",
            ClientCredentials(scope: "https://storage.example.com/.default"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_resource", (string?)body["error"]);
        Assert.Null(body["access_token"]);
    }

    [Fact]
    public async Task ADFS_metadata_points_at_a_token_endpoint_that_issues_ARM_tokens()
    {
        var metadata = await fx.Arm.GetAsync("/adfs/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, metadata.Status);
        var tokenEndpoint = (string)metadata.Body!["token_endpoint"]!;
        Assert.Equal($"{fx.Emulator.BaseUri.GetLeftPart(UriPartial.Authority)}/adfs/oauth2/token", tokenEndpoint);
        Assert.EndsWith("/adfs", (string?)metadata.Body["issuer"]);
        Assert.Contains("client_credentials", metadata.Body["grant_types_supported"]!.AsArray().Select(g => (string?)g));

        var (status, body) = await PostFormAsync(ArmPaths.Local(tokenEndpoint), ClientCredentials());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK,
            (await fx.Arm.SendAsync(HttpMethod.Get, SubscriptionPath, token: (string)body["access_token"]!)).Status);

        var (refused, _) = await PostFormAsync(ArmPaths.Local(tokenEndpoint), ClientCredentials(secret: "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
    }

    [Fact]
    public async Task Managed_identity_endpoint_issues_a_token_with_the_identity_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            "/msi/token?api-version=2019-08-01&resource=" + Uri.EscapeDataString("https://management.azure.com/"));
        request.Headers.Add("X-IDENTITY-HEADER", fx.Emulator.Identity.IdentityHeader);
        using var response = await fx.Arm.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fx.Emulator.Identity.ManagedIdentityClientId, (string?)body["client_id"]);
        Assert.True(long.Parse((string)body["expires_on"]!) > fx.Clock.GetUtcNow().ToUnixTimeSeconds());
        var token = (string)body["access_token"]!;
        var claims = JsonNode.Parse(FromBase64Url(token.Split('.')[1]))!;
        Assert.Equal(fx.Emulator.Identity.ManagedIdentityObjectId, (string?)claims["oid"]);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.SendAsync(HttpMethod.Get, SubscriptionPath, token: token)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-identity-header")]
    public async Task Managed_identity_endpoint_refuses_a_missing_or_wrong_identity_header(string? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            "/msi/token?api-version=2019-08-01&resource=" + Uri.EscapeDataString("https://management.azure.com/"));
        if (header is not null) request.Headers.Add("X-IDENTITY-HEADER", header);
        using var response = await fx.Arm.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(body["access_token"]);
    }

    [Fact]
    public async Task ARM_call_without_a_token_is_401_AuthenticationFailed_with_a_challenge()
    {
        using var anonymous = new ArmClient(fx.Emulator);
        var response = await anonymous.GetAsync(SubscriptionPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("AuthenticationFailed", response.ErrorCode);
        Assert.StartsWith("Bearer ", response.Header("WWW-Authenticate"));
        Assert.Contains("authorization_uri=", response.Header("WWW-Authenticate"));
    }

    [Fact]
    public async Task Tampered_token_is_401_InvalidAuthenticationToken()
    {
        var parts = fx.Arm.Token!.Split('.');
        var claims = JsonNode.Parse(FromBase64Url(parts[1]))!;
        claims["oid"] = Guid.NewGuid().ToString();
        var tampered = $"{parts[0]}.{Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()))}.{parts[2]}";

        var response = await fx.Arm.SendAsync(HttpMethod.Get, SubscriptionPath, token: tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("InvalidAuthenticationToken", response.ErrorCode);
        Assert.NotNull(response.Header("WWW-Authenticate"));
    }

    [Fact]
    public async Task Token_signed_by_another_issuer_is_401_InvalidAuthenticationToken()
    {
        // Well-formed, for this tenant and audience, not expired: only the signing key is foreign.
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var payload = Base64Url(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["aud"] = "https://management.azure.com",
            ["tid"] = fx.Emulator.Identity.TenantId,
            ["oid"] = fx.Emulator.Identity.PrincipalObjectId,
            ["appid"] = fx.Emulator.Identity.ClientId,
            ["exp"] = fx.Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
        }.ToJsonString()));
        using var hmac = new HMACSHA256(RandomNumberGenerator.GetBytes(32));
        var foreign = $"{header}.{payload}.{Base64Url(hmac.ComputeHash(Encoding.ASCII.GetBytes(header + "." + payload)))}";

        var response = await fx.Arm.SendAsync(HttpMethod.Get, SubscriptionPath, token: foreign);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("InvalidAuthenticationToken", response.ErrorCode);
    }

    [Fact]
    public async Task Garbage_bearer_token_is_401_InvalidAuthenticationToken()
    {
        var response = await fx.Arm.SendAsync(HttpMethod.Get, SubscriptionPath, token: "not-a-jwt");
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("InvalidAuthenticationToken", response.ErrorCode);
    }

    [Fact]
    public async Task Token_past_its_lifetime_is_401_ExpiredAuthenticationToken()
    {
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PatchAsync("/_emulator/settings", new { tokenLifetimeSeconds = 60 })).Status);
        string shortLived;
        try
        {
            shortLived = await fx.Arm.GetTokenAsync();
        }
        finally
        {
            await fx.Arm.PatchAsync("/_emulator/settings", new { tokenLifetimeSeconds = 3600 });
        }

        fx.Clock.Advance(TimeSpan.FromSeconds(55));
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.SendAsync(HttpMethod.Get, SubscriptionPath, token: shortLived)).Status);

        fx.Clock.Advance(TimeSpan.FromSeconds(10));
        var expired = await fx.Arm.SendAsync(HttpMethod.Get, SubscriptionPath, token: shortLived);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Equal("ExpiredAuthenticationToken", expired.ErrorCode);
        // A token issued under the normal lifetime is unaffected.
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(SubscriptionPath)).Status);
    }

    [Theory]
    [InlineData("https://vault.azure.net/.default")]
    [InlineData("https://graph.microsoft.com/.default")]
    public async Task Token_for_another_service_is_401_InvalidAuthenticationTokenAudience(string scope)
    {
        var token = await fx.Arm.GetTokenAsync(scope);

        var response = await fx.Arm.SendAsync(HttpMethod.Get, SubscriptionPath, token: token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("InvalidAuthenticationTokenAudience", response.ErrorCode);
    }
}

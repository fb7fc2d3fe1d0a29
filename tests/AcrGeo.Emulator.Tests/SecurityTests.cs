using System.Net;
using System.Text.RegularExpressions;
using AcrGeo.Emulator.Admin;
using AcrGeo.Emulator.Hosting;
using Microsoft.AspNetCore.Routing;

namespace AcrGeo.Emulator.Tests;

/// <summary>
/// The emulator's surface, reviewed route by route: everything needs a valid token for its own audience except the few
/// routes that cannot (signing in, the sign-in metadata, the managed-identity endpoint, which takes its identity header
/// instead, and the loopback-only admin API); the admin API answers loopback names only; secrets on disk are owner-only.
/// </summary>
public sealed class SecurityTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    /// <summary>The deliberate exceptions: how would a client get a token without them.</summary>
    static readonly string[] Unauthenticated =
    [
        "/{tenant}/oauth2/v2.0/token", "/{tenant}/oauth2/token", "/adfs/oauth2/token",
        "/adfs/.well-known/openid-configuration", "/{tenant}/v2.0/.well-known/openid-configuration",
        "/{tenant}/discovery/v2.0/keys", "/adfs/discovery/keys", "/msi/token", "/health",
    ];

    /// <summary>Each mapped route with each method, its parameters filled with plausible values.</summary>
    public static IEnumerable<object[]> Routes()
    {
        // The routes are the same for every emulator: one built here lists them for the theory.
        var emulator = AzureEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = Path.Combine(Path.GetTempPath(), "acrgeo-routes", Guid.NewGuid().ToString("N")),
        }).GetAwaiter().GetResult();
        try
        {
            foreach (var route in emulator.Routes)
            {
                var pattern = "/" + route.RoutePattern.RawText!.TrimStart('/');
                // The admin API is loopback-only (tested below); the fallback serves nothing (it answers 404, or ARM's 401 first).
                if (pattern.StartsWith(AzureEmulator.AdminPath, StringComparison.Ordinal) || Unauthenticated.Contains(pattern)
                    || route.RoutePattern.RawText!.Contains("{*path")) continue;
                var methods = route.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                foreach (var method in methods) yield return [method, pattern];
            }
        }
        finally
        {
            emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    string Concrete(string pattern) =>
        Regex.Replace(pattern, @"\{\*{0,2}(\w+)[^}]*\}", m => m.Groups[1].Value switch
        {
            "sub" => fx.Subscription,
            "tenant" => fx.Emulator.Identity.TenantId,
            "rest" => "a/b",
            var name => name + "1",
        });

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_route_refuses_a_request_without_a_token(string method, string pattern)
    {
        var response = await fx.Arm.SendAsync(new HttpMethod(method), Concrete(pattern), method is "PUT" or "POST" or "PATCH" ? new { } : null, token: "");
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_route_refuses_a_token_for_another_audience(string method, string pattern)
    {
        // Graph's routes take Graph tokens, everything else ARM's: a Key Vault token is neither.
        var vaultToken = await fx.Arm.GetTokenAsync("https://vault.azure.net/.default");
        var response = await fx.Arm.SendAsync(new HttpMethod(method), Concrete(pattern), method is "PUT" or "POST" or "PATCH" ? new { } : null, vaultToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task Graph_refuses_an_ARM_token_and_ARM_refuses_a_Graph_token()
    {
        var armToken = await fx.Arm.GetTokenAsync();
        var graphToken = await fx.Arm.GetTokenAsync("https://graph.microsoft.com/.default");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Arm.SendAsync(HttpMethod.Get, "/v1.0/applications", token: armToken)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Arm.SendAsync(HttpMethod.Get, $"/subscriptions/{fx.Subscription}/resourcegroups", token: graphToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.SendAsync(HttpMethod.Get, "/v1.0/applications", token: graphToken)).Status);
    }

    [Fact]
    public async Task A_vaults_data_plane_takes_only_Key_Vault_tokens()
    {
        var (_, vault) = await fx.VaultAsync();
        async Task<HttpStatusCode> ListAsync(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/secrets?api-version=7.4");
            request.Headers.Host = $"{vault}.vault.azure.net";
            if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await fx.Arm.Http.SendAsync(request);
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await ListAsync(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await ListAsync(await fx.Arm.GetTokenAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, await ListAsync(await fx.Arm.GetTokenAsync("https://graph.microsoft.com/.default")));
        Assert.Equal(HttpStatusCode.OK, await ListAsync(await fx.VaultTokenAsync()));
    }

    [Fact]
    public async Task A_registrys_data_plane_challenges_a_request_without_a_registry_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/");
        request.Headers.Host = "anyregistry.azurecr.io";
        using var response = await fx.Arm.Http.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound, $"got {(int)response.StatusCode}");
    }

    [Fact]
    public async Task The_managed_identity_endpoint_wants_its_identity_header()
    {
        var response = await fx.Arm.SendAsync(HttpMethod.Get, "/msi/token?resource=https://management.azure.com", token: "");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.DoesNotContain("access_token", response.Text);
    }

    [Fact]
    public async Task The_admin_API_turns_away_a_request_that_names_another_host()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_emulator/requests");
        request.Headers.Host = "attacker.example";
        using var response = await fx.Arm.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        // Under a vault's name (as through the CONNECT proxy) the path is the vault's, and no admin API is there.
        using var tunnelled = new HttpRequestMessage(HttpMethod.Get, "/_emulator/faults");
        tunnelled.Headers.Host = "anyvault.vault.azure.net";
        using var refused = await fx.Arm.Http.SendAsync(tunnelled);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("retryAfterSeconds", await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync("/_emulator/requests")).Status);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("::1", "localhost", true)]
    [InlineData("::ffff:127.0.0.1", "[::1]", true)]
    [InlineData("10.0.0.5", "127.0.0.1", false)]
    [InlineData("192.168.1.20", "localhost", false)]
    [InlineData("127.0.0.1", "attacker.example", false)]
    [InlineData("127.0.0.1", "127.0.0.1.nip.io", false)]
    public void The_admin_API_answers_loopback_clients_that_name_a_loopback_host(string remote, string host, bool allowed) =>
        Assert.Equal(allowed, AdminAccess.IsAllowed(IPAddress.Parse(remote), host));

    [Fact]
    public async Task The_state_file_and_the_key_file_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        var directory = Path.Combine(Path.GetTempPath(), "acrgeo-tests", Guid.NewGuid().ToString("N"));
        var state = Path.Combine(directory, "state.json");
        await using (await AzureEmulator.StartAsync(new EmulatorOptions { DataDirectory = directory, StatePath = state }))
        {
            const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.Equal(ownerOnly, File.GetUnixFileMode(state));
            Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(directory, "emulator-key.pem")));
            // The certificate is public by nature: clients must read it to trust it.
            Assert.True(File.GetUnixFileMode(Path.Combine(directory, "emulator-cert.pem")).HasFlag(UnixFileMode.UserRead));
        }
        Directory.Delete(directory, recursive: true);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Authorization;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.Identity;

namespace AcrGeo.Emulator.Tests;

/// <summary>An emulator with its CONNECT proxy on, for Key Vault tests.</summary>
public sealed class KeyVaultFixture : EmulatorFixture
{
    protected override int? ProxyPort => 0;
}

/// <summary>Management-plane paths for Microsoft.KeyVault, with the api-version clients send.</summary>
public static class VaultPaths
{
    public const string Version = "2025-05-01";

    public static string VaultId(string sub, string rg, string vault) =>
        $"/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault}";

    public static string Vault(string sub, string rg, string vault, string version = Version) =>
        $"{VaultId(sub, rg, vault)}?api-version={version}";

    public static string DeletedVaults(string sub) => $"/subscriptions/{sub}/providers/Microsoft.KeyVault/deletedVaults?api-version={Version}";

    public static string DeletedVault(string sub, string location, string vault, string action = "") =>
        $"/subscriptions/{sub}/providers/Microsoft.KeyVault/locations/{location}/deletedVaults/{vault}{action}?api-version={Version}";
}

/// <summary>
/// A raw HTTPS client for vault host names: every connection dials the emulator's loopback port whatever the host,
/// TLS is made for the vault's name (SNI), and only the emulator's certificate is trusted. What a client sees of
/// <c>https://name.vault.azure.net</c>.
/// </summary>
public sealed class VaultClient : IDisposable
{
    public const string ApiVersion = "7.6";
    readonly HttpClient http;

    public VaultClient(AzureEmulator emulator) => http = new HttpClient(Handler(emulator));

    /// <summary>A handler that reaches the emulator for any host name, trusting exactly its certificate.</summary>
    public static SocketsHttpHandler Handler(AzureEmulator emulator)
    {
        var pinned = emulator.Certificate.Thumbprint;
        var port = emulator.BaseUri.Port;
        return new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellation) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, port, cancellation);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == pinned },
        };
    }

    public static string Url(string vault, string pathAndQuery) => $"https://{vault}.vault.azure.net{pathAndQuery}";

    /// <summary>Sends to the vault; <paramref name="pathAndQuery"/> without an api-version gets the default one.</summary>
    public Task<ArmResponse> SendAsync(HttpMethod method, string vault, string pathAndQuery, string? token, object? body = null)
    {
        if (!pathAndQuery.Contains("api-version=", StringComparison.Ordinal))
            pathAndQuery += (pathAndQuery.Contains('?') ? "&" : "?") + "api-version=" + ApiVersion;
        return SendUrlAsync(method, Url(vault, pathAndQuery), token, body);
    }

    public async Task<ArmResponse> SendUrlAsync(HttpMethod method, string url, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = new StringContent(body as string ?? System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new ArmResponse(response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text), headers, text);
    }

    public void Dispose() => http.Dispose();
}

/// <summary>Vaults and tokens set up as clients would make them, each step asserted.</summary>
public static class KeyVaultArrange
{
    public static string NewVaultName() => "kv" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Access policy granting the given secret permissions to a principal of the emulator's tenant.</summary>
    public static object Policy(this EmulatorFixture fx, string objectId, params string[] secrets) => new
    {
        tenantId = fx.Emulator.Identity.TenantId,
        objectId,
        permissions = new { secrets, keys = Array.Empty<string>(), certificates = Array.Empty<string>() },
    };

    /// <summary>
    /// A resource group and a provisioned vault in westus: an access-policy vault whose policy gives the emulator's service
    /// principal every secret permission, or (<paramref name="rbac"/>) an RBAC vault with no role assignment yet.
    /// </summary>
    public static async Task<(string Rg, string Vault)> VaultAsync(this EmulatorFixture fx, bool rbac = false,
        int? retentionDays = null, bool purgeProtection = false)
    {
        var rg = await fx.GroupAsync();
        var name = NewVaultName();
        var properties = new Dictionary<string, object>
        {
            ["tenantId"] = fx.Emulator.Identity.TenantId,
            ["sku"] = new { family = "A", name = "standard" },
            ["enableRbacAuthorization"] = rbac,
            ["accessPolicies"] = rbac
                ? Array.Empty<object>()
                : new[] { fx.Policy(fx.Emulator.Identity.PrincipalObjectId, "get", "list", "set", "delete", "recover", "purge") },
        };
        if (retentionDays is { } days) properties["softDeleteRetentionInDays"] = days;
        if (purgeProtection) properties["enablePurgeProtection"] = true;
        var put = await fx.Arm.PutAsync(VaultPaths.Vault(fx.Subscription, rg, name), new { location = "westus", properties });
        Assert.Equal(HttpStatusCode.OK, put.Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        return (rg, name);
    }

    /// <summary>A token for the vault audience, for the emulator's service principal unless told otherwise.</summary>
    public static Task<string> VaultTokenAsync(this EmulatorFixture fx) => fx.Arm.GetTokenAsync("https://vault.azure.net/.default");

    /// <summary>A token signed by the emulator for any principal, tenant and audience (what Entra ID would issue them).</summary>
    public static string IssueToken(this EmulatorFixture fx, string objectId, string audience = TokenService.VaultAudience,
        string? tenant = null)
    {
        var tokens = new TokenService(fx.Emulator.State, fx.Emulator.Settings, () => fx.Emulator.BaseUri);
        return tokens.Issue(new TokenPrincipal(objectId, Guid.NewGuid().ToString(), tenant ?? fx.Emulator.Identity.TenantId), audience).Token;
    }

    /// <summary>Assigns a built-in role directly in the state (the role-assignment endpoints are another service's).</summary>
    public static void AssignRole(this EmulatorFixture fx, string scope, string roleId, string principalId) =>
        fx.Emulator.State.Write(state => Rbac.Assign(state, scope, Guid.NewGuid().ToString(),
            Rbac.DefinitionId(fx.Subscription, roleId), principalId, "ServicePrincipal", fx.Clock.GetUtcNow(), null));
}

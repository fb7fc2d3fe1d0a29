using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Tests;

/// <summary>A service principal made through Graph, with the one copy of its password.</summary>
public sealed record TestPrincipal(string ApplicationId, string AppId, string ObjectId, string Secret, string KeyId);

/// <summary>A response of a registry's data plane (its login server host name).</summary>
public sealed record RegistryResponse(HttpStatusCode Status, JsonNode? Body, string? Challenge)
{
    public string? ErrorCode => (string?)Body?["errors"]?[0]?["code"];
    public string? ErrorMessage => (string?)Body?["errors"]?[0]?["message"];
}

/// <summary>Principals as clients make them (Graph, then a role assignment), and the calls they then make as themselves.</summary>
public static class PrincipalArrange
{
    public const string AuthorizationVersion = "2022-04-01";
    public const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    public const string AcrPush = "8311e382-0749-4cb8-b61a-304f252e45ec";
    public const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";

    /// <summary>A Graph request as the emulator's own service principal (a directory administrator), unless a token is given.</summary>
    public static async Task<ArmResponse> GraphAsync(this EmulatorFixture fx, HttpMethod method, string path, object? body = null,
        string? token = null) =>
        await fx.Arm.SendAsync(method, "/v1.0" + path, body, token ?? await fx.Arm.GetTokenAsync("https://graph.microsoft.com/.default"));

    /// <summary>Application, password, service principal: what <c>az ad sp create-for-rbac</c> does, each step asserted.</summary>
    public static async Task<TestPrincipal> ServicePrincipalAsync(this EmulatorFixture fx, string? displayName = null)
    {
        var (application, appId) = await fx.ApplicationAsync(displayName);
        var (secret, keyId) = await fx.PasswordAsync(application);
        var principal = await fx.GraphAsync(HttpMethod.Post, "/servicePrincipals", new { appId });
        Assert.Equal(HttpStatusCode.Created, principal.Status);
        return new TestPrincipal(application, appId, (string)principal.Body!["id"]!, secret, keyId);
    }

    public static async Task<(string ObjectId, string AppId)> ApplicationAsync(this EmulatorFixture fx, string? displayName = null)
    {
        var created = await fx.GraphAsync(HttpMethod.Post, "/applications", new { displayName = displayName ?? Arrange.NewName("app") });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return ((string)created.Body!["id"]!, (string)created.Body["appId"]!);
    }

    public static async Task<(string Secret, string KeyId)> PasswordAsync(this EmulatorFixture fx, string applicationObjectId,
        object? passwordCredential = null)
    {
        var added = await fx.GraphAsync(HttpMethod.Post, $"/applications/{applicationObjectId}/addPassword",
            new { passwordCredential = passwordCredential ?? new { displayName = "rbac" } });
        Assert.Equal(HttpStatusCode.OK, added.Status);
        return ((string)added.Body!["secretText"]!, (string)added.Body["keyId"]!);
    }

    public static string DefinitionId(this EmulatorFixture fx, string roleId) =>
        $"/subscriptions/{fx.Subscription}/providers/Microsoft.Authorization/roleDefinitions/{roleId}";

    public static string AssignmentPath(string scope, string? name = null) =>
        $"{scope}/providers/Microsoft.Authorization/roleAssignments/{name ?? Guid.NewGuid().ToString()}?api-version={AuthorizationVersion}";

    public static Task<ArmResponse> PutAssignmentAsync(this EmulatorFixture fx, string scope, string roleId, string principalId,
        string? principalType = "ServicePrincipal", string? name = null) =>
        fx.Arm.PutAsync(AssignmentPath(scope, name), new
        {
            properties = new { roleDefinitionId = fx.DefinitionId(roleId), principalId, principalType },
        });

    /// <summary>A role assignment as the module and <c>create-for-rbac</c> make it: with principalType, asserted.</summary>
    public static async Task<string> AssignAsync(this EmulatorFixture fx, string scope, string roleId, string principalId)
    {
        var put = await fx.PutAssignmentAsync(scope, roleId, principalId);
        Assert.Equal(HttpStatusCode.Created, put.Status);
        return (string)put.Body!["id"]!;
    }

    /// <summary>The raw client-credentials answer for a principal's own credentials.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode Body)> SignInAsync(this EmulatorFixture fx, string clientId, string secret,
        string scope = "https://management.azure.com/.default")
    {
        using var response = await fx.Arm.Http.PostAsync($"/{fx.Emulator.Identity.TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope,
            }));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public static async Task<string> TokenAsync(this EmulatorFixture fx, TestPrincipal principal,
        string scope = "https://management.azure.com/.default")
    {
        var (status, body) = await fx.SignInAsync(principal.AppId, principal.Secret, scope);
        Assert.Equal(HttpStatusCode.OK, status);
        return (string)body["access_token"]!;
    }

    /// <summary>A request to a registry's login server: the emulator's address, the registry's name in the Host header.</summary>
    public static async Task<RegistryResponse> LoginServerAsync(this EmulatorFixture fx, string registry, string pathAndQuery,
        AuthenticationHeaderValue? authorization = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, pathAndQuery);
        request.Headers.Host = $"{registry.ToLowerInvariant()}.azurecr.io";
        request.Headers.Authorization = authorization;
        using var response = await fx.Arm.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new RegistryResponse(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text),
            response.Headers.WwwAuthenticate.FirstOrDefault()?.ToString());
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    /// <summary>A registry token for a repository scope, asserting the exchange succeeded.</summary>
    public static async Task<string> RegistryTokenAsync(this EmulatorFixture fx, string registry, AuthenticationHeaderValue credentials,
        string scope)
    {
        var answer = await fx.LoginServerAsync(registry,
            $"/oauth2/token?service={registry.ToLowerInvariant()}.azurecr.io&scope={Uri.EscapeDataString(scope)}", credentials);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return (string)answer.Body!["access_token"]!;
    }

    /// <summary>The claims of a JWT (no signature check: the tests read what the emulator issued).</summary>
    public static JsonObject Claims(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonNode.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=')))!.AsObject();
    }

    /// <summary>The actions a registry token grants on a repository.</summary>
    public static string[] GrantedActions(string registryToken, string repository) =>
        Claims(registryToken)["access"]!.AsArray().OfType<JsonObject>()
            .Where(a => (string?)a["name"] == repository)
            .SelectMany(a => a["actions"]!.AsArray().Select(x => (string)x!))
            .Order().ToArray();
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Tests;

/// <summary>A data-plane answer with what content reads need: the raw body and the headers.</summary>
public sealed record DataPlaneResponse(HttpStatusCode Status, string Text, IReadOnlyDictionary<string, string> Headers)
{
    public JsonNode? Body => Text.Length == 0 ? null : JsonNode.Parse(Text);
    public string? ErrorCode => (string?)Body?["errors"]?[0]?["code"];
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}

/// <summary>Images imported as clients import them, and reads of a registry's content on any of its host names.</summary>
public static class ContentArrange
{
    public const string AciHelloWorld = "azuredocs/aci-helloworld:latest";

    public static string ImportPath(this EmulatorFixture fx, string rg, string registry) =>
        $"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}/importImage?api-version={ArmPaths.AcrVersion}";

    /// <summary>The body <c>az acr import --source mcr.microsoft.com/{image} --image {target}</c> sends.</summary>
    public static object FromMcr(string image, string target, string mode = "NoForce") => new
    {
        source = new { registryUri = "mcr.microsoft.com", sourceImage = image },
        targetTags = new[] { target },
        mode,
    };

    /// <summary>Starts an import, asserting ACR's 202 with a Location to poll.</summary>
    public static async Task<string> StartImportAsync(this EmulatorFixture fx, string rg, string registry, object body, string? token = null)
    {
        var started = await fx.Arm.SendAsync(HttpMethod.Post, fx.ImportPath(rg, registry), body, token);
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        return ArmPaths.Local(started.Header("Location")!);
    }

    /// <summary>Imports and lets the operation end, asserting it succeeded.</summary>
    public static async Task ImportAsync(this EmulatorFixture fx, string rg, string registry, object body)
    {
        var poll = await fx.StartImportAsync(rg, registry, body);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        var result = await fx.Arm.GetAsync(poll);
        Assert.True(result.Status == HttpStatusCode.OK, result.Text);
    }

    /// <summary>A request to a registry host name (the login server, or a regional endpoint) at the emulator's address.</summary>
    public static async Task<DataPlaneResponse> HostAsync(this EmulatorFixture fx, string host, string pathAndQuery,
        AuthenticationHeaderValue? authorization = null, HttpMethod? method = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, pathAndQuery) { Content = content };
        request.Headers.Host = host;
        request.Headers.Authorization = authorization;
        using var response = await fx.Arm.Http.SendAsync(request);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new DataPlaneResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), headers);
    }

    public static string LoginServer(string registry) => $"{registry.ToLowerInvariant()}.azurecr.io";

    public static string Regional(string registry, string region) => $"{registry.ToLowerInvariant()}.{region}.geo.azurecr.io";

    /// <summary>A registry with its admin user enabled, and a token of the admin user for the scopes.</summary>
    public static async Task<(string User, string Password)> AdminAsync(this EmulatorFixture fx, string rg, string registry)
    {
        var credentials = await fx.Arm.PostAsync($"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}/listCredentials?api-version={ArmPaths.AcrVersion}");
        Assert.Equal(HttpStatusCode.OK, credentials.Status);
        return ((string)credentials.Body!["username"]!, (string)credentials.Body["passwords"]![0]!["value"]!);
    }

    public static async Task<AuthenticationHeaderValue> AdminBearerAsync(this EmulatorFixture fx, string rg, string registry, params string[] scopes)
    {
        var (user, password) = await fx.AdminAsync(rg, registry);
        var query = string.Join("&", scopes.Select(s => "scope=" + Uri.EscapeDataString(s)));
        var answer = await fx.HostAsync(LoginServer(registry), $"/oauth2/token?service={LoginServer(registry)}&{query}",
            PrincipalArrange.Basic(user, password));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return PrincipalArrange.Bearer((string)answer.Body!["access_token"]!);
    }

    public static string ReplicationPath(this EmulatorFixture fx, string rg, string registry, string name) =>
        ArmPaths.Replication(fx.Subscription, rg, registry, name);

    public static async Task<string> DisplayStatusAsync(this EmulatorFixture fx, string rg, string registry, string replica)
    {
        var got = await fx.Arm.GetAsync(fx.ReplicationPath(rg, registry, replica));
        Assert.Equal(HttpStatusCode.OK, got.Status);
        return (string)got.Body!["properties"]!["status"]!["displayStatus"]!;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Connection;
using AcrGeo.Models;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcrGeo.Operations;

/// <summary>What a registry answers when asked for a pull with given credentials.</summary>
enum PullCheck
{
    Allowed,
    CredentialsRejected,
    NoPullRight,
    ImageMissing,
}

/// <summary>
/// The registry's own API (Docker Registry v2 and ACR's <c>/acr/v1</c>), as docker and container runtimes use it: a
/// registry token from credentials (or from the signed-in identity through ACR's AAD exchange), then reads.
/// </summary>
sealed class RegistryDataPlane
{
    readonly AcrGeoConnection connection;
    readonly HttpPipeline pipeline;

    public RegistryDataPlane(AcrGeoConnection connection)
    {
        this.connection = connection;
        pipeline = connection.UnauthenticatedPipeline;
    }

    async Task<(int Status, JsonNode? Body, Func<string, string?> Header)> SendAsync(RequestMethod method, Uri uri, string? authorization,
        IDictionary<string, string>? form, OperationContext context)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.Add("Accept", "application/json, application/vnd.docker.distribution.manifest.v2+json");
        if (authorization is not null) message.Request.Headers.Add("Authorization", authorization);
        if (form is not null)
        {
            message.Request.Headers.Add("Content-Type", "application/x-www-form-urlencoded");
            message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(string.Join("&",
                form.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"))));
        }
        await pipeline.SendAsync(message, context.Cancellation).ConfigureAwait(false);
        var response = message.Response;
        context.Log($"{method} {uri.Host}{uri.AbsolutePath} -> {response.Status}");
        JsonNode? body = null;
        if (response.Content is { } content && content.ToMemory().Length > 0)
        {
            try
            {
                body = JsonNode.Parse(content.ToMemory().ToArray());
            }
            catch (JsonException)
            {
                body = null;
            }
        }
        return (response.Status, body, name => response.Headers.TryGetValue(name, out var value) ? value : null);
    }

    /// <summary>The user name that carries a registry refresh token (or an Entra ID token) as its password.</summary>
    internal const string TokenUser = "00000000-0000-0000-0000-000000000000";

    /// <summary>A region's regional endpoint: <c>{registry}.{region}.geo.azurecr.io</c>, always answered by that region's replica.</summary>
    internal string RegionalHost(AcrRegistry registry, string region) =>
        $"{registry.Name.ToLowerInvariant()}.{NameRules.Region(region)}.geo{connection.Cloud.LoginServerSuffix}";

    /// <summary>
    /// A registry token for the signed-in identity, through ACR's AAD exchange (what az acr login does), on the login
    /// server or, with <paramref name="host"/>, on a regional endpoint (what az acr login --all-endpoints does per region).
    /// </summary>
    internal async Task<string> TokenForCallerAsync(AcrRegistry registry, string scope, OperationContext context, string? host = null)
    {
        host ??= registry.LoginServer;
        var refresh = await RefreshTokenForCallerAsync(registry, context, host).ConfigureAwait(false);
        var token = await SendAsync(RequestMethod.Post, new Uri($"https://{host}/oauth2/token"), null,
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token", ["service"] = registry.LoginServer, ["scope"] = scope, ["refresh_token"] = refresh,
            }, context).ConfigureAwait(false);
        return (string?)token.Body?["access_token"] ?? throw Refused(registry, token.Status, "no registry token was issued");
    }

    /// <summary>
    /// A registry refresh token for the signed-in identity (ACR's Entra ID exchange, as 'az acr login --expose-token'):
    /// the password of <see cref="TokenUser"/>. A secret: it goes from here to one request body and nowhere else.
    /// </summary>
    internal async Task<string> RefreshTokenForCallerAsync(AcrRegistry registry, OperationContext context, string? host = null)
    {
        var caller = await connection.GetCallerAsync(context).ConfigureAwait(false);
        var aad = await connection.Credential.GetTokenAsync(
            new TokenRequestContext(new[] { connection.Cloud.ResourceManagerAudience + "/.default" }), context.Cancellation).ConfigureAwait(false);
        var exchange = await SendAsync(RequestMethod.Post, new Uri($"https://{host ?? registry.LoginServer}/oauth2/exchange"), null,
            new Dictionary<string, string>
            {
                ["grant_type"] = "access_token", ["service"] = registry.LoginServer, ["tenant"] = caller.TenantId,
                ["access_token"] = aad.Token,
            }, context).ConfigureAwait(false);
        return (string?)exchange.Body?["refresh_token"]
               ?? throw Refused(registry, exchange.Status, "the registry refused the signed-in identity's token");
    }

    /// <summary>Whether the registry has the tag, as the signed-in identity sees it (ACR's tag metadata, one read).</summary>
    public async Task<bool> TagExistsAsync(AcrRegistry registry, string repository, string tag, OperationContext context)
    {
        var token = await TokenForCallerAsync(registry, $"repository:{repository}:metadata_read", context).ConfigureAwait(false);
        var reply = await SendAsync(RequestMethod.Get, new Uri($"https://{registry.LoginServer}/acr/v1/{repository}/_tags/{tag}"),
            "Bearer " + token, null, context).ConfigureAwait(false);
        return reply.Status switch
        {
            200 => true,
            404 => false,
            _ => throw Refused(registry, reply.Status, $"reading the tag {repository}:{tag} failed"),
        };
    }

    /// <summary>Every repository and tag, newest first, as the signed-in identity may see them.</summary>
    public async Task<IReadOnlyList<AcrImage>> ListAsync(AcrRegistry registry, string? repository, OperationContext context)
    {
        var catalogToken = await TokenForCallerAsync(registry, "registry:catalog:*", context).ConfigureAwait(false);
        var repositories = repository is not null
            ? new List<string> { repository }
            : ((await SendAsync(RequestMethod.Get, new Uri($"https://{registry.LoginServer}/acr/v1/_catalog"), "Bearer " + catalogToken, null, context)
                .ConfigureAwait(false)).Body?["repositories"] as JsonArray ?? new JsonArray()).Select(r => r?.ToString() ?? "").ToList();
        var images = new List<AcrImage>();
        foreach (var name in repositories)
        {
            var token = await TokenForCallerAsync(registry, $"repository:{name}:metadata_read,pull", context).ConfigureAwait(false);
            var tags = await SendAsync(RequestMethod.Get, new Uri($"https://{registry.LoginServer}/acr/v1/{name}/_tags"), "Bearer " + token, null, context)
                .ConfigureAwait(false);
            if (tags.Status == 404) continue;
            if (tags.Status != 200) throw Refused(registry, tags.Status, $"listing the tags of '{name}' failed");
            foreach (var tag in (tags.Body?["tags"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
                images.Add(new AcrImage
                {
                    RegistryName = registry.Name,
                    LoginServer = registry.LoginServer,
                    Repository = name,
                    Tag = (string?)tag["name"] ?? "",
                    Digest = (string?)tag["digest"],
                    LastUpdated = DateTimeOffset.TryParse((string?)tag["lastUpdateTime"], out var at) ? at : null,
                });
        }
        return images.OrderBy(i => i.Repository).ThenByDescending(i => i.LastUpdated).ToList();
    }

    /// <summary>
    /// Does what a container runtime does before it pulls, and says which step fails: the credentials must get a
    /// registry token, the token must carry pull, and the image must be in the replica the runtime would reach
    /// (its regional endpoint).
    /// </summary>
    public async Task<PullCheck> CheckPullAsync(AcrRegistry registry, string region, string repository, string reference, string userName,
        SecureString password, OperationContext context)
    {
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + SecureText.Reveal(password)));
        var token = await SendAsync(RequestMethod.Get,
            new Uri($"https://{registry.LoginServer}/oauth2/token?service={Uri.EscapeDataString(registry.LoginServer)}" +
                    $"&scope={Uri.EscapeDataString($"repository:{repository}:pull")}"), basic, null, context).ConfigureAwait(false);
        if (token.Status == 401) return PullCheck.CredentialsRejected;
        var accessToken = (string?)token.Body?["access_token"] ?? (string?)token.Body?["token"];
        if (accessToken is null) throw Refused(registry, token.Status, "no registry token was issued");

        var regional = new Uri($"https://{RegionalHost(registry, region)}/v2/{repository}/manifests/{reference}");
        var manifest = await SendAsync(RequestMethod.Head, regional, "Bearer " + accessToken, null, context).ConfigureAwait(false);
        return manifest.Status switch
        {
            200 => PullCheck.Allowed,
            401 or 403 => PullCheck.NoPullRight,
            404 => PullCheck.ImageMissing,
            _ => throw Refused(registry, manifest.Status, "checking the image failed"),
        };
    }

    /// <summary>Whether the image is in the registry as seen from a region, for the signed-in identity.</summary>
    public async Task<bool> ExistsInRegionAsync(AcrRegistry registry, string region, string repository, string reference, OperationContext context)
    {
        var token = await TokenForCallerAsync(registry, $"repository:{repository}:pull", context).ConfigureAwait(false);
        var regional = new Uri($"https://{RegionalHost(registry, region)}/v2/{repository}/manifests/{reference}");
        return (await SendAsync(RequestMethod.Head, regional, "Bearer " + token, null, context).ConfigureAwait(false)).Status == 200;
    }

    /// <summary>
    /// The digest a region's replica resolves a tag (or digest) to, asked with HEAD on its regional endpoint with a token
    /// from that endpoint; null when the replica does not have it (yet). A region that cannot be reached at all is
    /// RegionalEndpointUnreachable: regional endpoints may be disabled for the registry.
    /// </summary>
    internal async Task<string?> DigestInRegionAsync(AcrRegistry registry, string region, string token, string repository, string reference,
        OperationContext context)
    {
        var host = RegionalHost(registry, region);
        var reply = await Reach(registry, host, () => SendAsync(RequestMethod.Head, new Uri($"https://{host}/v2/{repository}/manifests/{reference}"),
            "Bearer " + token, null, context)).ConfigureAwait(false);
        return reply.Status switch
        {
            200 => reply.Header("Docker-Content-Digest") ?? throw Refused(registry, 200, $"{host} answered without a Docker-Content-Digest"),
            404 => null,
            _ => throw Refused(registry, reply.Status, $"reading {repository}:{reference} through {host} failed; the signed-in identity needs " +
                                                   "a pull role (AcrPull or above) on the registry"),
        };
    }

    /// <summary>A token for pulling one repository through a region's regional endpoint.</summary>
    internal Task<string> RegionalPullTokenAsync(AcrRegistry registry, string region, string repository, OperationContext context)
    {
        var host = RegionalHost(registry, region);
        return Reach(registry, host, () => TokenForCallerAsync(registry, $"repository:{repository}:pull", context, host));
    }

    static async Task<T> Reach<T>(AcrRegistry registry, string host, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 0)
        {
            throw new AcrGeoException(ErrorIds.RegionalEndpointUnreachable, AcrErrorCategory.ConnectionError,
                $"{host} could not be reached ({e.Message}). Regional endpoints may be disabled for '{registry.Name}': enable them with " +
                $"Set-AcrRegistry -Registry {registry.Name} -RegionalEndpoints Enabled.", host, e);
        }
    }

    static AcrGeoException Refused(AcrRegistry registry, int status, string what) =>
        new(ErrorIds.ArmPrefix + "RegistryDataPlane", status == 401 || status == 403 ? AcrErrorCategory.PermissionDenied : AcrErrorCategory.InvalidOperation,
            $"Registry '{registry.LoginServer}': {what} (HTTP {status}).", registry);
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Authorization;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.Identity;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ContainerRegistry;

/// <summary>
/// The content half of a registry's data plane: the Docker registry API reads (<c>/v2/_catalog</c>, tags, manifests),
/// ACR's own metadata API (<c>/acr/v1/...</c>, what <c>az acr repository</c> calls), and ACR's Entra ID exchange
/// (<c>POST /oauth2/exchange</c> then <c>POST /oauth2/token</c>, how the Azure CLI gets a registry token). On the login
/// server the home region answers; on a regional endpoint (<c>{registry}.{region}.geo.azurecr.io</c>) that replica
/// answers, with exactly the content that has reached it.
/// </summary>
sealed partial class RegistryDataPlane
{
    const string GeoSuffix = ".geo" + HostSuffix;
    const string ReadAction = "Microsoft.ContainerRegistry/registries/read";
    const string CatalogScope = "registry:catalog:*";
    /// <summary>ACR's refresh tokens last three hours.</summary>
    static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromHours(3);
    const int DefaultPageSize = 100;

    [GeneratedRegex(@"^/v2/(?<repo>[a-z0-9]+(?:[._/-][a-z0-9]+)*)/(?:(?<list>tags/list)|manifests/(?<reference>[^/]+))$")]
    private static partial Regex DockerRead();

    [GeneratedRegex(@"^/acr/v1/(?<repo>[a-z0-9]+(?:[._/-][a-z0-9]+)*?)(?:/(?<kind>_tags|_manifests)(?:/(?<item>[^/]+))?)?$")]
    private static partial Regex AcrRead();

    /// <summary>
    /// The registry and region a data-plane host name stands for: <c>{registry}.azurecr.io</c> (the home region), or a
    /// regional endpoint <c>{registry}.{region}.geo.azurecr.io</c> of a region where it has a replica. Null: no such host.
    /// </summary>
    internal static (ResourceRecord Registry, string? Region)? ResolveHost(EmulatorState state, string host)
    {
        if (!host.EndsWith(GeoSuffix, StringComparison.OrdinalIgnoreCase))
            return FindByLoginServer(state, host) is { } registry ? (registry, null) : null;
        var prefix = host[..^GeoSuffix.Length];
        var dot = prefix.LastIndexOf('.');
        if (dot <= 0) return null;
        var region = prefix[(dot + 1)..].ToLowerInvariant();
        return FindByLoginServer(state, prefix[..dot] + HostSuffix) is { } regional
               && RegistryContent.ReplicaRegions(state, regional).ContainsKey(region)
            ? (regional, region)
            : null;
    }

    /// <summary>The form-posting token endpoints: ACR's Entra ID exchange and the OAuth2 token grants.</summary>
    static bool IsFormTokenRequest(HttpContext ctx) =>
        HttpMethods.IsPost(ctx.Request.Method)
        && (ctx.Request.Path.Value ?? "").ToLowerInvariant() is "/oauth2/exchange" or "/oauth2/token";

    async Task<IResult> FormTokenAsync(HttpContext ctx, ResourceRecord registry)
    {
        if (!ctx.Request.HasFormContentType)
            return Errors(400, "UNSUPPORTED", "The request must be application/x-www-form-urlencoded.", null);
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var service = form["service"].ToString();
        if (service.Length > 0 && !service.Equals(LoginServer(registry), StringComparison.OrdinalIgnoreCase))
            return Errors(401, "UNAUTHORIZED", $"The service '{service}' is not this registry's login server.", null);
        var grant = form["grant_type"].ToString();

        if ((ctx.Request.Path.Value ?? "").Equals("/oauth2/exchange", StringComparison.OrdinalIgnoreCase))
        {
            if (grant != "access_token")
                return Errors(400, "UNSUPPORTED", $"The grant_type '{grant}' is not supported; send 'access_token'.", null);
            TokenPrincipal principal;
            try
            {
                principal = tokens.Validate("Bearer " + form["access_token"], Audience.ResourceManager);
            }
            catch (ArmException e)
            {
                return Errors(401, "UNAUTHORIZED", e.Message, null);
            }
            return ArmHttp.Json(new JsonObject { ["refresh_token"] = RefreshToken(registry, principal) });
        }

        if (grant is not ("refresh_token" or "password"))
            return Errors(400, "UNSUPPORTED", $"The grant_type '{grant}' is not supported; send 'refresh_token' or 'password'.", null);
        var allowed = grant == "password"
            ? AllowedActions(store, tokens, settings, registry, form["username"].ToString(), form["password"].ToString())
            : ReadRefreshToken(store, registry, form["refresh_token"].ToString()) is { } holder
                ? PrincipalActions(store, settings, registry, holder.ObjectId)
                : null;
        if (allowed is null)
            return Errors(401, "UNAUTHORIZED", "The credentials or the refresh token are not valid for this registry.", null);
        return AccessToken(registry, allowed, form["scope"]);
    }

    /// <summary>A refresh token for this registry that stands for the signed-in principal (its object id and tenant).</summary>
    string RefreshToken(ResourceRecord registry, TokenPrincipal principal)
    {
        var now = store.Now;
        var claims = new JsonObject
        {
            ["jti"] = Guid.NewGuid().ToString(),
            ["sub"] = principal.ObjectId,
            ["oid"] = principal.ObjectId,
            ["appid"] = principal.AppId,
            ["tenant"] = principal.TenantId,
            ["grant_type"] = "refresh_token",
            ["iss"] = "Azure Container Registry",
            ["aud"] = LoginServer(registry),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + RefreshTokenLifetime).ToUnixTimeSeconds(),
        };
        var header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        var body = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        return $"{header}.{body}.{RefreshSignature(store, header + "." + body)}";
    }

    /// <summary>
    /// The principal a refresh token of this registry stands for, or null. Refresh tokens are signed under their own key,
    /// so one never passes for an access token, nor an access token for one.
    /// </summary>
    static TokenPrincipal? ReadRefreshToken(StateStore store, ResourceRecord registry, string? token)
    {
        var parts = (token ?? "").Split('.');
        if (parts.Length != 3 || !FixedTimeEquals(RefreshSignature(store, parts[0] + "." + parts[1]), parts[2])) return null;
        try
        {
            var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))?.AsObject();
            return claims is not null
                   && ((string?)claims["aud"] ?? "").Equals(LoginServer(registry), StringComparison.OrdinalIgnoreCase)
                   && DateTimeOffset.FromUnixTimeSeconds((long?)claims["exp"] ?? 0) > store.Now
                ? new TokenPrincipal((string)claims["oid"]!, (string?)claims["appid"] ?? "", (string?)claims["tenant"] ?? "")
                : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    static string RefreshSignature(StateStore store, string data)
    {
        var key = HMACSHA256.HashData(Convert.FromBase64String(store.Identity.SigningKey), "acr-refresh-token"u8);
        return Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(data)));
    }

    /// <summary>
    /// What a principal's roles allow on the registry: pull with <c>.../pull/read</c> (AcrPull and above), push, delete,
    /// and the catalog (listing repositories) with read on the registry (Reader, Contributor, Owner). Only assignments
    /// that have propagated to the data plane count (<see cref="EmulatorSettings.RoleAssignmentPropagationDelay"/>).
    /// </summary>
    internal static HashSet<string> PrincipalActions(StateStore store, EmulatorSettings settings, ResourceRecord registry, string principalId) =>
        store.Read(state =>
        {
            var madeBy = store.Now - settings.RoleAssignmentPropagationDelay;
            var actions = new HashSet<string>();
            if (Rbac.IsAllowed(state, principalId, registry.Id, PullAction, madeBy: madeBy)) actions.Add("pull");
            if (Rbac.IsAllowed(state, principalId, registry.Id, PushAction, madeBy: madeBy)) actions.Add("push");
            if (Rbac.IsAllowed(state, principalId, registry.Id, DeleteAction, madeBy: madeBy)) actions.Add("delete");
            if (Rbac.IsAllowed(state, principalId, registry.Id, ReadAction, madeBy: madeBy)) actions.Add("catalog");
            return actions;
        });

    /// <summary>
    /// One granted access entry for a requested scope: <c>repository:{name}:{actions}</c> (pull, push, delete, and
    /// metadata_read with pull) or <c>registry:catalog:*</c>; null for scopes the emulator does not grant.
    /// </summary>
    static JsonObject? Access(string scope, HashSet<string> allowed)
    {
        // A repository name may hold slashes, never colons.
        var parts = scope.Split(':');
        if (parts.Length != 3) return null;
        var admin = allowed.Contains("*");
        string[] granted = parts[0] switch
        {
            "repository" => parts[2].Split(',').Where(a => a switch
            {
                "pull" or "push" or "delete" => admin || allowed.Contains(a),
                "metadata_read" => admin || allowed.Contains("pull"),
                _ => false,
            }).Distinct().ToArray(),
            "registry" when parts[1] == "catalog" => admin || allowed.Contains("catalog") ? ["*"] : [],
            _ => [],
        };
        return parts[0] is "repository" or "registry"
            ? new JsonObject { ["type"] = parts[0], ["name"] = parts[1], ["actions"] = new JsonArray(granted.Select(a => (JsonNode)a).ToArray()) }
            : null;
    }

    /// <summary>Whether a registry token grants one of the actions on a resource of the given type.</summary>
    static bool Grants(JsonObject token, string type, string name, params string[] actions) =>
        (token["access"] as JsonArray ?? []).OfType<JsonObject>().Any(a =>
            (string?)a["type"] == type && (string?)a["name"] == name
            && (a["actions"] as JsonArray ?? []).Any(x => (string?)x == "*" || actions.Contains((string?)x)));

    // ---- content reads ----

    IResult ContentRead(HttpContext ctx, ResourceRecord registry, string? region, string path, bool reads)
    {
        var docker = DockerRead().Match(path);
        var acr = AcrRead().Match(path);
        var catalog = path is "/v2/_catalog" or "/acr/v1/_catalog";
        if (!catalog && !docker.Success && !acr.Success) return Errors(404, "NAME_INVALID", "invalid repository name", null);
        if (!reads) return Errors(405, "UNSUPPORTED", "The operation is unsupported.", null);

        var repository = catalog ? null : (docker.Success ? docker : acr).Groups["repo"].Value;
        // Docker's reads need pull; ACR's metadata reads take metadata_read (which pull grants too).
        var (scope, actions) = catalog ? (CatalogScope, new[] { "*" })
            : docker.Success ? ($"repository:{repository}:pull", new[] { "pull" })
            : ($"repository:{repository}:metadata_read", new[] { "metadata_read", "pull" });
        var token = ReadToken(ctx, registry);
        if (token is null) return Challenge(ctx, registry, scope, ctx.Request.Headers.Authorization.Count > 0 ? "invalid_token" : null);
        // A good token without this scope is challenged again, naming the scope, as ACR does: clients ask the token
        // endpoint for it and retry (a 403 would end the pull with no second try).
        if (!(catalog ? Grants(token, "registry", "catalog", actions) : Grants(token, "repository", repository!, actions)))
            return Challenge(ctx, registry, scope, "insufficient_scope");

        var view = store.Read(state => RegistryContent.View(state, registry, region, store.Now));
        if (catalog)
            return Paged(ctx, view.Repositories.Keys, names => new JsonObject { ["repositories"] = Strings(names) });
        if (!view.Repositories.TryGetValue(repository!, out var repo))
            return Errors(404, "NAME_UNKNOWN", "repository name not known to registry", new JsonObject { ["name"] = repository });

        if (docker.Success)
            return docker.Groups["list"].Success
                ? Paged(ctx, repo.Tags.Keys, tags => new JsonObject { ["name"] = repository, ["tags"] = Strings(tags) })
                : Manifest(ctx, repo, docker.Groups["reference"].Value);

        var item = acr.Groups["item"].Success ? acr.Groups["item"].Value : null;
        return acr.Groups["kind"].Value switch
        {
            "_tags" when item is null => Paged(ctx, OrderTags(ctx, repo), tags => new JsonObject
            {
                ["registry"] = LoginServer(registry),
                ["imageName"] = repository,
                ["tags"] = new JsonArray(tags.Select(t => (JsonNode)TagJson(t, repo.Tags[t])).ToArray()),
            }),
            "_tags" => repo.Tags.TryGetValue(item!, out var version)
                ? ArmHttp.Json(new JsonObject { ["registry"] = LoginServer(registry), ["imageName"] = repository, ["tag"] = TagJson(item!, version) })
                : Errors(404, "TAG_UNKNOWN", "the specified tag does not exist", new JsonObject { ["Tag"] = item }),
            "_manifests" when item is null => Paged(ctx, repo.Manifests.Keys.Order(StringComparer.Ordinal), digests => new JsonObject
            {
                ["registry"] = LoginServer(registry),
                ["imageName"] = repository,
                ["manifests"] = new JsonArray(digests.Select(d => (JsonNode)ManifestJson(repo, repo.Manifests[d])).ToArray()),
            }),
            "_manifests" => repo.Manifests.TryGetValue(item!, out var manifest)
                ? ArmHttp.Json(new JsonObject { ["registry"] = LoginServer(registry), ["imageName"] = repository, ["manifest"] = ManifestJson(repo, manifest) })
                : Errors(404, "MANIFEST_UNKNOWN", "manifest unknown", new JsonObject { ["Digest"] = item }),
            _ => ArmHttp.Json(new JsonObject
            {
                ["registry"] = LoginServer(registry),
                ["imageName"] = repository,
                ["createdTime"] = ArmHttp.Time(repo.Content.CreatedTime),
                ["lastUpdateTime"] = ArmHttp.Time(repo.Content.LastUpdateTime),
                ["manifestCount"] = repo.Manifests.Count,
                ["tagCount"] = repo.Tags.Count,
                ["changeableAttributes"] = ChangeableAttributes(),
            }),
        };
    }

    /// <summary><c>GET|HEAD /v2/{repo}/manifests/{tag|digest}</c>: the manifest, byte for byte, with its digest.</summary>
    static IResult Manifest(HttpContext ctx, RepositoryView repo, string reference)
    {
        var digest = RegistryContent.IsDigest(reference) ? reference : repo.Tags.GetValueOrDefault(reference)?.Digest;
        if (digest is null || !repo.Manifests.TryGetValue(digest, out var manifest))
            return Errors(404, "MANIFEST_UNKNOWN", RegistryContent.IsDigest(reference)
                    ? $"manifest {reference} is not found"
                    : $"manifest tagged by \"{reference}\" is not found",
                new JsonObject { [RegistryContent.IsDigest(reference) ? "Digest" : "Tag"] = reference });
        var bytes = Encoding.UTF8.GetBytes(manifest.Manifest);
        ctx.Response.Headers["Docker-Content-Digest"] = manifest.Digest;
        ctx.Response.Headers["Docker-Distribution-Api-Version"] = "registry/2.0";
        ctx.Response.Headers.ETag = $"\"{manifest.Digest}\"";
        if (!HttpMethods.IsHead(ctx.Request.Method)) return Results.Bytes(bytes, manifest.MediaType);
        ctx.Response.ContentType = manifest.MediaType;
        ctx.Response.ContentLength = bytes.Length;
        return Results.Empty;
    }

    static JsonObject TagJson(string name, TagVersion version) => new()
    {
        ["name"] = name,
        ["digest"] = version.Digest,
        ["createdTime"] = ArmHttp.Time(version.CreatedTime),
        ["lastUpdateTime"] = ArmHttp.Time(version.LastUpdateTime),
        ["signed"] = false,
        ["changeableAttributes"] = ChangeableAttributes(),
    };

    static JsonObject ManifestJson(RepositoryView repo, ManifestContent manifest) => new()
    {
        ["digest"] = manifest.Digest,
        ["imageSize"] = manifest.ImageSize,
        ["createdTime"] = ArmHttp.Time(manifest.CreatedTime),
        ["lastUpdateTime"] = ArmHttp.Time(manifest.LastUpdateTime),
        ["architecture"] = manifest.Architecture,
        ["os"] = manifest.Os,
        ["mediaType"] = manifest.MediaType,
        ["configMediaType"] = RegistryContent.ConfigMediaType,
        ["tags"] = Strings(repo.Tags.Where(t => t.Value.Digest == manifest.Digest).Select(t => t.Key)),
        ["changeableAttributes"] = ChangeableAttributes(),
    };

    static JsonObject ChangeableAttributes() => new()
    {
        ["deleteEnabled"] = true, ["writeEnabled"] = true, ["readEnabled"] = true, ["listEnabled"] = true,
    };

    /// <summary>ACR's <c>orderby</c> for tags: <c>timedesc</c>/<c>timeasc</c> by last update, else by name.</summary>
    static IEnumerable<string> OrderTags(HttpContext ctx, RepositoryView repo) =>
        ctx.Request.Query["orderby"].ToString() switch
        {
            "timedesc" => repo.Tags.OrderByDescending(t => t.Value.LastUpdateTime).Select(t => t.Key),
            "timeasc" => repo.Tags.OrderBy(t => t.Value.LastUpdateTime).Select(t => t.Key),
            _ => repo.Tags.Keys,
        };

    /// <summary>
    /// Docker's paging: <c>n</c> items after <c>last</c>, and a <c>Link: &lt;...&gt;; rel="next"</c> header when more follow.
    /// </summary>
    static IResult Paged(HttpContext ctx, IEnumerable<string> items, Func<IEnumerable<string>, JsonObject> page)
    {
        var all = items.ToList();
        var size = int.TryParse(ctx.Request.Query["n"], out var n) && n > 0 ? n : DefaultPageSize;
        var last = ctx.Request.Query["last"].ToString();
        var start = last.Length == 0 ? 0 : all.IndexOf(last) + 1;
        if (start == 0 && last.Length > 0) start = all.FindIndex(i => string.CompareOrdinal(i, last) > 0) is var next and >= 0 ? next : all.Count;
        var shown = all.Skip(start).Take(size).ToList();
        if (start + size < all.Count)
        {
            var query = ctx.Request.Query.Where(q => q.Key is not ("n" or "last"))
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"last={Uri.EscapeDataString(shown[^1])}").Append($"n={size}");
            ctx.Response.Headers.Link = $"<{ctx.Request.Path}?{string.Join("&", query)}>; rel=\"next\"";
        }
        return ArmHttp.Json(page(shown));
    }

    static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode)i).ToArray());
}

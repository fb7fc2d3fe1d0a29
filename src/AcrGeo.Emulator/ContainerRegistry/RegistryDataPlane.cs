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
/// A registry's data plane on its login server host name (<c>{registry}.azurecr.io</c>), the part that decides who may
/// pull: the Docker token protocol (<c>GET /v2/</c> challenges, <c>GET /oauth2/token</c> exchanges credentials for a
/// registry token) and the pull reads that check that token. This is what <c>docker login</c>, <c>docker pull</c> and
/// Container Instances do. A registry token grants <c>pull</c> only when the caller holds a role with
/// <c>Microsoft.ContainerRegistry/registries/pull/read</c> on the registry or above, <c>push</c> with <c>.../push/write</c>.
/// </summary>
sealed partial class RegistryDataPlane(StateStore store, TokenService tokens, EmulatorSettings settings)
{
    const string HostSuffix = ".azurecr.io";
    const string PullAction = "Microsoft.ContainerRegistry/registries/pull/read";
    const string PushAction = "Microsoft.ContainerRegistry/registries/push/write";
    const string DeleteAction = "Microsoft.ContainerRegistry/registries/artifacts/delete";

    /// <summary>The user name that carries an Entra ID access token as its password.</summary>
    const string TokenUser = "00000000-0000-0000-0000-000000000000";

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var host = ctx.Request.Host.Host;
        if (!host.EndsWith(HostSuffix, StringComparison.OrdinalIgnoreCase))
        {
            await next(ctx);
            return;
        }
        var resolved = store.Read(state => ResolveHost(state, host));
        var result = resolved is not { } found
            ? Errors(404, "NAME_UNKNOWN", $"No registry has the login server '{host}'.", null)
            : IsFormTokenRequest(ctx)
                ? await FormTokenAsync(ctx, found.Registry)
                : Handle(ctx, found.Registry, found.Region);
        await result.ExecuteAsync(ctx);
    }

    IResult Handle(HttpContext ctx, ResourceRecord registry, string? region)
    {
        var path = ctx.Request.Path.Value ?? "/";
        var reads = HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method);
        if (path.Equals("/oauth2/token", StringComparison.OrdinalIgnoreCase))
            return reads ? IssueToken(ctx, registry) : Errors(405, "UNSUPPORTED", "The operation is unsupported.", null);
        if (path is "/v2" or "/v2/")
        {
            // The API version check: it answers 200 only to a caller holding a token for this registry.
            return ReadToken(ctx, registry) is null
                ? Challenge(ctx, registry, null, ctx.Request.Headers.Authorization.Count > 0 ? "invalid_token" : null)
                : ArmHttp.Json(new JsonObject());
        }
        return ContentRead(ctx, registry, region, path, reads);
    }

    /// <summary>
    /// <c>GET /oauth2/token?service={loginServer}&amp;scope=repository:{repo}:pull,push</c> with HTTP Basic credentials:
    /// a service principal's appId and password, the admin user (when enabled), or <see cref="TokenUser"/> with an
    /// Entra ID access token. The token holds the requested actions the caller's roles allow, possibly none.
    /// </summary>
    IResult IssueToken(HttpContext ctx, ResourceRecord registry)
    {
        var service = ctx.Request.Query["service"].ToString();
        if (service.Length > 0 && !service.Equals(LoginServer(registry), StringComparison.OrdinalIgnoreCase))
            return Errors(401, "UNAUTHORIZED", $"The service '{service}' is not this registry's login server.", null);

        var allowed = AllowedActions(ctx, registry);
        if (allowed is null) return Challenge(ctx, registry, null, error: null);
        return AccessToken(registry, allowed, ctx.Request.Query["scope"]);
    }

    /// <summary>A registry token holding, for each requested scope, the actions <paramref name="allowed"/> permits.</summary>
    IResult AccessToken(ResourceRecord registry, HashSet<string> allowed, IEnumerable<string?> scopes)
    {
        var access = new JsonArray();
        foreach (var scope in scopes.SelectMany(s => (s ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            if (Access(scope, allowed) is { } granted) access.Add(granted);

        var now = store.Now;
        var claims = new JsonObject
        {
            ["jti"] = Guid.NewGuid().ToString(),
            ["iss"] = "Azure Container Registry",
            ["aud"] = LoginServer(registry),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + settings.TokenLifetime).ToUnixTimeSeconds(),
            ["access"] = access,
        };
        return ArmHttp.Json(new JsonObject { ["access_token"] = Sign(claims) });
    }

    /// <summary>The registry whose login server is <paramref name="host"/> (any casing), or null.</summary>
    internal static ResourceRecord? FindByLoginServer(EmulatorState state, string host) =>
        state.Resources.Values.FirstOrDefault(r =>
            r.Type == RegistryEndpoints.RegistryType && LoginServer(r).Equals(host, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether these credentials may pull from the registry, decided exactly as a token exchange decides it: what
    /// Container Instances does with a container group's <c>imageRegistryCredentials</c> before it pulls.
    /// </summary>
    internal static bool MayPull(StateStore store, TokenService tokens, EmulatorSettings settings, ResourceRecord registry, string? user,
        string? password) =>
        AllowedActions(store, tokens, settings, registry, user, user is null ? null : password ?? "") is { } allowed
        && (allowed.Contains("pull") || allowed.Contains("*"));

    HashSet<string>? AllowedActions(HttpContext ctx, ResourceRecord registry)
    {
        var (user, password) = BasicCredentials(ctx);
        return AllowedActions(store, tokens, settings, registry, user, password);
    }

    /// <summary>The actions these credentials allow on this registry, or null when they are not good.</summary>
    static HashSet<string>? AllowedActions(StateStore store, TokenService tokens, EmulatorSettings settings, ResourceRecord registry,
        string? user, string? password)
    {
        if (user is null)
            // Anonymous pull, when the registry allows it.
            return ArmHttp.ReadBool(registry.Properties, "anonymousPullEnabled") == true ? ["pull"] : null;

        if (user.Equals(registry.Name, StringComparison.OrdinalIgnoreCase))
        {
            var adminEnabled = ArmHttp.ReadBool(registry.Properties, "adminUserEnabled") == true;
            var matches = new[] { "password", "password2" }.Count(p => FixedTimeEquals((string?)registry.Private[p] ?? "", password!)) > 0;
            return adminEnabled && matches ? ["*"] : null;
        }

        TokenPrincipal principal;
        if (user == TokenUser)
        {
            // The password is a refresh token from ACR's exchange (az acr login), or an Entra ID access token.
            if (ReadRefreshToken(store, registry, password) is { } refreshed)
                principal = refreshed;
            else
                try
                {
                    principal = tokens.Validate("Bearer " + password, Audience.ResourceManager);
                }
                catch (ArmException)
                {
                    return null;
                }
        }
        else if (PrincipalDirectory.Authenticate(store, user, password!).Principal is { } signedIn)
            principal = signedIn;
        else
            return null;

        return PrincipalActions(store, settings, registry, principal.ObjectId);
    }

    static (string? User, string? Password) BasicCredentials(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return (null, null);
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = text.IndexOf(':');
            return colon < 0 ? ("", "") : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return ("", "");
        }
    }

    /// <summary>The claims of a valid registry token for this registry from the Bearer header, or null.</summary>
    JsonObject? ReadToken(HttpContext ctx, ResourceRecord registry)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = header["Bearer ".Length..].Trim().Split('.');
        if (parts.Length != 3 || !FixedTimeEquals(Signature(parts[0] + "." + parts[1]), parts[2])) return null;
        try
        {
            var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))?.AsObject();
            // A token for another registry is not a token here, however good its signature.
            return claims is not null
                   && ((string?)claims["aud"] ?? "").Equals(LoginServer(registry), StringComparison.OrdinalIgnoreCase)
                   && DateTimeOffset.FromUnixTimeSeconds((long?)claims["exp"] ?? 0) > store.Now
                ? claims
                : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Docker's 401: where to get a token, for which service and scope (<c>type:name:action</c>).</summary>
    static IResult Challenge(HttpContext ctx, ResourceRecord registry, string? scope, string? error)
    {
        var challenge = $"Bearer realm=\"https://{ctx.Request.Host}/oauth2/token\",service=\"{LoginServer(registry)}\"";
        if (scope is not null) challenge += $",scope=\"{scope}\"";
        if (error is not null) challenge += $",error=\"{error}\"";
        ctx.Response.Headers.WWWAuthenticate = challenge;
        var parts = scope?.Split(':');
        return Errors(401, "UNAUTHORIZED", "authentication required, visit https://aka.ms/acr/authorization for more information.",
            parts is not { Length: 3 } ? null : new JsonArray(new JsonObject { ["Type"] = parts[0], ["Name"] = parts[1], ["Action"] = parts[2] }));
    }

    /// <summary>The Docker registry API's error envelope.</summary>
    static IResult Errors(int status, string code, string message, JsonNode? detail) => ArmHttp.Json(new JsonObject
    {
        ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message, ["detail"] = detail }),
    }, status);

    static string LoginServer(ResourceRecord registry) => registry.Name.ToLowerInvariant() + HostSuffix;

    string Sign(JsonObject claims)
    {
        var header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        var body = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        return $"{header}.{body}.{Signature(header + "." + body)}";
    }

    /// <summary>Signed with a key derived from the emulator's signing key, so no Entra ID token passes for a registry token.</summary>
    string Signature(string data)
    {
        var key = HMACSHA256.HashData(Convert.FromBase64String(store.Identity.SigningKey), "acr-registry-token"u8);
        return Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(data)));
    }

    static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}

using System.Text.Json.Nodes;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.Identity;

/// <summary>
/// The token protocols clients use: Entra ID client credentials (v2 and v1), the ADFS-style OpenID endpoints the
/// Azure CLI needs for a non-Microsoft authority, and the App Service / Azure Automation managed-identity endpoint.
/// </summary>
static class IdentityEndpoints
{
    public const string ManagedIdentityPath = "/msi/token";

    /// <summary>A tenant's own endpoints: <c>/{tenant}/oauth2/...</c>, <c>/{tenant}/v2.0/...</c>, <c>/{tenant}/discovery/...</c>.</summary>
    public static bool IsTenantEndpoint(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0] is not ("subscriptions" or "tenants" or "providers")
                                    && segments[1] is "oauth2" or "v2.0" or "discovery";
    }

    public static void Map(WebApplication app, TokenService tokens, StateStore store)
    {

        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext ctx, string tenant) =>
            await ClientCredentialsAsync(ctx, tenant, useScope: true));
        app.MapPost("/{tenant}/oauth2/token", async (HttpContext ctx, string tenant) =>
            await ClientCredentialsAsync(ctx, tenant, useScope: false));
        // An explicit return type: a lambda of HttpContext alone returning a Task binds to RequestDelegate, which
        // would drop the IResult and answer an empty 200.
        app.MapPost("/adfs/oauth2/token", Task<IResult> (HttpContext ctx) =>
            ClientCredentialsAsync(ctx, store.Identity.TenantId, useScope: true));

        app.MapGet("/adfs/.well-known/openid-configuration", (HttpContext ctx) => Results.Json(new JsonObject
        {
            ["issuer"] = $"{Authority(ctx)}/adfs",
            ["authorization_endpoint"] = $"{Authority(ctx)}/adfs/oauth2/authorize",
            ["token_endpoint"] = $"{Authority(ctx)}/adfs/oauth2/token",
            ["jwks_uri"] = $"{Authority(ctx)}/adfs/discovery/keys",
            ["response_types_supported"] = new JsonArray("code", "token"),
            ["grant_types_supported"] = new JsonArray("client_credentials"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post"),
        }));
        // MSAL reads a tenant authority's metadata and needs its jwks_uri (the keys that sign id tokens) to accept it.
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext ctx, string tenant) => Results.Json(new JsonObject
        {
            ["issuer"] = $"{Authority(ctx)}/{tenant}/v2.0",
            ["authorization_endpoint"] = $"{Authority(ctx)}/{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{Authority(ctx)}/{tenant}/oauth2/v2.0/token",
            ["jwks_uri"] = $"{Authority(ctx)}/{tenant}/discovery/v2.0/keys",
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
            ["subject_types_supported"] = new JsonArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic"),
            ["tenant_region_scope"] = "EU",
        }));
        // The emulator signs only access tokens, with a symmetric key it never publishes: the key set is empty.
        app.MapGet("/{tenant}/discovery/v2.0/keys", () => Results.Json(new JsonObject { ["keys"] = new JsonArray() }));
        app.MapGet("/adfs/discovery/keys", () => Results.Json(new JsonObject { ["keys"] = new JsonArray() }));

        app.MapGet(ManagedIdentityPath, (HttpContext ctx) =>
        {
            var identity = store.Identity;
            if (ctx.Request.Headers["X-IDENTITY-HEADER"] != identity.IdentityHeader)
                return Results.Json(new JsonObject
                {
                    ["error"] = "invalid_request",
                    ["error_description"] = "The X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER.",
                }, statusCode: 400);
            var resource = ctx.Request.Query["resource"].ToString();
            var audience = tokens.AudienceFor(resource);
            if (audience is null)
                return Results.Json(new JsonObject
                {
                    ["error"] = "invalid_resource",
                    ["error_description"] = $"AADSTS500011: The resource principal named {resource} was not found in the tenant.",
                }, statusCode: 400);
            var (token, expires) = tokens.Issue(
                new TokenPrincipal(identity.ManagedIdentityObjectId, identity.ManagedIdentityClientId, identity.TenantId), audience);
            return Results.Json(new JsonObject
            {
                ["access_token"] = token,
                ["expires_on"] = expires.ToUnixTimeSeconds().ToString(),
                ["resource"] = resource,
                ["token_type"] = "Bearer",
                ["client_id"] = identity.ManagedIdentityClientId,
            });
        });

        async Task<IResult> ClientCredentialsAsync(HttpContext ctx, string tenant, bool useScope)
        {
            var form = ctx.Request.HasFormContentType ? await ctx.Request.ReadFormAsync() : null;
            var identity = store.Identity;
            if (!tenant.Equals(identity.TenantId, StringComparison.OrdinalIgnoreCase))
                return AadError(400, "invalid_request", 90002,
                    $"AADSTS90002: Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID.");
            if (form is null || form["grant_type"] != "client_credentials")
                return AadError(400, "unsupported_grant_type", 70003,
                    "AADSTS70003: The app requested an unsupported grant type; only client_credentials is served here.");

            var clientId = form["client_id"].ToString();
            var secret = form["client_secret"].ToString();
            var requested = useScope && form.ContainsKey("scope") ? form["scope"].ToString() : form["resource"].ToString();
            var audience = tokens.AudienceFor(requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "");
            if (audience is null)
                return AadError(400, "invalid_resource", 500011,
                    $"AADSTS500011: The resource principal named {requested} was not found in the tenant named {tenant}.");

            var signIn = PrincipalDirectory.Authenticate(store, clientId, secret);
            if (signIn.Principal is not { } principal)
                return AadError(signIn.Status, signIn.Error, signIn.Code, signIn.Description);

            var (token, expires) = tokens.Issue(principal, audience);
            return Results.Json(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = (int)(expires - store.Now).TotalSeconds,
                ["ext_expires_in"] = (int)(expires - store.Now).TotalSeconds,
                ["expires_on"] = expires.ToUnixTimeSeconds().ToString(),
                ["resource"] = audience,
                ["access_token"] = token,
            });
        }

        static string Authority(HttpContext ctx) => $"{ctx.Request.Scheme}://{ctx.Request.Host}";

        IResult AadError(int status, string error, int code, string description) => Results.Json(new JsonObject
        {
            ["error"] = error,
            ["error_description"] = description,
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = store.Now.ToString("u"),
            ["trace_id"] = Guid.NewGuid().ToString(),
            ["correlation_id"] = Guid.NewGuid().ToString(),
        }, statusCode: status);
    }
}

/// <summary>
/// Checks client credentials against the principals the emulator knows: its own service principal, then the app
/// registrations in the directory (Microsoft Graph), whose tokens speak for their service principal.
/// </summary>
static class PrincipalDirectory
{
    public static Graph.SignInResult Authenticate(StateStore store, string clientId, string secret)
    {
        var identity = store.Identity;
        if (clientId.Equals(identity.ClientId, StringComparison.OrdinalIgnoreCase)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(identity.ClientSecret)))
            return Graph.SignInResult.Success(new TokenPrincipal(identity.PrincipalObjectId, identity.ClientId, identity.TenantId));
        return store.Read(state => Graph.DirectorySignIn.Authenticate(state, clientId, secret, store.Now));
    }
}

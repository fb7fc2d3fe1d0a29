using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.Identity;

/// <summary>Who a valid token speaks for.</summary>
public sealed record TokenPrincipal(string ObjectId, string AppId, string TenantId);

/// <summary>The services a token can be for, each with the audiences Azure accepts for it.</summary>
public enum Audience { ResourceManager, Graph, KeyVault }

/// <summary>
/// Issues and checks the emulator's access tokens: JWTs signed with HMAC-SHA256 under a key kept in the state,
/// shaped like Entra ID's app tokens (aud, iss, tid, oid, appid, exp).
/// </summary>
public sealed class TokenService(StateStore store, EmulatorSettings settings, Func<Uri> baseUri)
{
    public const string ArmAudience = "https://management.azure.com";
    public const string GraphAudience = "https://graph.microsoft.com";
    public const string VaultAudience = "https://vault.azure.net";

    // The emulator's own URL is an audience too: the Azure CLI asks for tokens for its resourceManager endpoint.
    string EmulatorAudience => baseUri().GetLeftPart(UriPartial.Authority);

    /// <summary>The audience a scope or resource asks for, or null when no service here has that audience.</summary>
    public string? AudienceFor(string scopeOrResource)
    {
        var audience = Canonical(scopeOrResource.EndsWith("/.default", StringComparison.Ordinal)
            ? scopeOrResource[..^"/.default".Length]
            : scopeOrResource);
        string[] known =
        [
            ArmAudience, "https://management.core.windows.net", GraphAudience, VaultAudience, EmulatorAudience,
        ];
        return known.FirstOrDefault(k => k.Equals(audience, StringComparison.OrdinalIgnoreCase));
    }

    public (string Token, DateTimeOffset ExpiresOn) Issue(TokenPrincipal principal, string audience)
    {
        var now = store.Now;
        var expires = now + settings.TokenLifetime;
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = $"https://sts.windows.net/{principal.TenantId}/",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["appid"] = principal.AppId,
            ["idtyp"] = "app",
            ["oid"] = principal.ObjectId,
            ["sub"] = principal.ObjectId,
            ["tid"] = principal.TenantId,
            ["ver"] = "1.0",
        };
        var body = Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return ($"{header}.{body}.{Sign(header + "." + body)}", expires);
    }

    /// <summary>Checks a bearer token for the given service; throws ARM's 401 error when it is not good.</summary>
    public TokenPrincipal Validate(string? authorization, Audience service)
    {
        if (string.IsNullOrEmpty(authorization))
            throw Unauthorized("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            throw Unauthorized("AuthenticationFailedInvalidHeader",
                "Authentication failed. The 'Authorization' header is provided in an invalid format.");

        var parts = authorization["Bearer ".Length..].Trim().Split('.');
        if (parts.Length != 3)
            throw Unauthorized("InvalidAuthenticationToken", "The access token is invalid.");
        if (!CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(Sign(parts[0] + "." + parts[1])), Encoding.ASCII.GetBytes(parts[2])))
            throw Unauthorized("InvalidAuthenticationToken",
                "The access token is invalid: its signature was not made by this service's token issuer.");

        JsonObject claims;
        try
        {
            claims = JsonNode.Parse(FromBase64Url(parts[1]))!.AsObject();
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Unauthorized("InvalidAuthenticationToken", "The access token is invalid.");
        }

        var tenant = (string?)claims["tid"] ?? "";
        if (!tenant.Equals(store.Identity.TenantId, StringComparison.OrdinalIgnoreCase))
            throw Unauthorized("InvalidAuthenticationTokenTenant",
                $"The access token is from the wrong issuer 'https://sts.windows.net/{tenant}/'. It must match the tenant " +
                $"'https://sts.windows.net/{store.Identity.TenantId}/' associated with this subscription. Please use the authority " +
                $"(URL) 'https://login.windows.net/{store.Identity.TenantId}' to get the token.");

        var expires = DateTimeOffset.FromUnixTimeSeconds((long?)claims["exp"] ?? 0);
        var now = store.Now;
        if (expires <= now)
            throw Unauthorized("ExpiredAuthenticationToken",
                $"The access token expiry UTC time '{expires.UtcDateTime.ToString("G", CultureInfo.InvariantCulture)}' is earlier " +
                $"than current UTC time '{now.UtcDateTime.ToString("G", CultureInfo.InvariantCulture)}'.");

        var audience = (string?)claims["aud"] ?? "";
        var allowed = AllowedAudiences(service);
        if (!allowed.Contains(Canonical(audience), StringComparer.OrdinalIgnoreCase))
            throw Unauthorized("InvalidAuthenticationTokenAudience",
                $"The access token has been obtained for wrong audience or resource '{audience}'. It should exactly match " +
                $"with one of the allowed audiences '{string.Join("','", allowed)}'.");

        return new TokenPrincipal((string?)claims["oid"] ?? "", (string?)claims["appid"] ?? "", tenant);
    }

    string[] AllowedAudiences(Audience service) => service switch
    {
        Audience.ResourceManager => [ArmAudience, "https://management.core.windows.net", EmulatorAudience],
        Audience.Graph => [GraphAudience, EmulatorAudience],
        _ => [VaultAudience],
    };

    static ArmException Unauthorized(string code, string message) => new(HttpStatusCode.Unauthorized, code, message);

    static string Canonical(string audience) => audience.TrimEnd('/');

    string Sign(string data)
    {
        using var hmac = new HMACSHA256(Convert.FromBase64String(store.Identity.SigningKey));
        return Base64Url(hmac.ComputeHash(Encoding.ASCII.GetBytes(data)));
    }

    static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}

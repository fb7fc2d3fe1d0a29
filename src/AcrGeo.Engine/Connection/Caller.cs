using System;
using System.Text;
using System.Text.Json;

namespace AcrGeo.Connection;

/// <summary>The signed-in identity, as its access token names it.</summary>
sealed class Caller
{
    public string ObjectId { get; private set; } = "";
    public string AppId { get; private set; } = "";
    public string TenantId { get; private set; } = "";

    public override string ToString() => $"appid={AppId};oid={ObjectId}";

    /// <summary>Reads the claims of an Entra ID access token (a JWT); the signature is the service's business.</summary>
    public static Caller FromToken(string token)
    {
        var parts = token.Split('.');
        if (parts.Length < 2)
            throw new AcrGeoException(ErrorIds.AuthenticationFailed, AcrErrorCategory.AuthenticationError,
                "The access token is not a JWT, so the signed-in identity cannot be told.", null);
        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        using var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        string Claim(string name) => claims.RootElement.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
        return new Caller { ObjectId = Claim("oid"), AppId = Claim("appid") is { Length: > 0 } app ? app : Claim("azp"), TenantId = Claim("tid") };
    }
}

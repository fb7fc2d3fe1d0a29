using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Identity;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.KeyVault;

/// <summary>
/// The Key Vault secrets data plane, for requests whose Host is a vault's (<c>name.vault.azure.net</c>, any port):
/// whatever their path, they are the vault's and never reach the ARM routes. Order of checks as Key Vault's: the vault,
/// then the bearer token (before any body is read: clients send their first request bare, to get the challenge), the
/// api-version, the names, the caller's permission, then the request itself.
/// </summary>
sealed partial class SecretsDataPlane(StateStore store, TokenService tokens, Func<Uri> baseUri)
{
    static readonly string[] ApiVersions =
        ["2016-10-01", "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "2025-07-01", "2026-04-01"];
    const string LatestApiVersion = "2026-04-01";
    /// <summary>Key Vault's page size when maxresults is absent, and its largest.</summary>
    const int MaxResults = 25;
    /// <summary>Secret values may be up to 25 KB.</summary>
    const int MaxValueBytes = 25 * 1024;
    const int MaxBodyBytes = 256 * 1024;

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var vaultName = Vaults.NameFromHost(ctx.Request.Host.Host);
        if (vaultName is null)
        {
            await next(ctx);
            return;
        }
        try
        {
            await ServeAsync(ctx, vaultName);
        }
        catch (KeyVaultException e)
        {
            if (e.Status == HttpStatusCode.Unauthorized)
                ctx.Response.Headers.WWWAuthenticate =
                    $"Bearer authorization=\"{baseUri().GetLeftPart(UriPartial.Authority)}/{store.Identity.TenantId}\", resource=\"{TokenService.VaultAudience}\"";
            await WriteAsync(ctx, (int)e.Status, e.Body());
        }
    }

    async Task ServeAsync(HttpContext ctx, string vaultName)
    {
        var location = store.Read(state => Vaults.FindActive(state, vaultName)?.Location)
                       ?? throw new KeyVaultException(HttpStatusCode.NotFound, "VaultNotFound",
                           $"There is no key vault named '{vaultName}' (a deleted one is not served either). In Azure its host name " +
                           $"'{ctx.Request.Host.Host}' would not resolve.");
        ctx.Response.Headers["x-ms-keyvault-region"] = location;
        var caller = Authenticate(ctx.Request.Headers.Authorization);
        CheckApiVersion(ctx.Request.Query["api-version"].FirstOrDefault());

        var path = (ctx.Request.Path.Value ?? "").TrimStart('/').Split('/');
        if (path.Length > 1 && path[^1].Length == 0) path = path[..^1];
        var method = ctx.Request.Method;
        var collection = path[0].ToLowerInvariant();
        if (collection is not ("secrets" or "deletedsecrets"))
            throw new KeyVaultException(HttpStatusCode.NotFound, "NotFound",
                $"The emulator's key vaults serve secrets only; '{ctx.Request.Path}' is not served.");
        if (path.Length >= 2) CheckName(path[1]);

        var result = (collection, path.Length, method) switch
        {
            ("secrets", 1, "GET") => List(ctx, vaultName, caller),
            ("secrets", 2, "PUT") => await SetAsync(ctx, vaultName, caller, path[1]),
            ("secrets", 2, "GET") => Get(vaultName, caller, path[1], null),
            ("secrets", 2, "DELETE") => Delete(vaultName, caller, path[1]),
            ("secrets", 3, "GET") when path[2].Equals("versions", StringComparison.OrdinalIgnoreCase) =>
                Versions(ctx, vaultName, caller, path[1]),
            ("secrets", 3, "GET") => Get(vaultName, caller, path[1], path[2]),
            ("secrets", 3, "PATCH") => await UpdateAsync(ctx, vaultName, caller, path[1], path[2]),
            ("secrets", 2, "PATCH") => await UpdateAsync(ctx, vaultName, caller, path[1], null),
            ("secrets", 3, "POST") when path[2].Equals("backup", StringComparison.OrdinalIgnoreCase) => throw NotServed("backup"),
            ("secrets", 2, "POST") when path[1].Equals("restore", StringComparison.OrdinalIgnoreCase) => throw NotServed("restore"),
            ("deletedsecrets", 1, "GET") => ListDeleted(ctx, vaultName, caller),
            ("deletedsecrets", 2, "GET") => GetDeleted(vaultName, caller, path[1]),
            ("deletedsecrets", 2, "DELETE") => Purge(vaultName, caller, path[1]),
            ("deletedsecrets", 3, "POST") when path[2].Equals("recover", StringComparison.OrdinalIgnoreCase) =>
                Recover(vaultName, caller, path[1]),
            _ when path.Length <= 3 => throw new KeyVaultException(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed",
                $"The method '{method}' is not allowed on '{ctx.Request.Path}'."),
            _ => throw new KeyVaultException(HttpStatusCode.NotFound, "NotFound", $"'{ctx.Request.Path}' is not a Key Vault path."),
        };
        await WriteAsync(ctx, result.Status, result.Body);
    }

    readonly record struct Reply(int Status, JsonNode? Body);

    static Reply Ok(JsonNode body) => new(200, body);

    // --- secrets ---

    async Task<Reply> SetAsync(HttpContext ctx, string vaultName, TokenPrincipal caller, string name)
    {
        var body = await ReadBodyAsync(ctx);
        return store.Write(state =>
        {
            var vault = RequireVault(state, vaultName);
            VaultAccess.Demand(state, vault, caller, SecretOperation.Set, name);
            var value = body["value"] is { } node && node.GetValueKind() == JsonValueKind.String
                ? node.GetValue<string>()
                : throw KeyVaultException.BadParameter("The property 'value' is required and must be a string.");
            if (Encoding.UTF8.GetByteCount(value) > MaxValueBytes)
                throw KeyVaultException.BadParameter($"The secret value is larger than the maximum of {MaxValueBytes} bytes.");
            var now = store.Now;
            var version = new SecretVersion
            {
                Version = SecretBook.NewVersion(),
                Value = value,
                ContentType = ReadContentType(body),
                Tags = ReadTags(body),
                Created = now,
                Updated = now,
            };
            ApplyAttributes(version, body);

            var book = SecretBook.Of(vault);
            var secret = book.Find(name, now);
            if (secret is { IsDeleted: true })
                throw new KeyVaultException(HttpStatusCode.Conflict, "Conflict",
                    $"Secret {secret.Name} is currently in a deleted but recoverable state, and its name cannot be reused; in this " +
                    "state, the secret can only be recovered or purged.", "ObjectIsDeletedButRecoverable");
            secret ??= new StoredSecret { Name = name };
            secret.Versions.Add(version);
            book.Put(secret);
            book.Save(now);
            return Ok(SecretJson.Bundle(vault, secret, version, withValue: true));
        });
    }

    Reply Get(string vaultName, TokenPrincipal caller, string name, string? versionId) => store.Read(state =>
    {
        var vault = RequireVault(state, vaultName);
        VaultAccess.Demand(state, vault, caller, SecretOperation.Get, name);
        var (secret, version) = FindVersion(SecretBook.Of(vault), name, versionId);
        // Disabled versions are refused; expired and not-yet-valid ones are returned: Key Vault does not enforce exp/nbf
        // on secrets ("get" works outside the window, for recovery and testing).
        if (!version.Enabled)
            throw new KeyVaultException(HttpStatusCode.Forbidden, "Forbidden", "Operation get is not allowed on a disabled secret.",
                "SecretDisabled");
        return Ok(SecretJson.Bundle(vault, secret, version, withValue: true));
    });

    async Task<Reply> UpdateAsync(HttpContext ctx, string vaultName, TokenPrincipal caller, string name, string? versionId)
    {
        var body = await ReadBodyAsync(ctx);
        return store.Write(state =>
        {
            var vault = RequireVault(state, vaultName);
            VaultAccess.Demand(state, vault, caller, SecretOperation.Update, name);
            var book = SecretBook.Of(vault);
            var (secret, version) = FindVersion(book, name, versionId);
            if (body.ContainsKey("contentType")) version.ContentType = ReadContentType(body);
            if (body.ContainsKey("tags")) version.Tags = ReadTags(body);
            ApplyAttributes(version, body);
            version.Updated = store.Now;
            book.Save(store.Now);
            return Ok(SecretJson.Bundle(vault, secret, version, withValue: false));
        });
    }

    Reply List(HttpContext ctx, string vaultName, TokenPrincipal caller) => store.Read(state =>
    {
        var vault = RequireVault(state, vaultName);
        VaultAccess.Demand(state, vault, caller, SecretOperation.List, null);
        return Page(ctx, SecretBook.Of(vault).All(store.Now).Where(s => !s.IsDeleted)
            .Select(s => SecretJson.Item(vault, s, s.Current, withVersion: false)));
    });

    Reply Versions(HttpContext ctx, string vaultName, TokenPrincipal caller, string name) => store.Read(state =>
    {
        var vault = RequireVault(state, vaultName);
        VaultAccess.Demand(state, vault, caller, SecretOperation.List, name);
        // An unknown name lists no versions (200, empty), as Key Vault answers.
        var secret = SecretBook.Of(vault).Find(name, store.Now);
        var versions = secret is { IsDeleted: false } ? secret.Versions : [];
        return Page(ctx, versions.Select(v => SecretJson.Item(vault, secret!, v, withVersion: true)));
    });

    Reply Delete(string vaultName, TokenPrincipal caller, string name) => store.Write(state =>
    {
        var vault = RequireVault(state, vaultName);
        VaultAccess.Demand(state, vault, caller, SecretOperation.Delete, name);
        var now = store.Now;
        var book = SecretBook.Of(vault);
        var secret = book.Find(name, now) is { IsDeleted: false } found ? found : throw KeyVaultException.SecretNotFound(name);
        // Every vault soft-deletes: the secret keeps its versions until recovered, purged, or its retention ends.
        secret.DeletedOn = now;
        secret.ScheduledPurge = now.AddDays(Vaults.RetentionDays(vault));
        book.Save(now);
        return Ok(SecretJson.Deleted(vault, secret, item: false));
    });

    // --- deleted secrets ---

    Reply ListDeleted(HttpContext ctx, string vaultName, TokenPrincipal caller) => store.Read(state =>
    {
        var vault = RequireVault(state, vaultName);
        VaultAccess.Demand(state, vault, caller, SecretOperation.ListDeleted, null);
        return Page(ctx, SecretBook.Of(vault).All(store.Now).Where(s => s.IsDeleted).Select(s => SecretJson.Deleted(vault, s, item: true)));
    });

    Reply GetDeleted(string vaultName, TokenPrincipal caller, string name) => store.Read(state =>
    {
        var vault = RequireVault(state, vaultName);
        VaultAccess.Demand(state, vault, caller, SecretOperation.GetDeleted, name);
        return Ok(SecretJson.Deleted(vault, RequireDeleted(SecretBook.Of(vault), name), item: false));
    });

    Reply Purge(string vaultName, TokenPrincipal caller, string name) => store.Write(state =>
    {
        var vault = RequireVault(state, vaultName);
        VaultAccess.Demand(state, vault, caller, SecretOperation.Purge, name);
        var book = SecretBook.Of(vault);
        var secret = RequireDeleted(book, name);
        if (Vaults.PurgeProtected(vault))
            throw new KeyVaultException(HttpStatusCode.Forbidden, "Forbidden",
                "Operation \"purge\" is not allowed because purge protection is enabled for this vault. Key Vault service will " +
                $"automatically purge it after the retention period has passed.\r\nVault: {vault.Name};location={vault.Location}");
        book.Remove(secret.Name);
        book.Save(store.Now);
        return new Reply(204, null);
    });

    Reply Recover(string vaultName, TokenPrincipal caller, string name) => store.Write(state =>
    {
        var vault = RequireVault(state, vaultName);
        VaultAccess.Demand(state, vault, caller, SecretOperation.Recover, name);
        var book = SecretBook.Of(vault);
        var secret = RequireDeleted(book, name);
        secret.DeletedOn = null;
        secret.ScheduledPurge = null;
        book.Save(store.Now);
        return Ok(SecretJson.Bundle(vault, secret, secret.Current, withValue: false));
    });

    // --- checks ---

    TokenPrincipal Authenticate(string? authorization)
    {
        try
        {
            return tokens.Validate(authorization, Audience.KeyVault);
        }
        catch (ArmException e) when (e.Status == HttpStatusCode.Unauthorized)
        {
            var claims = UnverifiedClaims(authorization);
            throw KeyVaultException.Unauthorized(e.Code switch
            {
                "AuthenticationFailed" or "AuthenticationFailedInvalidHeader" => "AKV10000: Request is missing a Bearer or PoP token.",
                "InvalidAuthenticationTokenTenant" =>
                    $"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/{store.Identity.TenantId}/, found " +
                    $"https://sts.windows.net/{(string?)claims?["tid"]}/.",
                "InvalidAuthenticationTokenAudience" =>
                    $"AKV10022: Invalid audience. Expected {TokenService.VaultAudience}, found: {(string?)claims?["aud"]}.",
                "ExpiredAuthenticationToken" => "[TokenExpired] Error validating token: 'S2S12086'.",
                _ => "AKV10046: Unable to resolve the key used for signature validation.",
            });
        }
    }

    /// <summary>The token's claims, unchecked, only to word an error the way Key Vault does.</summary>
    static JsonObject? UnverifiedClaims(string? authorization)
    {
        var parts = authorization?.Split(' ', 2) is [_, var token] ? token.Split('.') : [];
        if (parts.Length != 3) return null;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            return JsonNode.Parse(Convert.FromBase64String(payload)) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    static void CheckApiVersion(string? requested)
    {
        if (string.IsNullOrEmpty(requested))
            throw KeyVaultException.BadParameter("The api-version query parameter is missing; it is required for every request.");
        if (!ApiVersions.Contains(requested, StringComparer.OrdinalIgnoreCase))
            throw KeyVaultException.BadParameter(
                $"The specified version ({requested}) is not recognized. Consider using the latest supported version ({LatestApiVersion}).");
    }

    /// <summary>Object names: 1-127 letters, digits and hyphens.</summary>
    static void CheckName(string name)
    {
        if (!ObjectName().IsMatch(name))
            throw KeyVaultException.BadParameter($"The request URI contains an invalid name: {name}");
    }

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}\\z")]
    private static partial Regex ObjectName();

    static KeyVaultException NotServed(string operation) =>
        new(HttpStatusCode.NotImplemented, "NotImplemented", $"The emulator does not serve secret {operation}.");

    ResourceRecord RequireVault(EmulatorState state, string vaultName) =>
        Vaults.FindActive(state, vaultName)
        ?? throw new KeyVaultException(HttpStatusCode.NotFound, "VaultNotFound", $"The key vault '{vaultName}' no longer exists.");

    (StoredSecret Secret, SecretVersion Version) FindVersion(SecretBook book, string name, string? versionId)
    {
        var secret = book.Find(name, store.Now);
        if (secret is null or { IsDeleted: true })
            throw KeyVaultException.SecretNotFound(string.IsNullOrEmpty(versionId) ? name : $"{name}/{versionId}");
        if (string.IsNullOrEmpty(versionId)) return (secret, secret.Current);
        return (secret, secret.Versions.FirstOrDefault(v => v.Version.Equals(versionId, StringComparison.OrdinalIgnoreCase))
                        ?? throw KeyVaultException.SecretNotFound($"{name}/{versionId}"));
    }

    StoredSecret RequireDeleted(SecretBook book, string name) =>
        book.Find(name, store.Now) is { IsDeleted: true } deleted ? deleted : throw KeyVaultException.DeletedSecretNotFound(name);

    // --- request bodies ---

    static async Task<JsonObject> ReadBodyAsync(HttpContext ctx)
    {
        if (ctx.Request.ContentLength > MaxBodyBytes)
            throw KeyVaultException.BadParameter($"The request body is larger than {MaxBodyBytes} bytes.");
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var buffer = new char[MaxBodyBytes + 1];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, ctx.RequestAborted)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxBodyBytes) throw KeyVaultException.BadParameter($"The request body is larger than {MaxBodyBytes} bytes.");
        }
        try
        {
            return JsonNode.Parse(text.ToString()) as JsonObject
                   ?? throw KeyVaultException.BadParameter("The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw KeyVaultException.BadParameter("The request body is not valid JSON.");
        }
    }

    static string? ReadContentType(JsonObject body) => body["contentType"] switch
    {
        null => null,
        var node when node.GetValueKind() == JsonValueKind.String && node.GetValue<string>().Length <= 255 => node.GetValue<string>(),
        _ => throw KeyVaultException.BadParameter("The property 'contentType' must be a string of at most 255 characters."),
    };

    static Dictionary<string, string>? ReadTags(JsonObject body)
    {
        if (body["tags"] is not { } node) return null;
        if (node is not JsonObject tags || tags.Any(t => t.Value?.GetValueKind() is not (JsonValueKind.String or null)))
            throw KeyVaultException.BadParameter("The property 'tags' must be an object of string values.");
        if (tags.Count > 15) throw KeyVaultException.BadParameter("A secret may have at most 15 tags.");
        return tags.ToDictionary(t => t.Key, t => (string?)t.Value ?? "");
    }

    /// <summary>attributes.enabled, .nbf and .exp (Unix seconds; null clears); the service sets created and updated.</summary>
    static void ApplyAttributes(SecretVersion version, JsonObject body)
    {
        if (body["attributes"] is not { } node) return;
        if (node is not JsonObject attributes) throw KeyVaultException.BadParameter("The property 'attributes' must be an object.");
        if (attributes.TryGetPropertyValue("enabled", out var enabled) && enabled is not null)
            version.Enabled = enabled.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw KeyVaultException.BadParameter("The attribute 'enabled' must be true or false."),
            };
        if (attributes.ContainsKey("nbf")) version.NotBefore = UnixTime(attributes, "nbf");
        if (attributes.ContainsKey("exp")) version.Expires = UnixTime(attributes, "exp");
    }

    static long? UnixTime(JsonObject attributes, string name) => attributes[name] switch
    {
        null => null,
        var node when node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<long>(out var seconds) => seconds,
        _ => throw KeyVaultException.BadParameter($"The attribute '{name}' must be a time in seconds since 1970-01-01T00:00:00Z."),
    };

    // --- responses ---

    /// <summary>One page of a list; <c>maxresults</c> 1-25 (default 25); nextLink carries an opaque skip token.</summary>
    static Reply Page(HttpContext ctx, IEnumerable<JsonObject> items)
    {
        var size = MaxResults;
        if (ctx.Request.Query["maxresults"].FirstOrDefault() is { } asked)
            size = int.TryParse(asked, out var n) && n is >= 1 and <= MaxResults
                ? n
                : throw KeyVaultException.BadParameter($"maxresults must be a whole number from 1 to {MaxResults}; it was '{asked}'.");
        var skip = SkipFrom(ctx.Request.Query["$skiptoken"].FirstOrDefault());
        var all = items.ToList();
        var body = new JsonObject { ["value"] = new JsonArray(all.Skip(skip).Take(size).Select(i => (JsonNode)i).ToArray()) };
        body["nextLink"] = skip + size < all.Count
            ? $"https://{ctx.Request.Host}{ctx.Request.Path}?api-version={Uri.EscapeDataString(ctx.Request.Query["api-version"].ToString())}" +
              $"&$skiptoken={SkipToken(skip + size)}&maxresults={size}"
            : null;
        return Ok(body);
    }

    static string SkipToken(int offset) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new { NextMarker = offset })).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static int SkipFrom(string? token)
    {
        if (string.IsNullOrEmpty(token)) return 0;
        try
        {
            var text = token.Replace('-', '+').Replace('_', '/');
            text = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
            var offset = JsonNode.Parse(Convert.FromBase64String(text))?["NextMarker"]?.GetValue<int>() ?? -1;
            return offset >= 0 ? offset : throw KeyVaultException.BadParameter("The $skiptoken is not valid.");
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw KeyVaultException.BadParameter("The $skiptoken is not valid.");
        }
    }

    static async Task WriteAsync(HttpContext ctx, int status, JsonNode? body)
    {
        if (ctx.Response.HasStarted) return;
        ctx.Response.StatusCode = status;
        if (body is null) return;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.WriteAsync(body.ToJsonString(ArmHttp.Wire), ctx.RequestAborted);
    }
}

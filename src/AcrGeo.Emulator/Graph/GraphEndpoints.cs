using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Identity;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.Graph;

/// <summary>A request Microsoft Graph refuses, with Graph's error code (Graph's envelope, not ARM's).</summary>
public sealed class GraphException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}

/// <summary>
/// Microsoft Graph v1.0, the part that manages app registrations and service principals (what
/// <c>az ad sp create-for-rbac</c>, <c>az ad app credential list</c> and the module's pull principals call). Served
/// under <c>/v1.0</c> on the emulator's own host name, never on vault or registry host names. Only the emulator's own
/// principals hold directory permissions; any other caller gets Graph's Authorization_RequestDenied.
/// </summary>
static partial class GraphEndpoints
{
    const string Prefix = "/v1.0";

    static readonly string[] ApplicationReadOnly = ["id", "appId", "createdDateTime", "deletedDateTime", "publisherDomain"];

    static readonly string[] ApplicationWritable =
    [
        "description", "notes", "tags", "identifierUris", "signInAudience", "isFallbackPublicClient", "keyCredentials", "web",
        "publicClient", "spa", "api", "appRoles", "optionalClaims", "requiredResourceAccess", "info", "groupMembershipClaims",
        "serviceManagementReference", "tokenEncryptionKeyId",
    ];

    static readonly string[] ServicePrincipalReadOnly =
        ["id", "appDisplayName", "appOwnerOrganizationId", "servicePrincipalType", "servicePrincipalNames", "deletedDateTime"];

    static readonly string[] ServicePrincipalWritable =
    [
        "description", "notes", "tags", "appRoleAssignmentRequired", "homepage", "loginUrl", "logoutUrl", "replyUrls",
        "notificationEmailAddresses", "preferredSingleSignOnMode", "alternativeNames",
    ];

    static readonly string[] SignInAudiences =
        ["AzureADMyOrg", "AzureADMultipleOrgs", "AzureADandPersonalMicrosoftAccount", "PersonalMicrosoftAccount"];

    public static void Map(WebApplication app, StateStore store, TokenService tokens)
    {
        var graph = app.MapGroup(Prefix);
        graph.AddEndpointFilter(async (filter, next) =>
        {
            var ctx = filter.HttpContext;
            var requestId = ctx.Response.Headers["x-ms-request-id"].ToString();
            ctx.Response.Headers["request-id"] = requestId;
            ctx.Response.Headers["client-request-id"] = ctx.Request.Headers["client-request-id"].FirstOrDefault() ?? requestId;
            if (IsServiceHost(ctx.Request.Host.Host))
                return ArmHttp.Json(ArmHttp.Error("NotFound", $"No service of the emulator answers '{ctx.Request.Path}' on this host."), 404);
            try
            {
                var caller = Authenticate(tokens, ctx);
                // /me is refused for what the token is (app-only) before any question of privileges, as Graph does.
                if (!ctx.Request.Path.Equals(Prefix + "/me", StringComparison.OrdinalIgnoreCase) && !IsDirectoryAdministrator(store, caller))
                    throw new GraphException(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
                return await next(filter);
            }
            catch (GraphException e)
            {
                return Error(ctx, e, store.Now);
            }
        });

        graph.MapGet("/me", IResult () => throw new GraphException(400, "BadRequest",
            "/me request is only valid with delegated authentication flow."));

        MapApplications(graph, store);
        MapServicePrincipals(graph, store);
        MapDirectoryObjects(graph, store);

        graph.Map("/{**rest}", IResult (string? rest) => throw new GraphException(400, "BadRequest",
            $"Resource not found for the segment '{(rest ?? "").Split('/')[0]}'."));
    }

    static void MapApplications(RouteGroupBuilder graph, StateStore store)
    {
        graph.MapGet("/applications", (HttpContext ctx) =>
        {
            var clauses = ParseFilter(ctx, "Application", (kind, property) => (kind, property.ToLowerInvariant()) switch
            {
                ("eq", "displayname" or "appid") or ("startswith", "displayname") or ("any", "identifieruris") => true,
                _ => false,
            });
            return store.Read(state => List(ctx, "applications", state.Directory.AllApplications(state.Identity)
                .Where(a => Satisfies(clauses, property => property.ToLowerInvariant() switch
                {
                    "displayname" => [a.DisplayName],
                    "appid" => [a.AppId],
                    _ => Strings(a.Properties["identifierUris"]),
                }))
                .Select(a => RenderApplication(ctx, state, a, entity: false))));
        });

        graph.MapPost("/applications", async Task<IResult> (HttpContext ctx) =>
        {
            var body = await ReadBodyAsync(ctx);
            var displayName = RequiredString(body, "displayName", "Application");
            ValidateApplication(body);
            return store.Write(state =>
            {
                var now = store.Now;
                var application = new DirectoryApplication
                {
                    Id = Guid.NewGuid().ToString(),
                    AppId = Guid.NewGuid().ToString(),
                    DisplayName = displayName,
                    CreatedDateTime = now,
                    Properties = Writable(body, ApplicationWritable),
                };
                state.Directory.Applications.Add(application);
                ctx.Response.Headers.Location = DirectoryObjectLocation(ctx, state, application.Id, "Application");
                return ArmHttp.Json(RenderApplication(ctx, state, application, entity: true), 201);
            });
        });

        // Every operation on one application answers to its object id and to Graph's alternate key, the appId.
        foreach (var key in new[] { "/applications/{id}", "/applications(appId='{appId}')" })
        {
            graph.MapGet(key, (HttpContext ctx) => store.Read(state =>
                ArmHttp.Json(RenderApplication(ctx, state, RequireApplication(ctx, state, change: false), entity: true))));

            graph.MapPatch(key, async Task<IResult> (HttpContext ctx) =>
            {
                var body = await ReadBodyAsync(ctx);
                var displayName = body.ContainsKey("displayName") ? RequiredString(body, "displayName", "Application") : null;
                ValidateApplication(body);
                return store.Write(state =>
                {
                    var application = RequireApplication(ctx, state, change: true);
                    if (displayName is not null) application.DisplayName = displayName;
                    foreach (var (name, value) in Writable(body, ApplicationWritable))
                        application.Properties[name] = value?.DeepClone();
                    // A service principal's names follow its application's identifier URIs.
                    foreach (var principal in state.Directory.ServicePrincipals.Where(p => p.AppId == application.AppId))
                        principal.ServicePrincipalNames = NamesOf(application);
                    return Results.NoContent();
                });
            });

            graph.MapDelete(key, (HttpContext ctx) => store.Write(state =>
            {
                var application = RequireApplication(ctx, state, change: true);
                state.Directory.Applications.Remove(application);
                // Deleting an application deletes its service principal in the home tenant too; both go to deleted items.
                state.Directory.DeletedObjectIds.Add(application.Id);
                state.Directory.DeletedObjectIds.AddRange(state.Directory.ServicePrincipals.Where(p => p.AppId == application.AppId).Select(p => p.Id));
                state.Directory.ServicePrincipals.RemoveAll(p => p.AppId == application.AppId);
                return Results.NoContent();
            }));

            graph.MapPost(key + "/addPassword", async Task<IResult> (HttpContext ctx) =>
            {
                var body = await ReadBodyAsync(ctx, optional: true);
                var requested = body["passwordCredential"] switch
                {
                    null => new JsonObject(),
                    JsonObject o => o,
                    _ => throw InvalidValue("passwordCredential", "Application"),
                };
                var displayName = OptionalString(requested, "displayName", "PasswordCredential");
                var start = ReadTime(requested, "startDateTime");
                var end = ReadTime(requested, "endDateTime");
                return store.Write(state =>
                {
                    var application = RequireApplication(ctx, state, change: true);
                    var now = store.Now;
                    var from = start ?? now;
                    var until = end ?? now.AddYears(2);
                    if (until <= from) throw InvalidValue("endDateTime", "PasswordCredential");
                    var (credential, secretText) = PasswordCredential.Create(displayName, from, until);
                    application.PasswordCredentials.Add(credential);
                    var rendered = RenderPassword(credential, secretText);
                    rendered.Insert(0, "@odata.context", $"{ArmHttp.BaseUrl(ctx)}{Prefix}/$metadata#microsoft.graph.passwordCredential");
                    // Graph answers its actions with a Location of its own root.
                    ctx.Response.Headers.Location = ArmHttp.BaseUrl(ctx);
                    return ArmHttp.Json(rendered);
                });
            });

            graph.MapPost(key + "/removePassword", async Task<IResult> (HttpContext ctx) =>
            {
                var body = await ReadBodyAsync(ctx);
                var keyId = OptionalString(body, "keyId", "PasswordCredential");
                if (!Guid.TryParse(keyId, out _)) throw InvalidValue("keyId", "PasswordCredential");
                return store.Write(state =>
                {
                    var application = RequireApplication(ctx, state, change: true);
                    if (application.PasswordCredentials.RemoveAll(p => p.KeyId.Equals(keyId, StringComparison.OrdinalIgnoreCase)) == 0)
                        throw new GraphException(404, "Request_ResourceNotFound", $"No password credential found with keyId '{keyId}'.");
                    return Results.NoContent();
                });
            });
        }
    }

    static void MapServicePrincipals(RouteGroupBuilder graph, StateStore store)
    {
        graph.MapGet("/servicePrincipals", (HttpContext ctx) =>
        {
            var clauses = ParseFilter(ctx, "ServicePrincipal", (kind, property) => (kind, property.ToLowerInvariant()) switch
            {
                ("eq", "displayname" or "appid") or ("startswith", "displayname") or ("any", "serviceprincipalnames") => true,
                _ => false,
            });
            return store.Read(state => List(ctx, "servicePrincipals", state.Directory.AllServicePrincipals(state.Identity)
                .Where(p => Satisfies(clauses, property => property.ToLowerInvariant() switch
                {
                    "displayname" => [p.DisplayName],
                    "appid" => [p.AppId],
                    _ => p.ServicePrincipalNames,
                }))
                .Select(p => RenderServicePrincipal(ctx, state, p, entity: false))));
        });

        graph.MapPost("/servicePrincipals", async Task<IResult> (HttpContext ctx) =>
        {
            var body = await ReadBodyAsync(ctx);
            var appId = RequiredString(body, "appId", "ServicePrincipal");
            var displayName = body.ContainsKey("displayName") ? RequiredString(body, "displayName", "ServicePrincipal") : null;
            var accountEnabled = body["accountEnabled"] switch
            {
                null => true,
                JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
                _ => throw InvalidValue("accountEnabled", "ServicePrincipal"),
            };
            foreach (var (name, _) in body)
            {
                if (name.StartsWith("@odata", StringComparison.Ordinal) || name is "appId" or "displayName" or "accountEnabled") continue;
                if (ServicePrincipalReadOnly.Contains(name)) throw ReadOnly(name);
                if (!ServicePrincipalWritable.Contains(name)) throw Undeclared(name);
            }
            return store.Write(state =>
            {
                var application = state.Directory.ApplicationByAppId(state.Identity, appId)
                                  ?? throw new GraphException(400, "Request_BadRequest",
                                      $"The appId '{appId}' of the service principal does not reference a valid application object.");
                if (state.Directory.ServicePrincipalByAppId(state.Identity, appId) is not null)
                    throw new GraphException(409, "Request_MultipleObjectsWithSameKeyValue",
                        $"The service principal cannot be created, updated, or restored because the service principal name {appId} is already in use.");
                var principal = new DirectoryServicePrincipal
                {
                    Id = Guid.NewGuid().ToString(),
                    AppId = application.AppId,
                    DisplayName = displayName ?? application.DisplayName,
                    AccountEnabled = accountEnabled,
                    ServicePrincipalNames = NamesOf(application),
                    AppOwnerOrganizationId = state.Identity.TenantId,
                    CreatedDateTime = store.Now,
                    Properties = Writable(body, ServicePrincipalWritable),
                };
                state.Directory.ServicePrincipals.Add(principal);
                ctx.Response.Headers.Location = DirectoryObjectLocation(ctx, state, principal.Id, "ServicePrincipal");
                return ArmHttp.Json(RenderServicePrincipal(ctx, state, principal, entity: true), 201);
            });
        });

        foreach (var key in new[] { "/servicePrincipals/{id}", "/servicePrincipals(appId='{appId}')" })
        {
            graph.MapGet(key, (HttpContext ctx) => store.Read(state =>
                ArmHttp.Json(RenderServicePrincipal(ctx, state, RequireServicePrincipal(ctx, state, change: false), entity: true))));

            graph.MapDelete(key, (HttpContext ctx) => store.Write(state =>
            {
                // Role assignments naming it stay, as in Azure: they then show an unknown principal.
                var principal = RequireServicePrincipal(ctx, state, change: true);
                state.Directory.ServicePrincipals.Remove(principal);
                state.Directory.DeletedObjectIds.Add(principal.Id);
                return Results.NoContent();
            }));
        }
    }

    /// <summary>Where Graph says a new object is: its directory-object URL on Graph's v2 path, with the tenant.</summary>
    static string DirectoryObjectLocation(HttpContext ctx, EmulatorState state, string id, string kind) =>
        $"{ArmHttp.BaseUrl(ctx)}/v2/{state.Identity.TenantId}/directoryObjects/{id}/Microsoft.DirectoryServices.{kind}";

    /// <summary>
    /// Deleted items (what <c>az ad app delete</c> and the CLI's tests clean up after a delete) and
    /// <c>directoryObjects/getByIds</c> (how <c>az role assignment list</c> names the principals it lists).
    /// </summary>
    static void MapDirectoryObjects(RouteGroupBuilder graph, StateStore store)
    {
        graph.MapDelete("/directory/deletedItems/{id}", (string id) => store.Write(state =>
            state.Directory.DeletedObjectIds.Remove(id)
                ? Results.NoContent()
                : throw new GraphException(404, "Request_ResourceNotFound",
                    $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.")));

        graph.MapPost("/directoryObjects/getByIds", async Task<IResult> (HttpContext ctx) =>
        {
            var body = await ReadBodyAsync(ctx);
            var ids = (body["ids"] as JsonArray ?? throw new GraphException(400, "Request_BadRequest", "The 'ids' property is required."))
                .Select(i => (string?)i ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase);
            var types = (body["types"] as JsonArray)?.Select(t => ((string?)t ?? "").ToLowerInvariant()).ToHashSet();
            ctx.Response.Headers.Location = ArmHttp.BaseUrl(ctx);
            return store.Read(state =>
            {
                var found = new List<JsonNode>();
                if (types is null || types.Contains("serviceprincipal"))
                    found.AddRange(state.Directory.ServicePrincipals.Where(p => ids.Contains(p.Id)).Select(p =>
                        (JsonNode)Typed("servicePrincipal", RenderServicePrincipal(ctx, state, p, entity: false))));
                if (types is null || types.Contains("application"))
                    found.AddRange(state.Directory.Applications.Where(a => ids.Contains(a.Id)).Select(a =>
                        (JsonNode)Typed("application", RenderApplication(ctx, state, a, entity: false))));
                return ArmHttp.Json(new JsonObject
                {
                    ["@odata.context"] = $"{ArmHttp.BaseUrl(ctx)}{Prefix}/$metadata#directoryObjects",
                    ["value"] = new JsonArray(found.ToArray()),
                });
            });
        });

        static JsonObject Typed(string type, JsonObject body)
        {
            var typed = new JsonObject { ["@odata.type"] = $"#microsoft.graph.{type}" };
            foreach (var (key, value) in body) typed[key] = value?.DeepClone();
            return typed;
        }
    }

    // ----- lookups -----------------------------------------------------------------------------------------------

    static DirectoryApplication RequireApplication(HttpContext ctx, EmulatorState state, bool change)
    {
        var (key, byAppId) = KeyOf(ctx);
        var found = byAppId
            ? state.Directory.ApplicationByAppId(state.Identity, key)
            : state.Directory.AllApplications(state.Identity).FirstOrDefault(a => a.Id.Equals(key, StringComparison.OrdinalIgnoreCase));
        if (found is null) throw NotFound(key);
        return Changeable(found, found.BuiltIn, change);
    }

    static DirectoryServicePrincipal RequireServicePrincipal(HttpContext ctx, EmulatorState state, bool change)
    {
        var (key, byAppId) = KeyOf(ctx);
        var found = byAppId ? state.Directory.ServicePrincipalByAppId(state.Identity, key) : state.Directory.ServicePrincipalById(state.Identity, key);
        if (found is null) throw NotFound(key);
        return Changeable(found, found.BuiltIn, change);
    }

    /// <summary>The emulator's own principals are not the directory's to change: Graph would refuse without privileges.</summary>
    static T Changeable<T>(T found, bool builtIn, bool change) =>
        change && builtIn
            ? throw new GraphException(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
            : found;

    static (string Key, bool ByAppId) KeyOf(HttpContext ctx)
    {
        if (ctx.Request.RouteValues.TryGetValue("appId", out var appId)) return ((string)appId!, true);
        var id = (string)ctx.Request.RouteValues["id"]!;
        return Guid.TryParse(id, out _) ? (id, false) : throw new GraphException(400, "Request_BadRequest", $"Invalid object identifier '{id}'.");
    }

    static List<string> NamesOf(DirectoryApplication application) =>
        Strings(application.Properties["identifierUris"]).Prepend(application.AppId).ToList();

    static bool IsDirectoryAdministrator(StateStore store, TokenPrincipal caller) =>
        caller.ObjectId.Equals(store.Identity.PrincipalObjectId, StringComparison.OrdinalIgnoreCase)
        || caller.ObjectId.Equals(store.Identity.ManagedIdentityObjectId, StringComparison.OrdinalIgnoreCase);

    static bool IsServiceHost(string host) =>
        host.EndsWith(".vault.azure.net", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".azurecr.io", StringComparison.OrdinalIgnoreCase);

    static TokenPrincipal Authenticate(TokenService tokens, HttpContext ctx)
    {
        try
        {
            return tokens.Validate(ctx.Request.Headers.Authorization, Audience.Graph);
        }
        catch (ArmException e)
        {
            throw new GraphException(401, "InvalidAuthenticationToken", e.Code switch
            {
                "AuthenticationFailed" => "Access token is empty.",
                "ExpiredAuthenticationToken" => "Lifetime validation failed, the token is expired.",
                "InvalidAuthenticationTokenAudience" => "Access token validation failure. Invalid audience.",
                _ => "Access token validation failure.",
            });
        }
    }

    // ----- $filter -----------------------------------------------------------------------------------------------

    sealed record Clause(string Kind, string Property, string Value);

    /// <summary>
    /// The <c>$filter</c> forms clients send for directory objects: <c>p eq 'v'</c>, <c>startswith(p,'v')</c> and
    /// <c>p/any(x:x eq 'v')</c>, joined by <c>and</c>. Anything else is refused, as Graph refuses what it cannot index.
    /// </summary>
    static List<Clause> ParseFilter(HttpContext ctx, string resource, Func<string, string, bool> supported)
    {
        var filter = ctx.Request.Query["$filter"].ToString();
        var clauses = new List<Clause>();
        if (string.IsNullOrWhiteSpace(filter)) return clauses;
        var position = 0;
        while (true)
        {
            var match = FilterClause().Match(filter, position);
            if (!match.Success || match.Index != position)
                throw new GraphException(400, "BadRequest", $"Invalid filter clause: '{filter}' is not a supported filter expression.");
            var clause = match.Groups["eq"].Success ? new Clause("eq", match.Groups["eq"].Value, Unquote(match.Groups["eqv"].Value))
                : match.Groups["sw"].Success ? new Clause("startswith", match.Groups["sw"].Value, Unquote(match.Groups["swv"].Value))
                : new Clause("any", match.Groups["any"].Value, Unquote(match.Groups["anyv"].Value));
            if (!supported(clause.Kind, clause.Property))
                throw new GraphException(400, "Request_UnsupportedQuery",
                    $"Unsupported or invalid query filter clause specified for property '{clause.Property}' of resource '{resource}'.");
            clauses.Add(clause);
            position = match.Index + match.Length;
            if (!match.Groups["and"].Success)
                return position == filter.Length
                    ? clauses
                    : throw new GraphException(400, "BadRequest", $"Invalid filter clause: '{filter}' is not a supported filter expression.");
        }
    }

    [GeneratedRegex(
        @"\G\s*(?:(?<eq>\w+)\s+eq\s+'(?<eqv>(?:[^']|'')*)'|startswith\(\s*(?<sw>\w+)\s*,\s*'(?<swv>(?:[^']|'')*)'\s*\)" +
        @"|(?<any>\w+)/any\(\s*(?<x>\w+)\s*:\s*\k<x>\s+eq\s+'(?<anyv>(?:[^']|'')*)'\s*\))\s*(?:(?<and>and)\s+|$)",
        RegexOptions.IgnoreCase)]
    private static partial Regex FilterClause();

    static string Unquote(string literal) => literal.Replace("''", "'");

    static bool Satisfies(List<Clause> clauses, Func<string, IEnumerable<string>> values) =>
        clauses.All(c => values(c.Property).Any(v => c.Kind == "startswith"
            ? v.StartsWith(c.Value, StringComparison.OrdinalIgnoreCase)
            : v.Equals(c.Value, StringComparison.OrdinalIgnoreCase)));

    // ----- request bodies ----------------------------------------------------------------------------------------

    static async Task<JsonObject> ReadBodyAsync(HttpContext ctx, bool optional = false)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ctx.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
            return optional ? new JsonObject() : throw new GraphException(400, "BadRequest", "Empty Payload. JSON content expected.");
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            throw new GraphException(400, "BadRequest",
                "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
        }
    }

    static void ValidateApplication(JsonObject body)
    {
        foreach (var (name, value) in body)
        {
            if (name.StartsWith("@odata", StringComparison.Ordinal) || name == "displayName") continue;
            if (ApplicationReadOnly.Contains(name)) throw ReadOnly(name);
            // Secrets are made by the service (addPassword), never sent in.
            if (name == "passwordCredentials" && value is JsonArray { Count: 0 }) continue;
            if (name == "passwordCredentials")
                throw new GraphException(400, "Request_BadRequest",
                    "Property 'passwordCredentials' cannot be set on create or update; use addPassword, which generates the secret.");
            if (!ApplicationWritable.Contains(name)) throw Undeclared(name);
        }
        if (body["identifierUris"] is { } uris)
        {
            if (uris is not JsonArray list || list.Any(u => u?.GetValueKind() != JsonValueKind.String))
                throw InvalidValue("identifierUris", "Application");
            // Tenant policy: only api:// URIs or the tenant's verified domains (the emulator's tenant has none).
            var refused = Strings(list).FirstOrDefault(u => !u.StartsWith("api://", StringComparison.OrdinalIgnoreCase));
            if (refused is not null)
                throw new GraphException(400, "HostNameNotOnVerifiedDomain",
                    $"Values of identifierUris property must use a verified domain of the organization or its subdomain: '{refused}'");
        }
        if (body.ContainsKey("signInAudience") && !SignInAudiences.Contains(OptionalString(body, "signInAudience", "Application")))
            throw InvalidValue("signInAudience", "Application");
    }

    static JsonObject Writable(JsonObject body, string[] writable) =>
        new(body.Where(p => writable.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    static string RequiredString(JsonObject body, string name, string resource) =>
        OptionalString(body, name, resource) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new GraphException(400, "Request_BadRequest", $"A value is required for property '{name}' of resource '{resource}'.");

    static string? OptionalString(JsonObject body, string name, string resource) => body[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw InvalidValue(name, resource),
    };

    static DateTimeOffset? ReadTime(JsonObject body, string name)
    {
        var text = OptionalString(body, name, "PasswordCredential");
        if (text is null) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var time)
            ? time
            : throw InvalidValue(name, "PasswordCredential");
    }

    static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Where(n => n?.GetValueKind() == JsonValueKind.String).Select(n => n!.GetValue<string>());

    static GraphException ReadOnly(string name) =>
        new(400, "Request_BadRequest", $"Property '{name}' is read-only and cannot be set.");

    static GraphException Undeclared(string name) =>
        new(400, "Request_BadRequest", $"Property '{name}' does not exist as a declared property or extension property.");

    static GraphException InvalidValue(string name, string resource) =>
        new(400, "Request_BadRequest", $"Invalid value specified for property '{name}' of resource '{resource}'.");

    static GraphException NotFound(string key) =>
        new(404, "Request_ResourceNotFound",
            $"Resource '{key}' does not exist or one of its queried reference-property objects are not present.");

    // ----- responses ---------------------------------------------------------------------------------------------

    static IResult List(HttpContext ctx, string entitySet, IEnumerable<JsonObject> items) => ArmHttp.Json(new JsonObject
    {
        ["@odata.context"] = $"{ArmHttp.BaseUrl(ctx)}{Prefix}/$metadata#{entitySet}",
        ["value"] = new JsonArray(items.Cast<JsonNode>().ToArray()),
    });

    static IResult Error(HttpContext ctx, GraphException e, DateTimeOffset now)
    {
        if (e.Status == 401)
            ctx.Response.Headers.WWWAuthenticate = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", " +
                                                   "client_id=\"00000003-0000-0000-c000-000000000000\"";
        return ArmHttp.Json(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = e.Code,
                ["message"] = e.Message,
                ["innerError"] = new JsonObject
                {
                    ["date"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                    ["request-id"] = ctx.Response.Headers["request-id"].ToString(),
                    ["client-request-id"] = ctx.Response.Headers["client-request-id"].ToString(),
                },
            },
        }, e.Status);
    }

    static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    static JsonObject RenderApplication(HttpContext ctx, EmulatorState state, DirectoryApplication application, bool entity)
    {
        var body = new JsonObject();
        if (entity) body["@odata.context"] = $"{ArmHttp.BaseUrl(ctx)}{Prefix}/$metadata#applications/$entity";
        body["id"] = application.Id;
        body["deletedDateTime"] = null;
        body["appId"] = application.AppId;
        body["applicationTemplateId"] = null;
        body["disabledByMicrosoftStatus"] = null;
        // Graph stamps an application to the tick, a service principal and a credential to the second.
        body["createdDateTime"] = application.CreatedDateTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        body["displayName"] = application.DisplayName;
        body["publisherDomain"] = "acrgeo.onmicrosoft.com";
        foreach (var (name, fallback) in ApplicationDefaults())
            body[name] = application.Properties[name]?.DeepClone() ?? fallback;
        // Graph's defaults: an application for any Entra ID or personal account, and so one that needs v2 tokens.
        var audience = (string?)body["signInAudience"];
        if (body["api"] is JsonObject api && application.Properties["api"]?["requestedAccessTokenVersion"] is null)
            api["requestedAccessTokenVersion"] = audience is "AzureADandPersonalMicrosoftAccount" or "PersonalMicrosoftAccount" ? 2 : null;
        // Graph never returns key material, only its description.
        foreach (var credential in (body["keyCredentials"] as JsonArray ?? []).OfType<JsonObject>())
            credential["key"] = null;
        body["passwordCredentials"] = new JsonArray(application.PasswordCredentials.Select(p => (JsonNode)RenderPassword(p, null)).ToArray());
        return body;
    }

    static IEnumerable<(string, JsonNode?)> ApplicationDefaults() =>
    [
        ("description", null), ("groupMembershipClaims", null), ("identifierUris", new JsonArray()), ("isDeviceOnlyAuthSupported", null),
        ("isFallbackPublicClient", null), ("notes", null), ("serviceManagementReference", null),
        ("signInAudience", "AzureADandPersonalMicrosoftAccount"), ("tags", new JsonArray()), ("tokenEncryptionKeyId", null),
        ("defaultRedirectUri", null), ("certification", null), ("optionalClaims", null), ("requestSignatureVerification", null),
        ("samlMetadataUrl", null), ("servicePrincipalLockConfiguration", null), ("addIns", new JsonArray()),
        ("api", new JsonObject
        {
            ["acceptMappedClaims"] = null, ["knownClientApplications"] = new JsonArray(), ["requestedAccessTokenVersion"] = null,
            ["oauth2PermissionScopes"] = new JsonArray(), ["preAuthorizedApplications"] = new JsonArray(),
        }),
        ("appRoles", new JsonArray()),
        ("info", new JsonObject
        {
            ["logoUrl"] = null, ["marketingUrl"] = null, ["privacyStatementUrl"] = null, ["supportUrl"] = null, ["termsOfServiceUrl"] = null,
        }),
        ("keyCredentials", new JsonArray()),
        ("parentalControlSettings", new JsonObject { ["countriesBlockedForMinors"] = new JsonArray(), ["legalAgeGroupRule"] = "Allow" }),
        ("publicClient", new JsonObject { ["redirectUris"] = new JsonArray() }),
        ("requiredResourceAccess", new JsonArray()),
        ("verifiedPublisher", new JsonObject { ["displayName"] = null, ["verifiedPublisherId"] = null, ["addedDateTime"] = null }),
        ("web", new JsonObject
        {
            ["homePageUrl"] = null, ["logoutUrl"] = null, ["redirectUris"] = new JsonArray(), ["redirectUriSettings"] = new JsonArray(),
            ["implicitGrantSettings"] = new JsonObject { ["enableAccessTokenIssuance"] = false, ["enableIdTokenIssuance"] = false },
        }),
        ("spa", new JsonObject { ["redirectUris"] = new JsonArray() }),
    ];

    /// <summary>A password credential as Graph shows it: the secret text only in the addPassword response.</summary>
    static JsonObject RenderPassword(PasswordCredential credential, string? secretText) => new()
    {
        ["customKeyIdentifier"] = null,
        ["displayName"] = credential.DisplayName,
        ["endDateTime"] = Time(credential.EndDateTime),
        ["hint"] = credential.Hint,
        ["keyId"] = credential.KeyId,
        ["secretText"] = secretText,
        ["startDateTime"] = Time(credential.StartDateTime),
    };

    static JsonObject RenderServicePrincipal(HttpContext ctx, EmulatorState state, DirectoryServicePrincipal principal, bool entity)
    {
        var body = new JsonObject();
        if (entity) body["@odata.context"] = $"{ArmHttp.BaseUrl(ctx)}{Prefix}/$metadata#servicePrincipals/$entity";
        body["id"] = principal.Id;
        body["deletedDateTime"] = null;
        body["accountEnabled"] = principal.AccountEnabled;
        body["appDisplayName"] = state.Directory.ApplicationByAppId(state.Identity, principal.AppId)?.DisplayName ?? principal.DisplayName;
        body["appDescription"] = null;
        body["appId"] = principal.AppId;
        body["applicationTemplateId"] = null;
        body["appOwnerOrganizationId"] = principal.AppOwnerOrganizationId;
        body["createdDateTime"] = principal.ServicePrincipalType == "ManagedIdentity" ? null : Time(principal.CreatedDateTime);
        body["disabledByMicrosoftStatus"] = null;
        body["displayName"] = principal.DisplayName;
        body["preferredTokenSigningKeyThumbprint"] = null;
        body["servicePrincipalNames"] = new JsonArray(principal.ServicePrincipalNames.Select(n => (JsonNode)n).ToArray());
        body["servicePrincipalType"] = principal.ServicePrincipalType;
        body["signInAudience"] = principal.ServicePrincipalType == "ManagedIdentity"
            ? null
            : (string?)state.Directory.ApplicationByAppId(state.Identity, principal.AppId)?.Properties["signInAudience"] ?? "AzureADMyOrg";
        body["samlSingleSignOnSettings"] = null;
        body["tokenEncryptionKeyId"] = null;
        foreach (var (name, fallback) in ServicePrincipalDefaults())
            body[name] = principal.Properties[name]?.DeepClone() ?? fallback;
        return body;
    }

    static IEnumerable<(string, JsonNode?)> ServicePrincipalDefaults() =>
    [
        ("alternativeNames", new JsonArray()), ("appRoleAssignmentRequired", false), ("description", null), ("homepage", null),
        ("loginUrl", null), ("logoutUrl", null), ("notes", null), ("notificationEmailAddresses", new JsonArray()),
        ("preferredSingleSignOnMode", null), ("replyUrls", new JsonArray()), ("tags", new JsonArray()), ("addIns", new JsonArray()),
        ("appRoles", new JsonArray()),
        ("info", new JsonObject
        {
            ["logoUrl"] = null, ["marketingUrl"] = null, ["privacyStatementUrl"] = null, ["supportUrl"] = null, ["termsOfServiceUrl"] = null,
        }),
        ("keyCredentials", new JsonArray()), ("oauth2PermissionScopes", new JsonArray()), ("passwordCredentials", new JsonArray()),
        ("resourceSpecificApplicationPermissions", new JsonArray()),
        ("verifiedPublisher", new JsonObject { ["displayName"] = null, ["verifiedPublisherId"] = null, ["addedDateTime"] = null }),
    ];
}

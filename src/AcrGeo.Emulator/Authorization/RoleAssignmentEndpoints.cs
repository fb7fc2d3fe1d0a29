using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.Authorization;

/// <summary>
/// Microsoft.Authorization role assignments and role definitions, at any scope: the subscription, a resource group,
/// a registry, a vault. Their paths put the scope in front (<c>{scope}/providers/Microsoft.Authorization/...</c>),
/// which no route template can express, so a middleware ahead of routing dispatches them.
/// </summary>
static partial class RoleAssignmentEndpoints
{
    static readonly string[] PrincipalTypes = ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"];

    // A fixed creation time for the built-in roles, as ARM reports one for each.
    static readonly DateTimeOffset BuiltInCreatedOn = new(2015, 2, 2, 21, 55, 9, TimeSpan.Zero);

    [GeneratedRegex(@"^(?<scope>/.*?)?/providers/Microsoft\.Authorization/(?<kind>roleAssignments|roleDefinitions)(?:/(?<name>[^/]+))?/?\z",
        RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationPath();

    [GeneratedRegex(@"^(?:/subscriptions/(?<sub>[^/]+))?/providers/Microsoft\.Authorization/roleDefinitions/(?<id>[^/]+)\z", RegexOptions.IgnoreCase)]
    private static partial Regex DefinitionIdPattern();

    [GeneratedRegex(@"^(?:atScope\(\)|principalId\s+eq\s+'(?<principal>[^']*)'|assignedTo\('(?<principal>[^']*)'\))\z", RegexOptions.IgnoreCase)]
    private static partial Regex AssignmentFilterClause();

    [GeneratedRegex(@"^(?<field>roleName|type)\s+eq\s+'(?<value>[^']*)'\z", RegexOptions.IgnoreCase)]
    private static partial Regex DefinitionFilterClause();

    public static void Use(WebApplication app, StateStore store, EmulatorSettings settings)
    {
        app.Use(async (ctx, next) =>
        {
            var match = AuthorizationPath().Match(ctx.Request.Path.Value ?? "");
            if (!match.Success)
            {
                await next(ctx);
                return;
            }
            var result = await DispatchAsync(ctx, store, settings,
                match.Groups["scope"].Value, match.Groups["kind"].Value, match.Groups["name"].Success ? match.Groups["name"].Value : null);
            await result.ExecuteAsync(ctx);
        });
    }

    static async Task<IResult> DispatchAsync(HttpContext ctx, StateStore store, EmulatorSettings settings, string scope, string kind,
        string? name)
    {
        var method = ctx.Request.Method;
        var assignments = kind.Equals("roleAssignments", StringComparison.OrdinalIgnoreCase);
        (assignments ? ApiVersions.RoleAssignments : ApiVersions.RoleDefinitions)
            .Check(ctx.Request.Query["api-version"].FirstOrDefault(), () => "global");
        if (scope.Length == 0) scope = "/";

        if (!assignments)
        {
            if (!HttpMethods.IsGet(method)) throw MethodNotAllowed(method);
            return store.Read(state =>
            {
                var canonical = ReadScope(store, state, scope);
                return name is null ? ListDefinitions(ctx, canonical, settings) : ArmHttp.Json(DefinitionJson(RequireDefinition(name), canonical));
            });
        }

        if (name is null)
            return HttpMethods.IsGet(method)
                ? store.Read(state => ListAssignments(ctx, state, ReadScope(store, state, scope), settings))
                : throw MethodNotAllowed(method);
        if (HttpMethods.IsGet(method))
            return store.Read(state =>
            {
                var canonical = ReadScope(store, state, scope);
                return ArmHttp.Json(AssignmentJson(FindAssignment(state, canonical, name)
                    ?? throw new ArmException(HttpStatusCode.NotFound, "RoleAssignmentNotFound", $"The role assignment '{name}' is not found.")));
            });
        if (HttpMethods.IsDelete(method))
            return store.Write(state =>
            {
                var existing = FindAssignment(state, ReadScope(store, state, scope), name);
                if (existing is null) return Results.StatusCode(204);
                state.Resources.Remove(existing.Id);
                return ArmHttp.Json(AssignmentJson(existing));
            });
        if (HttpMethods.IsPut(method))
            return await PutAsync(ctx, store, settings, scope, name);
        throw MethodNotAllowed(method);
    }

    static async Task<IResult> PutAsync(HttpContext ctx, StateStore store, EmulatorSettings settings, string scope, string name)
    {
        if (!Guid.TryParse(name, out _))
            throw ArmException.BadRequest("InvalidRoleAssignmentId",
                $"The role assignment ID '{name}' is not valid. The role assignment ID must be a GUID.");
        var body = await ArmHttp.ReadObjectAsync(ctx);
        var properties = ArmHttp.ReadObject(body, "properties")
                         ?? throw ArmException.InvalidRequestContent("Required property 'properties' not found in JSON.");
        var roleDefinitionId = ArmHttp.ReadString(properties, "roleDefinitionId")
                               ?? throw ArmException.InvalidRequestContent("Required property 'roleDefinitionId' not found in JSON.");
        var principalId = ArmHttp.ReadString(properties, "principalId")
                          ?? throw ArmException.InvalidRequestContent("Required property 'principalId' not found in JSON.");
        if (!Guid.TryParse(principalId, out _))
            throw ArmException.BadRequest("InvalidPrincipalId", "A valid principal ID must be provided for role assignment.");
        var requestedType = ArmHttp.ReadString(properties, "principalType");
        var principalType = requestedType is null
            ? null
            : PrincipalTypes.FirstOrDefault(t => t.Equals(requestedType, StringComparison.OrdinalIgnoreCase))
              ?? throw ArmException.BadRequest("InvalidPrincipalType",
                  $"The PrincipalType property '{requestedType}' is not valid. It must be one of '{string.Join("', '", PrincipalTypes)}'.");
        var caller = ArmCoreEndpoints.Caller(ctx);

        return store.Write(state =>
        {
            var canonical = RequireScope(store, state, scope);
            var identity = state.Identity;
            // Role definitions are read in the subscription of the scope (the emulator's own for a tenant-wide scope).
            var subscription = ArmIds.SubscriptionOf(canonical) is { Length: > 0 } scoped ? scoped : identity.SubscriptionId;
            var definition = ParseDefinitionId(roleDefinitionId, subscription);
            var definitionId = Rbac.DefinitionId(subscription, definition.Id);

            var kind = state.Directory.PrincipalType(identity, principalId, store.Now, settings.PrincipalReplicationDelay,
                skipReplication: principalType is not null);
            if (kind is null)
                throw ArmException.BadRequest("PrincipalNotFound",
                    $"Principal {principalId.Replace("-", "")} does not exist in the directory {identity.TenantId}. Check that you have the " +
                    "correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be " +
                    "related to a replication delay. In this case, set the role assignment principalType property to a value, such as " +
                    "ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype");
            if (principalType is not null && principalType != kind)
                // ARM's wording, stray space before the comma included (its "PrinciaplType" typo is not copied).
                throw ArmException.BadRequest("UnmatchedPrincipalType",
                    $"The PrincipalId '{principalId.Replace("-", "")}' has type '{kind}' , which is different from specified PrincipalType '{principalType}'.");

            var existing = FindAssignment(state, canonical, name);
            if (existing is not null)
            {
                if (!SameAssignment(existing, definition.Id, principalId))
                    throw ArmException.BadRequest("RoleAssignmentUpdateNotPermitted",
                        "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");
                return ArmHttp.Json(AssignmentJson(existing));
            }
            if (state.Resources.Values.Any(r => r.Type == Rbac.AssignmentType
                                                && string.Equals((string?)r.Properties["scope"], canonical, StringComparison.OrdinalIgnoreCase)
                                                && SameAssignment(r, definition.Id, principalId)))
                throw ArmException.Conflict("RoleAssignmentExists", "The role assignment already exists.");

            var created = Rbac.Assign(state, canonical, name, definitionId, principalId, kind, store.Now, caller.ObjectId);
            return ArmHttp.Json(AssignmentJson(created), 201);
        });
    }

    /// <summary>
    /// A scope to read or delete at: only its subscription must be one the emulator has. ARM answers reads at any
    /// scope, existing or not (clients ask what applies at a secret's scope before it exists), with what is there.
    /// </summary>
    static string ReadScope(StateStore store, EmulatorState state, string scope)
    {
        if (scope == "/") return scope;
        var parts = scope.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 2 && parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase)
            && ArmCoreEndpoints.RequireSubscription(store, parts[1]) is var subscription && parts.Length == 2)
            return ArmIds.Subscription(subscription.Id);
        return state.Find(scope)?.Id ?? scope.TrimEnd('/');
    }

    /// <summary>
    /// The scope to assign at, in its canonical casing, checked as ARM checks it: the subscription, the resource group,
    /// then the resource itself must exist.
    /// </summary>
    static string RequireScope(StateStore store, EmulatorState state, string scope)
    {
        if (scope == "/") return scope;
        var parts = scope.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
            return state.Find(scope)?.Id
                   ?? throw new ArmException(HttpStatusCode.NotFound, "ResourceNotFound", $"The scope '{scope}' was not found.");
        var subscription = ArmCoreEndpoints.RequireSubscription(store, parts[1]);
        if (parts.Length == 2) return ArmIds.Subscription(subscription.Id);
        if (parts.Length < 4 || !parts[2].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase))
            return state.Find(scope)?.Id
                   ?? throw new ArmException(HttpStatusCode.NotFound, "ResourceNotFound", $"The scope '{scope}' was not found.");
        var group = ArmCoreEndpoints.RequireResourceGroup(state, parts[1], parts[3]);
        if (parts.Length == 4) return group.Id;
        // .../providers/{namespace}/{type}/{name}[/{childType}/{childName}...]
        if (parts.Length < 8 || parts.Length % 2 != 0 || !parts[4].Equals("providers", StringComparison.OrdinalIgnoreCase))
            throw ArmException.BadRequest("InvalidScope", $"The scope '{scope}' is not a valid resource id.");
        return state.Find(scope) is { } resource
            ? resource.Id
            : throw ArmException.NotFound($"{parts[5]}/{parts[6]}", string.Join('/', parts[7..]), group.Name);
    }

    static RoleDefinition ParseDefinitionId(string roleDefinitionId, string subscriptionId)
    {
        var match = DefinitionIdPattern().Match(roleDefinitionId);
        var id = match.Success ? match.Groups["id"].Value : roleDefinitionId.Split('/').Last();
        var definition = match.Success && (!match.Groups["sub"].Success
                                           || match.Groups["sub"].Value.Equals(subscriptionId, StringComparison.OrdinalIgnoreCase))
            ? Rbac.BuiltIn.FirstOrDefault(d => d.Id.Equals(id, StringComparison.OrdinalIgnoreCase))
            : null;
        return definition ?? throw ArmException.BadRequest("RoleDefinitionDoesNotExist",
            $"The specified role definition with ID '{id}' does not exist.");
    }

    static RoleDefinition RequireDefinition(string id) =>
        Rbac.BuiltIn.FirstOrDefault(d => d.Id.Equals(id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArmException(HttpStatusCode.NotFound, "RoleDefinitionDoesNotExist", $"The specified role definition with ID '{id}' does not exist.");

    static bool SameAssignment(ResourceRecord assignment, string roleId, string principalId) =>
        ((string?)assignment.Properties["roleDefinitionId"] ?? "").EndsWith("/" + roleId, StringComparison.OrdinalIgnoreCase)
        && string.Equals((string?)assignment.Properties["principalId"], principalId, StringComparison.OrdinalIgnoreCase);

    static ResourceRecord? FindAssignment(EmulatorState state, string scope, string name) =>
        state.Find($"{scope.TrimEnd('/')}/providers/{Rbac.AssignmentType}/{name}") is { Type: Rbac.AssignmentType } found ? found : null;

    /// <summary>
    /// Assignments at, above and below the scope, as ARM lists them; <c>atScope()</c> keeps those at and above,
    /// <c>principalId eq '{id}'</c> and <c>assignedTo('{id}')</c> those of one principal (the emulator has no groups).
    /// </summary>
    static IResult ListAssignments(HttpContext ctx, EmulatorState state, string scope, EmulatorSettings settings)
    {
        var atScope = false;
        string? principal = null;
        var filter = ctx.Request.Query["$filter"].ToString();
        if (!string.IsNullOrWhiteSpace(filter))
            foreach (var clause in Regex.Split(filter.Trim(), @"\s+and\s+", RegexOptions.IgnoreCase))
            {
                var match = AssignmentFilterClause().Match(clause.Trim());
                if (!match.Success)
                    throw ArmException.BadRequest("InvalidFilter",
                        $"The filter '{filter}' is not supported. Supported filters are atScope(), principalId eq '{{value}}' and " +
                        "assignedTo('{value}'), alone or joined by 'and'.");
                if (match.Groups["principal"].Success) principal = match.Groups["principal"].Value;
                else atScope = true;
            }
        var items = state.Resources.Values
            .Where(r => r.Type == Rbac.AssignmentType)
            .Where(r => principal is null || string.Equals((string?)r.Properties["principalId"], principal, StringComparison.OrdinalIgnoreCase))
            .Where(r =>
            {
                var at = (string?)r.Properties["scope"] ?? "";
                return Rbac.Covers(at, scope) || (!atScope && Rbac.Covers(scope, at));
            })
            .OrderBy(r => r.Id, StringComparer.OrdinalIgnoreCase)
            .Select(r => (JsonNode)AssignmentJson(r));
        return ArmHttp.Page(ctx, items, settings.PageSize);
    }

    static IResult ListDefinitions(HttpContext ctx, string scope, EmulatorSettings settings)
    {
        var filter = ctx.Request.Query["$filter"].ToString();
        IEnumerable<RoleDefinition> definitions = Rbac.BuiltIn;
        if (!string.IsNullOrWhiteSpace(filter))
        {
            var match = DefinitionFilterClause().Match(filter.Trim());
            if (!match.Success)
                throw ArmException.BadRequest("InvalidFilter",
                    $"The filter '{filter}' is not supported. Supported filters are roleName eq '{{value}}' and type eq '{{value}}'.");
            var value = match.Groups["value"].Value;
            definitions = match.Groups["field"].Value.Equals("roleName", StringComparison.OrdinalIgnoreCase)
                ? definitions.Where(d => d.Name.Equals(value, StringComparison.OrdinalIgnoreCase))
                : definitions.Where(_ => value.Equals("BuiltInRole", StringComparison.OrdinalIgnoreCase));
        }
        return ArmHttp.Page(ctx, definitions.Select(d => (JsonNode)DefinitionJson(d, scope)), settings.PageSize);
    }

    static JsonObject AssignmentJson(ResourceRecord assignment) => new()
    {
        ["properties"] = new JsonObject
        {
            ["roleDefinitionId"] = (string?)assignment.Properties["roleDefinitionId"],
            ["principalId"] = (string?)assignment.Properties["principalId"],
            ["principalType"] = (string?)assignment.Properties["principalType"],
            ["scope"] = (string?)assignment.Properties["scope"] is { Length: > 0 } scope ? scope : "/",
            ["condition"] = null,
            ["conditionVersion"] = null,
            ["createdOn"] = ArmHttp.Time(assignment.CreatedAt),
            ["updatedOn"] = ArmHttp.Time(assignment.ModifiedAt),
            ["createdBy"] = assignment.CreatedBy,
            ["updatedBy"] = assignment.CreatedBy,
            ["delegatedManagedIdentityResourceId"] = null,
            ["description"] = null,
        },
        ["id"] = assignment.Id,
        ["type"] = Rbac.AssignmentType,
        ["name"] = assignment.Name,
    };

    /// <summary>A built-in role as ARM shows it under a scope: the id carries the scope's subscription, if any.</summary>
    static JsonObject DefinitionJson(RoleDefinition definition, string scope)
    {
        var subscription = ArmIds.SubscriptionOf(scope);
        return new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["roleName"] = definition.Name,
                ["type"] = "BuiltInRole",
                ["description"] = definition.Description,
                ["assignableScopes"] = new JsonArray("/"),
                ["permissions"] = new JsonArray(new JsonObject
                {
                    ["actions"] = Array(definition.Actions),
                    ["notActions"] = Array(definition.NotActions),
                    ["dataActions"] = Array(definition.DataActions),
                    ["notDataActions"] = Array(definition.NotDataActions),
                }),
                ["createdOn"] = ArmHttp.Time(BuiltInCreatedOn),
                ["updatedOn"] = ArmHttp.Time(BuiltInCreatedOn),
                ["createdBy"] = null,
                ["updatedBy"] = null,
            },
            ["id"] = subscription.Length > 0
                ? Rbac.DefinitionId(subscription, definition.Id)
                : $"/providers/Microsoft.Authorization/roleDefinitions/{definition.Id}",
            ["type"] = "Microsoft.Authorization/roleDefinitions",
            ["name"] = definition.Id,
        };
    }

    static JsonArray Array(string[] values) => new(values.Select(v => (JsonNode)v).ToArray());

    static ArmException MethodNotAllowed(string method) =>
        new(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"The requested resource does not support http method '{method}'.");
}

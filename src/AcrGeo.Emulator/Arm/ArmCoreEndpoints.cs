using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.Identity;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.Arm;

/// <summary>Microsoft.Resources: subscriptions, tenants, locations, providers, resource groups, generic resource lists.</summary>
static partial class ArmCoreEndpoints
{
    public const string ResourceGroupType = "Microsoft.Resources/resourceGroups";

    public static void Map(WebApplication app, StateStore store, EmulatorSettings settings)
    {
        // ARM lists the subscriptions in which the caller holds a role at some scope.
        app.MapGet("/subscriptions", (HttpContext ctx) => store.Read(state => ArmHttp.Page(ctx,
            VisibleSubscriptions(state, Caller(ctx).ObjectId).Select(s => (JsonNode)SubscriptionJson(s, state.Identity.TenantId)),
            settings.PageSize))).WithMetadata(ApiVersions.Subscriptions);

        app.MapGet("/subscriptions/{sub}", (string sub) =>
            ArmHttp.Json(SubscriptionJson(RequireSubscription(store, sub), store.Identity.TenantId))).WithMetadata(ApiVersions.Subscriptions);

        app.MapGet("/tenants", (HttpContext ctx) => ArmHttp.Page(ctx,
        [
            new JsonObject
            {
                ["id"] = $"/tenants/{store.Identity.TenantId}",
                ["tenantId"] = store.Identity.TenantId,
                ["tenantCategory"] = "Home",
                ["displayName"] = "AcrGeo Emulator",
                ["defaultDomain"] = "acrgeo.onmicrosoft.com",
                ["domains"] = new JsonArray("acrgeo.onmicrosoft.com"),
            },
        ], settings.PageSize)).WithMetadata(ApiVersions.Subscriptions);

        app.MapGet("/subscriptions/{sub}/locations", (HttpContext ctx, string sub) =>
        {
            RequireSubscription(store, sub);
            return ArmHttp.Json(new JsonObject
            {
                ["value"] = new JsonArray(Regions.All.Select(r => (JsonNode)Regions.ToJson(r, sub)).ToArray()),
            });
        }).WithMetadata(ApiVersions.Subscriptions);

        app.MapGet("/subscriptions/{sub}/providers", (HttpContext ctx, string sub) =>
        {
            RequireSubscription(store, sub);
            return ArmHttp.Page(ctx, Providers.Namespaces.Select(n => (JsonNode)Providers.ToJson(n, sub)), settings.PageSize);
        }).WithMetadata(ApiVersions.Resources);

        app.MapGet("/subscriptions/{sub}/providers/{ns}", (string sub, string ns) =>
        {
            RequireSubscription(store, sub);
            if (!Providers.IsKnown(ns))
                throw new ArmException(HttpStatusCode.NotFound, "InvalidResourceNamespace", $"The resource namespace '{ns}' is invalid.");
            return ArmHttp.Json(Providers.ToJson(ns, sub));
        }).WithMetadata(ApiVersions.Resources);

        app.MapPost("/subscriptions/{sub}/providers/{ns}/register", (string sub, string ns) =>
        {
            RequireSubscription(store, sub);
            if (!Providers.IsKnown(ns))
                throw new ArmException(HttpStatusCode.NotFound, "InvalidResourceNamespace", $"The resource namespace '{ns}' is invalid.");
            return ArmHttp.Json(Providers.ToJson(ns, sub));
        }).WithMetadata(ApiVersions.Resources);

        MapResourceGroups(app, store, settings);

        app.MapGet("/subscriptions/{sub}/resources", (HttpContext ctx, string sub) =>
        {
            RequireSubscription(store, sub);
            var filter = ParseFilter(ctx.Request.Query["$filter"]);
            return store.Read(state => ArmHttp.Page(ctx, TopLevelResources(state, sub, null, filter), settings.PageSize));
        }).WithMetadata(ApiVersions.Resources);

        app.MapGet("/subscriptions/{sub}/resourceGroups/{rg}/resources", (HttpContext ctx, string sub, string rg) =>
        {
            RequireSubscription(store, sub);
            var filter = ParseFilter(ctx.Request.Query["$filter"]);
            return store.Read(state =>
            {
                var group = RequireResourceGroup(state, sub, rg);
                return ArmHttp.Page(ctx, TopLevelResources(state, sub, group.Name, filter), settings.PageSize);
            });
        }).WithMetadata(ApiVersions.Resources);

        // Unknown types and namespaces under a resource group: ARM's own errors rather than a bare 404.
        app.Map("/subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}/{type}/{**rest}", (HttpContext ctx, string ns, string type, string? rest) =>
        {
            // The path alternates type and name segments: .../{type}/{name}/{childType}/{childName}...
            var nested = (rest ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Where((_, i) => i % 2 == 1);
            throw Providers.UnknownType(ns, string.Join("/", nested.Prepend(type)), ArmHttp.ApiVersion(ctx));
        }).WithMetadata(ApiVersions.Any);
    }

    static void MapResourceGroups(WebApplication app, StateStore store, EmulatorSettings settings)
    {
        const string route = "/subscriptions/{sub}/resourcegroups/{rg}";

        app.MapGet("/subscriptions/{sub}/resourcegroups", (HttpContext ctx, string sub) =>
        {
            RequireSubscription(store, sub);
            return store.Read(state => ArmHttp.Page(ctx,
                state.Resources.Values.Where(r => r.Type == ResourceGroupType && ArmIds.SubscriptionOf(r.Id) == sub)
                    .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                    .Select(r => (JsonNode)ResourceGroupJson(r, store.Now)), settings.PageSize));
        }).WithMetadata(ApiVersions.Resources);

        app.MapGet(route, (string sub, string rg) =>
        {
            RequireSubscription(store, sub);
            return store.Read(state => ArmHttp.Json(ResourceGroupJson(RequireResourceGroup(state, sub, rg), store.Now)));
        }).WithMetadata(ApiVersions.Resources);

        app.MapMethods(route, ["HEAD"], (string sub, string rg) =>
        {
            RequireSubscription(store, sub);
            return store.Read(state => Results.StatusCode(FindResourceGroup(state, sub, rg) is null ? 404 : 204));
        }).WithMetadata(ApiVersions.Resources);

        app.MapPut(route, async (HttpContext ctx, string sub, string rg) =>
        {
            RequireSubscription(store, sub);
            ValidateResourceGroupName(rg);
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var location = ArmHttp.ReadString(body, "location");
            var region = Regions.Find(location) ?? throw ArmException.BadRequest("LocationNotAvailableForResourceGroup",
                $"The provided location '{location}' is not available for resource group. List of available regions is " +
                $"'{string.Join(",", Regions.All.Select(r => r.Name))}'.");
            var tags = ArmHttp.ReadTags(body);
            return store.Write(state =>
            {
                var existing = FindResourceGroup(state, sub, rg);
                if (existing is not null)
                {
                    if (existing.DeletingUntil is not null)
                        throw ArmException.Conflict("ResourceGroupBeingDeleted",
                            $"The resource group '{existing.Name}' is in deprovisioning state and cannot perform this operation.");
                    // ARM answers 409 Conflict here (recorded traffic), not 400.
                    if (existing.Location != region.Name)
                        throw ArmException.Conflict("InvalidResourceGroupLocation",
                            $"Invalid resource group location '{location}'. The Resource group already exists in location '{existing.Location}'.");
                    if (tags is not null) existing.Tags = tags;
                    existing.ModifiedAt = store.Now;
                    return ArmHttp.Json(ResourceGroupJson(existing, store.Now));
                }
                var created = new ResourceRecord
                {
                    Id = ArmIds.ResourceGroup(sub, rg),
                    Type = ResourceGroupType,
                    Name = rg,
                    Location = region.Name,
                    Tags = tags ?? new(),
                    CreatedAt = store.Now,
                    ModifiedAt = store.Now,
                    CreatedBy = Caller(ctx).AppId,
                };
                state.Resources[created.Id] = created;
                return ArmHttp.Json(ResourceGroupJson(created, store.Now), 201);
            });
        }).WithMetadata(ApiVersions.Resources);

        app.MapPatch(route, async (HttpContext ctx, string sub, string rg) =>
        {
            RequireSubscription(store, sub);
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var tags = ArmHttp.ReadTags(body);
            return store.Write(state =>
            {
                var group = RequireResourceGroup(state, sub, rg);
                if (tags is not null) group.Tags = tags;
                group.ModifiedAt = store.Now;
                return ArmHttp.Json(ResourceGroupJson(group, store.Now));
            });
        }).WithMetadata(ApiVersions.Resources);

        app.MapDelete(route, (HttpContext ctx, string sub, string rg) =>
        {
            RequireSubscription(store, sub);
            return store.Write(state =>
            {
                var group = RequireResourceGroup(state, sub, rg);
                var operation = LongRunning.Start(ctx, state, group.Id, "delete", store.Now, settings.ProvisioningDelay);
                if (operation.Error is null)
                {
                    group.DeletingUntil ??= operation.CompletesAt;
                    group.ModifiedAt = store.Now;
                }
                ctx.Response.Headers.Location =
                    $"{ArmHttp.BaseUrl(ctx)}/subscriptions/{sub}/operationresults/{operation.Id}?api-version={ArmHttp.ApiVersion(ctx)}";
                ctx.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString();
                return Results.StatusCode(202);
            });
        }).WithMetadata(ApiVersions.Resources);

        app.MapGet("/subscriptions/{sub}/operationresults/{operation}", (HttpContext ctx, string sub, string operation) =>
        {
            RequireSubscription(store, sub);
            return store.Read(state => LongRunning.Result(ctx, LongRunning.Find(state, operation), store.Now, settings.RetryAfterSeconds));
        }).WithMetadata(ApiVersions.Resources);
    }

    public static TokenPrincipal Caller(HttpContext ctx) =>
        (TokenPrincipal)(ctx.Items[typeof(TokenPrincipal)] ?? throw new InvalidOperationException("The request was not authenticated."));

    public static EmulatorSubscription RequireSubscription(StateStore store, string subscriptionId) =>
        store.Read(state => state.FindSubscription(subscriptionId))
        ?? throw new ArmException(HttpStatusCode.NotFound, "SubscriptionNotFound", $"The subscription '{subscriptionId}' could not be found.");

    /// <summary>The subscriptions a principal holds a role in, at any scope within them: what ARM shows it.</summary>
    public static IEnumerable<EmulatorSubscription> VisibleSubscriptions(EmulatorState state, string principalObjectId) =>
        state.Subscriptions.Where(s => Authorization.Rbac.HasAnyRoleWithin(state, principalObjectId, ArmIds.Subscription(s.Id)));

    public static ResourceRecord? FindResourceGroup(EmulatorState state, string subscriptionId, string resourceGroup) =>
        state.Find(ArmIds.ResourceGroup(subscriptionId, resourceGroup)) is { Type: ResourceGroupType } group ? group : null;

    /// <summary>The resource group (with its canonical name), or ARM's ResourceGroupNotFound.</summary>
    public static ResourceRecord RequireResourceGroup(EmulatorState state, string subscriptionId, string resourceGroup) =>
        FindResourceGroup(state, subscriptionId, resourceGroup) ?? throw ArmException.ResourceGroupNotFound(resourceGroup);

    static void ValidateResourceGroupName(string name)
    {
        if (name.Length is < 1 or > 90 || name.EndsWith('.') || !ResourceGroupName().IsMatch(name))
            throw ArmException.BadRequest("InvalidResourceGroup",
                $"The provided resource group name '{name}' has these invalid characters or length. Resource group names are " +
                "1 to 90 characters: letters, digits, underscores, parentheses, hyphens and periods, not ending in a period.");
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}_()\-.]+\z")]
    private static partial Regex ResourceGroupName();

    static JsonObject SubscriptionJson(EmulatorSubscription subscription, string tenantId) => new()
    {
        ["id"] = $"/subscriptions/{subscription.Id}",
        ["subscriptionId"] = subscription.Id,
        ["tenantId"] = tenantId,
        ["displayName"] = subscription.DisplayName,
        ["state"] = "Enabled",
        ["subscriptionPolicies"] = new JsonObject
        {
            ["locationPlacementId"] = "Public_2014-09-01",
            ["quotaId"] = "PayAsYouGo_2014-09-01",
            ["spendingLimit"] = "Off",
        },
        ["authorizationSource"] = "RoleBased",
        ["managedByTenants"] = new JsonArray(),
    };

    static JsonObject ResourceGroupJson(ResourceRecord group, DateTimeOffset now) => new()
    {
        ["id"] = group.Id,
        ["name"] = group.Name,
        ["type"] = ResourceGroupType,
        ["location"] = group.Location,
        ["tags"] = new JsonObject(group.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))),
        ["properties"] = new JsonObject { ["provisioningState"] = group.ProvisioningState(now) },
    };

    static IEnumerable<JsonNode> TopLevelResources(EmulatorState state, string sub, string? resourceGroup,
        IReadOnlyDictionary<string, string> filter) =>
        state.Resources.Values
            // Tracked top-level resources only: role assignments are extension resources, not listed here by ARM either.
            .Where(r => r.Type != ResourceGroupType && r.Type.Count(c => c == '/') == 1
                        && !r.Type.StartsWith("Microsoft.Authorization/", StringComparison.OrdinalIgnoreCase)
                        && ArmIds.SubscriptionOf(r.Id).Equals(sub, StringComparison.OrdinalIgnoreCase)
                        && (resourceGroup is null || r.ResourceGroup.Equals(resourceGroup, StringComparison.OrdinalIgnoreCase)))
            .Where(r => filter.All(f => f.Key switch
            {
                "resourcetype" => r.Type.Equals(f.Value, StringComparison.OrdinalIgnoreCase),
                "name" => r.Name.Equals(f.Value, StringComparison.OrdinalIgnoreCase),
                "location" => string.Equals(r.Location, f.Value, StringComparison.OrdinalIgnoreCase),
                _ => r.ResourceGroup.Equals(f.Value, StringComparison.OrdinalIgnoreCase),
            }))
            .OrderBy(r => r.Id, StringComparer.OrdinalIgnoreCase)
            .Select(r =>
            {
                var summary = new JsonObject
                {
                    ["id"] = r.Id, ["name"] = r.Name, ["type"] = r.Type, ["location"] = r.Location,
                    ["tags"] = new JsonObject(r.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))),
                };
                if (r.Sku is not null) summary["sku"] = r.Sku.DeepClone();
                return (JsonNode)summary;
            });

    /// <summary>The subset of OData <c>$filter</c> ARM supports on resource lists: <c>field eq 'value'</c> joined by <c>and</c>.</summary>
    static Dictionary<string, string> ParseFilter(string? filter)
    {
        var result = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(filter)) return result;
        foreach (var clause in Regex.Split(filter, @"\s+and\s+", RegexOptions.IgnoreCase))
        {
            var match = FilterClause().Match(clause.Trim());
            var field = match.Success ? match.Groups[1].Value.ToLowerInvariant() : "";
            if (field is not ("resourcetype" or "name" or "location" or "resourcegroup"))
                throw ArmException.BadRequest("InvalidFilterInQueryString",
                    $"Invalid $filter '{filter}' specified in the query string. Supported: resourceType, name, location, resourceGroup with 'eq'.");
            result[field] = match.Groups[2].Value;
        }
        return result;
    }

    [GeneratedRegex(@"^(\w+)\s+eq\s+'([^']*)'\z", RegexOptions.IgnoreCase)]
    private static partial Regex FilterClause();
}

using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Identity;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.Authorization;

/// <summary>
/// What an ARM request needs: an action at a scope, or (for a long-running operation's poll) read on what the
/// operation concerns, named by <see cref="OperationName"/>.
/// </summary>
public sealed record RequiredPermission(string Action, string Scope, string? OperationName = null);

/// <summary>
/// ARM's authorization step: after authentication, every request needs a role that allows its action at its scope,
/// else 403 AuthorizationFailed. Requests map to actions the way ARM names them, from the path alone.
/// </summary>
public static class ArmAuthorization
{
    public const string SubscriptionRead = "Microsoft.Resources/subscriptions/read";

    static readonly string[] OperationTypes = ["operationStatuses", "operationResults", "operations"];

    static readonly string[] CanonicalTypes =
    [
        "resourceGroups", "operationStatuses", "operationResults", "roleAssignments", "roleDefinitions", "subscriptions", "providers",
    ];

    /// <summary>Refuses the request with ARM's AuthorizationFailed unless the caller's roles allow it.</summary>
    public static void Use(WebApplication app, StateStore store)
    {
        app.Use(async (ctx, next) =>
        {
            // Set by authentication, for ARM paths only.
            if (ctx.Items[typeof(TokenPrincipal)] is TokenPrincipal caller)
                Demand(store, caller, ctx.Request.Method, ctx.Request.Path.Value ?? "/");
            await next(ctx);
        });
    }

    public static void Demand(StateStore store, TokenPrincipal caller, string method, string path)
    {
        var required = For(method, path);
        if (required is null) return;
        store.Read(state =>
        {
            if (required.OperationName is { } name)
            {
                // An operation that is gone or never was: the route answers OperationNotFound.
                var operation = FindOperation(state, name);
                if (operation is null) return true;
                required = For(HttpMethods.Get, operation.ResourceId)!;
            }
            // A subscription the emulator does not have: ARM answers SubscriptionNotFound before it authorizes.
            var subscription = ArmIds.SubscriptionOf(required.Scope);
            if (required.Scope.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase)
                && state.FindSubscription(subscription) is null)
                return true;
            if (Rbac.IsAllowed(state, caller.ObjectId, required.Scope, required.Action)
                // ARM shows a subscription to anyone who holds a role anywhere in it.
                || (required.Action == SubscriptionRead && Rbac.HasAnyRoleWithin(state, caller.ObjectId, required.Scope)))
                return true;
            throw Rbac.Forbidden(caller.AppId, caller.ObjectId, required.Action, required.Scope);
        });
    }

    /// <summary>
    /// The action a request performs and the scope it performs it at, as ARM names them:
    /// <c>{Namespace}/{type}/{childType}/read|write|delete</c> on a resource (at the resource's id),
    /// <c>{Namespace}/{type}/read</c> for a list (at the parent), <c>.../{action}/action</c> for a POST; Microsoft.Resources
    /// for the paths without a provider (subscriptions, resource groups). Null when ARM applies no role check: the
    /// subscription list (which is filtered instead) and tenant-level requests other than role management.
    /// </summary>
    public static RequiredPermission? For(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length <= 1) return null;

        // The last "providers" with a namespace and at least a type after it names the provider; an extension
        // resource (a role assignment on a registry) sits under its scope's own provider segment.
        var providers = -1;
        for (var i = segments.Length - 3; i >= 0 && providers < 0; i--)
            if (segments[i].Equals("providers", StringComparison.OrdinalIgnoreCase)) providers = i;
        var ns = providers < 0 ? "Microsoft.Resources" : CanonicalNamespace(segments[providers + 1]);
        var prefix = providers < 0 ? [] : segments[..providers];
        var rest = providers < 0 ? segments : segments[(providers + 2)..];

        var types = rest.Where((_, i) => i % 2 == 0).Select(CanonicalType).ToArray();
        var typePath = ns + "/" + string.Join('/', types);
        var instance = rest.Length % 2 == 0;
        if (instance && HttpMethods.IsGet(method) && OperationTypes.Contains(types[^1], StringComparer.OrdinalIgnoreCase))
            return new RequiredPermission("", "", rest[^1]);

        var full = "/" + string.Join('/', segments);
        var parent = rest.Length == 1 ? (prefix.Length == 0 ? "/" : "/" + string.Join('/', prefix)) : "/" + string.Join('/', segments[..^1]);
        var verb = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? "read"
            : HttpMethods.IsDelete(method) ? "delete"
            : HttpMethods.IsPost(method) ? "action"
            : "write";
        var required = instance ? new RequiredPermission($"{typePath}/{verb}", full) : new RequiredPermission($"{typePath}/{verb}", parent);

        var underSubscription = required.Scope.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase);
        return underSubscription || ns == "Microsoft.Authorization" ? required : null;
    }

    static OperationRecord? FindOperation(EmulatorState state, string name)
    {
        try
        {
            return LongRunning.Find(state, name);
        }
        catch (ArmException)
        {
            return null;
        }
    }

    static string CanonicalNamespace(string ns) =>
        Providers.Namespaces.FirstOrDefault(n => n.Equals(ns, StringComparison.OrdinalIgnoreCase)) ?? ns;

    static string CanonicalType(string type) =>
        CanonicalTypes.FirstOrDefault(t => t.Equals(type, StringComparison.OrdinalIgnoreCase)) ?? type;
}

using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ManagedIdentity;

/// <summary>
/// Microsoft.ManagedIdentity user-assigned identities: PUT (201 new, 200 updated: only tags change, the ids never do),
/// GET, DELETE (200, 204 when absent) and lists per resource group and subscription. Not long-running, as in Azure.
/// </summary>
static class UserAssignedIdentityEndpoints
{
    /// <summary>2022-01-31-preview: what the Azure CLI 2.45 sends for <c>az identity</c>.</summary>
    public static readonly string[] Versions =
        ["2015-08-31-preview", "2018-11-30", "2021-09-30-preview", "2022-01-31-preview", "2023-01-31", "2023-07-31-preview", "2024-11-30"];

    const string Identities = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities";
    const string Identity = Identities + "/{name}";

    public static void Map(WebApplication app, StateStore store, EmulatorSettings settings)
    {
        var versions = new ApiVersionPolicy(UserAssignedIdentities.Type, Versions);
        store.AddSettleStep(UserAssignedIdentities.RemoveOrphanedPrincipals);

        app.MapGet("/subscriptions/{sub}/providers/Microsoft.ManagedIdentity/userAssignedIdentities", (HttpContext ctx, string sub) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Read(state => ArmHttp.Page(ctx, state.Resources.Values
                .Where(r => r.Type == UserAssignedIdentities.Type)
                .OrderBy(r => r.Id, StringComparer.OrdinalIgnoreCase)
                .Select(r => (System.Text.Json.Nodes.JsonNode)UserAssignedIdentities.Render(r)), settings.PageSize));
        }).WithMetadata(versions);

        app.MapGet(Identities, (HttpContext ctx, string sub, string rg) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Read(state =>
            {
                var group = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
                return ArmHttp.Page(ctx, state.ChildrenOf(group.Id, UserAssignedIdentities.Type)
                    .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                    .Select(r => (System.Text.Json.Nodes.JsonNode)UserAssignedIdentities.Render(r)), settings.PageSize);
            });
        }).WithMetadata(versions);

        app.MapGet(Identity, (string sub, string rg, string name) =>
            store.Read(state => ArmHttp.Json(UserAssignedIdentities.Render(Require(store, state, sub, rg, name)))))
            .WithMetadata(versions);

        app.MapPut(Identity, async (HttpContext ctx, string sub, string rg, string name) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            UserAssignedIdentities.ValidateName(name);
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var region = UserAssignedIdentities.RequireRegion(ArmHttp.ReadString(body, "location"));
            var tags = ArmHttp.ReadTags(body);
            return store.Write(state =>
            {
                var group = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
                var id = $"{group.Id}/providers/{UserAssignedIdentities.Namespace}/userAssignedIdentities/{name}";
                if (UserAssignedIdentities.Find(state, id) is { } existing)
                {
                    if (existing.Location != region.Name)
                        throw ArmException.BadRequest("InvalidResourceLocation",
                            $"The resource '{existing.Name}' already exists in location '{existing.Location}' in resource group " +
                            $"'{group.Name}'. A resource with the same name cannot be created in location '{region.Name}'. " +
                            "Please select a new resource name.");
                    if (tags is not null) existing.Tags = tags;
                    existing.ModifiedAt = store.Now;
                    return ArmHttp.Json(UserAssignedIdentities.Render(existing));
                }
                var created = UserAssignedIdentities.Create(state, id, name, region.Name, tags ?? new(), store.Now,
                    ArmCoreEndpoints.Caller(ctx).AppId);
                return ArmHttp.Json(UserAssignedIdentities.Render(created), 201);
            });
        }).WithMetadata(versions);

        app.MapDelete(Identity, (string sub, string rg, string name) =>
        {
            ArmCoreEndpoints.RequireSubscription(store, sub);
            return store.Write(state =>
            {
                var group = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
                var id = $"{group.Id}/providers/{UserAssignedIdentities.Namespace}/userAssignedIdentities/{name}";
                if (UserAssignedIdentities.Find(state, id) is not { } existing) return Results.StatusCode(204);
                state.Resources.Remove(existing.Id);
                UserAssignedIdentities.RemoveOrphanedPrincipals(state, store.Now);
                return Results.StatusCode(200);
            });
        }).WithMetadata(versions);
    }

    static ResourceRecord Require(StateStore store, EmulatorState state, string sub, string rg, string name)
    {
        ArmCoreEndpoints.RequireSubscription(store, sub);
        var group = ArmCoreEndpoints.RequireResourceGroup(state, sub, rg);
        return UserAssignedIdentities.Find(state, $"{group.Id}/providers/{UserAssignedIdentities.Namespace}/userAssignedIdentities/{name}")
               ?? throw ArmException.NotFound(UserAssignedIdentities.Type, name, group.Name);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.Admin;

/// <summary>
/// The admin API under <c>/_emulator</c> (a path no Azure API uses), for tests, benchmarks and curious users:
/// the request log, the timings, fault rules and an inventory of what the emulator holds. It needs no token, so it
/// answers only clients on this machine that name it by a loopback address (<see cref="AdminAccess"/>).
/// </summary>
static class AdminEndpoints
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Map(WebApplication app, StateStore store, EmulatorSettings settings, RequestLog requests, PullLog pulls,
        FaultRules faults)
    {
        var admin = app.MapGroup(AzureEmulator.AdminPath);
        admin.AddEndpointFilter(async (filter, next) =>
            AdminAccess.IsAllowed(filter.HttpContext.Connection.RemoteIpAddress, filter.HttpContext.Request.Host.Host)
                ? await next(filter)
                : ArmHttp.Json(ArmHttp.Error("AdminLoopbackOnly",
                    "The emulator's admin API answers only on this machine, at https://127.0.0.1 or https://localhost."), 403));

        admin.MapGet("", (HttpContext ctx) => ArmHttp.Json(new JsonObject
        {
            ["baseUrl"] = ArmHttp.BaseUrl(ctx),
            ["tenantId"] = store.Identity.TenantId,
            ["subscriptionId"] = store.Identity.SubscriptionId,
            ["clientId"] = store.Identity.ClientId,
            ["endpoints"] = new JsonArray(
                "GET|DELETE /_emulator/requests", "GET|DELETE /_emulator/pulls", "GET|PATCH /_emulator/settings",
                "GET|POST|DELETE /_emulator/faults", "DELETE /_emulator/faults/{id}", "GET /_emulator/inventory",
                "GET|POST /_emulator/subscriptions"),
        }));

        // More subscriptions in the tenant, each with the emulator's principals as Owners: fleets that span several.
        admin.MapGet("/subscriptions", () => Results.Json(store.Read(state => state.Subscriptions.ToList()), Json));
        admin.MapPost("/subscriptions", async (HttpContext ctx) =>
        {
            SubscriptionBody? body = null;
            if (ctx.Request.ContentLength is > 0)
            {
                try
                {
                    body = await ctx.Request.ReadFromJsonAsync<SubscriptionBody>(Json);
                }
                catch (JsonException e)
                {
                    return ArmHttp.Json(ArmHttp.Error("InvalidSubscription", e.Message), 400);
                }
            }
            return Results.Json(store.AddSubscription(body?.DisplayName), Json, statusCode: 201);
        });

        admin.MapGet("/requests", () => Results.Json(requests.Snapshot(), Json));
        admin.MapDelete("/requests", () =>
        {
            requests.Clear();
            return Results.NoContent();
        });

        admin.MapGet("/inventory", () => store.Read(state => ArmHttp.Json(Inventory.Of(state, store.Now))));

        admin.MapGet("/pulls", () => Results.Json(pulls.Snapshot(), Json));
        admin.MapDelete("/pulls", () =>
        {
            pulls.Clear();
            return Results.NoContent();
        });

        admin.MapGet("/settings", () => Results.Json(SettingsBody.From(settings), Json));
        admin.MapMethods("/settings", ["PATCH", "PUT"], async (HttpContext ctx) =>
        {
            SettingsBody? change;
            try
            {
                change = await ctx.Request.ReadFromJsonAsync<SettingsBody>(Json);
            }
            catch (JsonException e)
            {
                // A malformed body is the caller's mistake: 400, as for fault rules, never a 500.
                return ArmHttp.Json(ArmHttp.Error("InvalidSetting", e.Message), 400);
            }
            if (change is null) return ArmHttp.Json(ArmHttp.Error("InvalidSetting", "A settings object was expected."), 400);
            var problem = change.Apply(settings);
            return problem is null
                ? Results.Json(SettingsBody.From(settings), Json)
                : ArmHttp.Json(ArmHttp.Error("InvalidSetting", problem), 400);
        });

        admin.MapGet("/faults", () => Results.Json(faults.Snapshot(), Json));
        admin.MapPost("/faults", async (HttpContext ctx) =>
        {
            FaultRule? rule;
            try
            {
                rule = await ctx.Request.ReadFromJsonAsync<FaultRule>(Json);
            }
            catch (JsonException e)
            {
                return ArmHttp.Json(ArmHttp.Error("InvalidFaultRule", e.Message), 400);
            }
            if (rule is null) return ArmHttp.Json(ArmHttp.Error("InvalidFaultRule", "A fault rule object was expected."), 400);
            var problem = rule.Validate();
            if (problem is not null) return ArmHttp.Json(ArmHttp.Error("InvalidFaultRule", problem), 400);
            return Results.Json(faults.Add(rule), Json, statusCode: 201);
        });
        admin.MapDelete("/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        admin.MapDelete("/faults/{id}", (string id) => faults.Remove(id) ? Results.NoContent() : Results.NotFound());
    }

    sealed class SubscriptionBody
    {
        public string? DisplayName { get; set; }
    }

    /// <summary>The settings as JSON numbers of seconds; on PATCH, absent fields stay as they are.</summary>
    sealed class SettingsBody
    {
        public double? ProvisioningDelaySeconds { get; set; }
        public double? SyncDelaySeconds { get; set; }
        public int? RetryAfterSeconds { get; set; }
        public int? PageSize { get; set; }
        public double? TokenLifetimeSeconds { get; set; }
        public double? PrincipalReplicationDelaySeconds { get; set; }
        public double? RoleAssignmentPropagationDelaySeconds { get; set; }
        public double? ReplicaRecreateDelaySeconds { get; set; }
        public ThrottlingBody? Throttling { get; set; }
        public bool? ResourceGraphEnabled { get; set; }

        public static SettingsBody From(EmulatorSettings s) => new()
        {
            Throttling = ThrottlingBody.From(s.Throttling),
            ResourceGraphEnabled = s.ResourceGraphEnabled,
            ProvisioningDelaySeconds = s.ProvisioningDelay.TotalSeconds,
            SyncDelaySeconds = s.SyncDelay.TotalSeconds,
            RetryAfterSeconds = s.RetryAfterSeconds,
            PageSize = s.PageSize,
            TokenLifetimeSeconds = s.TokenLifetime.TotalSeconds,
            PrincipalReplicationDelaySeconds = s.PrincipalReplicationDelay.TotalSeconds,
            RoleAssignmentPropagationDelaySeconds = s.RoleAssignmentPropagationDelay.TotalSeconds,
            ReplicaRecreateDelaySeconds = s.ReplicaRecreateDelay.TotalSeconds,
        };

        public string? Apply(EmulatorSettings s)
        {
            if (ProvisioningDelaySeconds < 0 || SyncDelaySeconds < 0 || RetryAfterSeconds < 0 || PrincipalReplicationDelaySeconds < 0
                || RoleAssignmentPropagationDelaySeconds < 0 || ReplicaRecreateDelaySeconds < 0)
                return "Delays must not be negative.";
            if (PageSize < 1) return "pageSize must be at least 1.";
            if (TokenLifetimeSeconds < 1) return "tokenLifetimeSeconds must be at least 1.";
            if (Throttling?.Problem() is { } throttlingProblem) return throttlingProblem;
            if (ProvisioningDelaySeconds is { } p) s.ProvisioningDelay = TimeSpan.FromSeconds(p);
            if (SyncDelaySeconds is { } y) s.SyncDelay = TimeSpan.FromSeconds(y);
            if (RetryAfterSeconds is { } r) s.RetryAfterSeconds = r;
            if (PageSize is { } n) s.PageSize = n;
            if (TokenLifetimeSeconds is { } t) s.TokenLifetime = TimeSpan.FromSeconds(t);
            if (PrincipalReplicationDelaySeconds is { } d) s.PrincipalReplicationDelay = TimeSpan.FromSeconds(d);
            if (RoleAssignmentPropagationDelaySeconds is { } a) s.RoleAssignmentPropagationDelay = TimeSpan.FromSeconds(a);
            if (ReplicaRecreateDelaySeconds is { } w) s.ReplicaRecreateDelay = TimeSpan.FromSeconds(w);
            Throttling?.Apply(s.Throttling);
            if (ResourceGraphEnabled is { } graph) s.ResourceGraphEnabled = graph;
            return null;
        }
    }

    /// <summary>
    /// ARM throttling: <c>{"enabled":true,"reads":{"size":250,"refillPerSecond":25},"writes":{...},"deletes":{...},
    /// "globalMultiplier":15}</c>; absent fields stay as they are.
    /// </summary>
    sealed class ThrottlingBody
    {
        public bool? Enabled { get; set; }
        public TokenBucketLimit? Reads { get; set; }
        public TokenBucketLimit? Writes { get; set; }
        public TokenBucketLimit? Deletes { get; set; }
        public int? GlobalMultiplier { get; set; }

        public static ThrottlingBody From(ThrottlingSettings t) => new()
        {
            Enabled = t.Enabled, Reads = t.Reads, Writes = t.Writes, Deletes = t.Deletes, GlobalMultiplier = t.GlobalMultiplier,
        };

        public string? Problem() =>
            new[] { Reads, Writes, Deletes }.Any(l => l is { Size: < 1 } or { RefillPerSecond: <= 0 })
                ? "A throttling bucket needs a size of at least 1 and a positive refillPerSecond."
                : GlobalMultiplier < 1 ? "globalMultiplier must be at least 1." : null;

        public void Apply(ThrottlingSettings t)
        {
            if (Enabled is { } enabled) t.Enabled = enabled;
            if (Reads is { } reads) t.Reads = reads;
            if (Writes is { } writes) t.Writes = writes;
            if (Deletes is { } deletes) t.Deletes = deletes;
            if (GlobalMultiplier is { } multiplier) t.GlobalMultiplier = multiplier;
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ContainerRegistry;

/// <summary>
/// Registry webhooks. A webhook's location makes it regional: it must be the home region or a replica's region,
/// and it hears events as they land in that region. The service URI and custom headers are write-only.
/// </summary>
static class WebhookEndpoints
{
    public const string WebhookType = RegistryEndpoints.RegistryType + "/webhooks";
    const string Webhooks = RegistryEndpoints.Registry + "/webhooks";
    const string Webhook = Webhooks + "/{webhook}";
    static readonly string[] Actions = ["push", "delete", "quarantine", "chart_push", "chart_delete"];

    public static void Map(WebApplication app, StateStore store, EmulatorSettings settings)
    {
        var versions = ApiVersions.ContainerRegistry("registries/webhooks");
        var delivery = new WebhookDelivery(store);

        app.MapGet(Webhooks, (HttpContext ctx, string sub, string rg, string registry) => store.Read(state =>
        {
            var parent = RegistryEndpoints.Require(store, state, sub, rg, registry);
            return ArmHttp.Page(ctx, state.ChildrenOf(parent.Id, WebhookType).OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase)
                .Select(w => (JsonNode)Render(w, store.Now)), settings.PageSize);
        })).WithMetadata(versions);

        app.MapGet(Webhook, (string sub, string rg, string registry, string webhook) =>
            store.Read(state => ArmHttp.Json(Render(Require(store, state, sub, rg, registry, webhook), store.Now)))).WithMetadata(versions);

        app.MapPut(Webhook, async (HttpContext ctx, string sub, string rg, string registry, string webhook) =>
        {
            if (!RegistryEndpoints.RegistryName().IsMatch(webhook))
                throw ArmException.BadRequest("InvalidResourceName",
                    $"Resource name '{webhook}' is invalid. Webhook names may contain only alpha numeric characters and must be between 5 and 50 characters.",
                    "webhookName");
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var location = ArmHttp.ReadString(body, "location");
            var tags = ArmHttp.ReadTags(body);
            var properties = ArmHttp.ReadObject(body, "properties")
                             ?? throw ArmException.BadRequest("InvalidParameter", "'properties' is required.", "properties");
            var serviceUri = ReadServiceUri(properties, required: true)!;
            var actions = ReadActions(properties) ?? throw ArmException.BadRequest("InvalidParameter",
                $"'actions' is required: one or more of {string.Join(", ", Actions)}.", "properties.actions");

            return store.Write(state =>
            {
                var parent = RegistryEndpoints.Require(store, state, sub, rg, registry);
                var region = Regions.RequireForContainerRegistry(location, WebhookType);
                var replicaRegions = ReplicationEndpoints.ReplicasOf(state, parent).Select(r => r.Location!).Prepend(parent.Location!).ToList();
                if (!replicaRegions.Contains(region.Name))
                    throw ArmException.BadRequest("WebhookLocationNotReplicated",
                        $"A webhook's location must be a region where registry '{parent.Name}' has a replication " +
                        $"({string.Join(", ", replicaRegions)}); '{region.Name}' is not one of them. Create the replication first.",
                        "location");
                var id = $"{parent.Id}/webhooks/{webhook}";
                var now = store.Now;
                var existing = state.Find(id);
                if (existing is not null && existing.Location != region.Name)
                    throw ArmException.BadRequest("InvalidResourceLocation",
                        $"The resource '{existing.Name}' already exists in location '{existing.Location}' in resource group " +
                        $"'{parent.ResourceGroup}'. A resource with the same name cannot be created in location '{region.Name}'. " +
                        "Please select a new resource name.");
                var record = existing ?? new ResourceRecord
                {
                    Id = id,
                    Type = WebhookType,
                    Name = webhook,
                    Location = region.Name,
                    CreatedAt = now,
                    CreatedBy = ArmCoreEndpoints.Caller(ctx).AppId,
                    Private = new JsonObject { ["events"] = new JsonArray() },
                };
                if (tags is not null || existing is null) record.Tags = tags ?? new();
                record.ModifiedAt = now;
                record.Private["serviceUri"] = serviceUri;
                record.Private["customHeaders"] = ArmHttp.ReadObject(properties, "customHeaders")?.DeepClone() ?? new JsonObject();
                record.Properties["actions"] = new JsonArray(actions.Select(a => (JsonNode)a).ToArray());
                record.Properties["status"] = ReadStatus(properties) ?? "enabled";
                record.Properties["scope"] = ArmHttp.ReadString(properties, "scope") ?? "";
                // ACR creates and updates a webhook at once: 200 with the webhook Succeeded, and no operation to poll.
                record.ProvisionedAt = now;
                state.Resources[id] = record;
                return ArmHttp.Json(Render(record, now));
            });
        }).WithMetadata(versions);

        app.MapPatch(Webhook, async (HttpContext ctx, string sub, string rg, string registry, string webhook) =>
        {
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var tags = ArmHttp.ReadTags(body);
            var properties = ArmHttp.ReadObject(body, "properties");
            var serviceUri = properties is null ? null : ReadServiceUri(properties, required: false);
            var actions = properties is null ? null : ReadActions(properties);
            return store.Write(state =>
            {
                var record = Require(store, state, sub, rg, registry, webhook);
                if (tags is not null) record.Tags = tags;
                if (serviceUri is not null) record.Private["serviceUri"] = serviceUri;
                if (actions is not null) record.Properties["actions"] = new JsonArray(actions.Select(a => (JsonNode)a).ToArray());
                if (properties is not null)
                {
                    if (ReadStatus(properties) is { } status) record.Properties["status"] = status;
                    if (ArmHttp.ReadString(properties, "scope") is { } scope) record.Properties["scope"] = scope;
                    if (ArmHttp.ReadObject(properties, "customHeaders") is { } headers) record.Private["customHeaders"] = headers.DeepClone();
                }
                record.ModifiedAt = store.Now;
                return ArmHttp.Json(Render(record, store.Now));
            });
        }).WithMetadata(versions);

        app.MapDelete(Webhook, (HttpContext ctx, string sub, string rg, string registry, string webhook) => store.Write(state =>
        {
            var parent = RegistryEndpoints.Require(store, state, sub, rg, registry);
            var record = state.Find($"{parent.Id}/webhooks/{webhook}");
            if (record is not { Type: WebhookType }) return Results.StatusCode(204);
            // Deleted at once, as ACR answers: 200 and no operation to poll.
            state.Resources.Remove(record.Id);
            return Results.StatusCode(200);
        })).WithMetadata(versions);

        app.MapPost(Webhook + "/ping", (string sub, string rg, string registry, string webhook) =>
        {
            var eventId = store.Write(state => delivery.Enqueue(Require(store, state, sub, rg, registry, webhook), "ping", null));
            return ArmHttp.Json(new JsonObject { ["id"] = eventId });
        }).WithMetadata(versions);

        // listEvents is a POST; its nextLink pages are read with GET, as the SDKs follow a pageable POST's next link.
        app.MapMethods(Webhook + "/listEvents", ["POST", "GET"], (HttpContext ctx, string sub, string rg, string registry, string webhook) =>
            store.Read(state =>
            {
                var record = Require(store, state, sub, rg, registry, webhook);
                var events = (record.Private["events"] as JsonArray ?? []).Reverse().Select(e => e!.DeepClone());
                return ArmHttp.Page(ctx, events, settings.PageSize);
            })).WithMetadata(versions);

        app.MapPost(Webhook + "/getCallbackConfig", (string sub, string rg, string registry, string webhook) => store.Read(state =>
        {
            var record = Require(store, state, sub, rg, registry, webhook);
            return ArmHttp.Json(new JsonObject
            {
                ["serviceUri"] = (string?)record.Private["serviceUri"],
                ["customHeaders"] = record.Private["customHeaders"]?.DeepClone(),
            });
        })).WithMetadata(versions);

        app.MapGet(Webhook + "/operationStatuses/{operation}", (HttpContext ctx, string operation) =>
            store.Read(state => LongRunning.RegistryStatus(ctx, LongRunning.Find(state, operation), store.Now, settings.RetryAfterSeconds)))
            .WithMetadata(versions);
    }

    static ResourceRecord Require(StateStore store, EmulatorState state, string sub, string rg, string registry, string webhook)
    {
        var parent = RegistryEndpoints.Require(store, state, sub, rg, registry);
        return state.Find($"{parent.Id}/webhooks/{webhook}") is { Type: WebhookType } found
            ? found
            : throw ArmException.NotFound(WebhookType, $"{parent.Name}/{webhook}", parent.ResourceGroup);
    }

    static string? ReadServiceUri(JsonObject properties, bool required)
    {
        var text = ArmHttp.ReadString(properties, "serviceUri");
        if (text is null)
            return required ? throw ArmException.BadRequest("InvalidParameter", "'serviceUri' is required.", "properties.serviceUri") : null;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? text
            : throw ArmException.BadRequest("InvalidParameter", $"'serviceUri' must be an absolute http or https URL; '{text}' is not.",
                "properties.serviceUri");
    }

    static List<string>? ReadActions(JsonObject properties)
    {
        if (!properties.TryGetPropertyValue("actions", out var node) || node is null) return null;
        var actions = (node as JsonArray ?? throw ArmException.InvalidRequestContent("'actions' must be an array."))
            .Select(a => a?.ToString() ?? "").ToList();
        var unknown = actions.FirstOrDefault(a => !Actions.Contains(a));
        if (actions.Count == 0 || unknown is not null)
            throw ArmException.BadRequest("InvalidParameter",
                $"'actions' must list one or more of {string.Join(", ", Actions)}{(unknown is null ? "" : $"; '{unknown}' is not one")}.",
                "properties.actions");
        return actions.Distinct().ToList();
    }

    static string? ReadStatus(JsonObject properties)
    {
        var status = ArmHttp.ReadString(properties, "status");
        return status is null or "enabled" or "disabled"
            ? status
            : throw ArmException.BadRequest("InvalidParameter", "'status' must be 'enabled' or 'disabled'.", "properties.status");
    }

    public static JsonObject Render(ResourceRecord webhook, DateTimeOffset now) => ArmHttp.Resource(webhook, new JsonObject
    {
        ["status"] = webhook.Properties["status"]?.DeepClone(),
        ["scope"] = webhook.Properties["scope"]?.DeepClone(),
        ["actions"] = webhook.Properties["actions"]?.DeepClone(),
        ["provisioningState"] = webhook.ProvisioningState(now),
    });
}

/// <summary>
/// Delivers webhook events: each is recorded in the webhook's event list and POSTed to its service URI when that
/// URI is on loopback (the emulator sends traffic nowhere else); the response is recorded as Azure does.
/// </summary>
sealed class WebhookDelivery(StateStore store)
{
    const int KeptEvents = 100;
    static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>
    /// Records the event and starts its delivery; call inside a state write. <paramref name="at"/> stamps an event for
    /// something that happened before the emulator noticed it (content that reached a replica while no request came).
    /// </summary>
    public string Enqueue(ResourceRecord webhook, string action, JsonObject? target, DateTimeOffset? at = null)
    {
        var id = Guid.NewGuid().ToString();
        var now = at ?? store.Now;
        var content = new JsonObject
        {
            ["id"] = id,
            ["timestamp"] = ArmHttp.Time(now),
            ["action"] = action,
            ["target"] = target,
            ["request"] = new JsonObject { ["host"] = $"{RegistryName(webhook.Id)}.azurecr.io", ["method"] = "POST" },
            ["location"] = webhook.Location,
        };
        var events = webhook.Private["events"] as JsonArray ?? [];
        webhook.Private["events"] = events;
        events.Add(new JsonObject
        {
            ["id"] = id,
            ["eventRequestMessage"] = new JsonObject { ["content"] = content.DeepClone(), ["method"] = "POST",
                ["requestUri"] = (string?)webhook.Private["serviceUri"] },
        });
        while (events.Count > KeptEvents) events.RemoveAt(0);

        if ((string?)webhook.Properties["status"] == "enabled"
            && Uri.TryCreate((string?)webhook.Private["serviceUri"], UriKind.Absolute, out var uri))
        {
            var headers = webhook.Private["customHeaders"] as JsonObject;
            _ = Task.Run(() => DeliverAsync(webhook.Id, id, uri, content.ToJsonString(),
                headers?.Select(h => (h.Key, h.Value?.ToString() ?? "")).ToList() ?? []));
        }
        return id;
    }

    async Task DeliverAsync(string webhookId, string eventId, Uri uri, string content, List<(string, string)> headers)
    {
        JsonObject response;
        if (!uri.IsLoopback)
            response = new JsonObject { ["statusCode"] = "0", ["reasonPhrase"] = "Not delivered: the emulator delivers only to loopback addresses." };
        else
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, uri)
                {
                    Content = new StringContent(content, System.Text.Encoding.UTF8, "application/vnd.docker.distribution.events.v1+json"),
                };
                foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
                using var answer = await Client.SendAsync(request);
                response = new JsonObject { ["statusCode"] = ((int)answer.StatusCode).ToString(), ["reasonPhrase"] = answer.ReasonPhrase };
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                response = new JsonObject { ["statusCode"] = "0", ["reasonPhrase"] = $"Not delivered: {e.Message}" };
            }
        store.Write(state =>
        {
            var events = state.Find(webhookId)?.Private["events"] as JsonArray;
            var recorded = events?.FirstOrDefault(e => (string?)e?["id"] == eventId) as JsonObject;
            if (recorded is not null) recorded["eventResponseMessage"] = response;
            return 0;
        });
    }

    static string RegistryName(string webhookId)
    {
        var parts = webhookId.Split('/');
        return parts[Array.FindIndex(parts, p => p.Equals("registries", StringComparison.OrdinalIgnoreCase)) + 1].ToLowerInvariant();
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Models;
using Azure.Core;

namespace AcrGeo.Operations;

/// <summary>What <see cref="WebhookOperations.CreateAsync"/> makes.</summary>
public sealed class WebhookRequest
{
    public string Name { get; init; } = "";
    /// <summary>Where events are POSTed. Write-only at the service: it is never read back or logged.</summary>
    public Uri? ServiceUri { get; init; }
    public IReadOnlyList<string> Actions { get; init; } = new[] { "push" };
    /// <summary>The region whose events the webhook hears; null means the registry's home region.</summary>
    public string? Location { get; init; }
    public string? Scope { get; init; }
    public bool Enabled { get; init; } = true;
    /// <summary>Headers sent with each event (often an authorization header): write-only too.</summary>
    public IDictionary<string, string>? Headers { get; init; }
    public IDictionary<string, string>? Tags { get; init; }
}

/// <summary>What <see cref="WebhookOperations.UpdateAsync"/> changes; null leaves a field as it is.</summary>
public sealed class WebhookUpdate
{
    /// <summary>Write-only at the service, as on create.</summary>
    public Uri? ServiceUri { get; init; }
    public IReadOnlyList<string>? Actions { get; init; }
    public bool? Enabled { get; init; }
    public string? Scope { get; init; }
    /// <summary>Replaces every custom header; write-only too.</summary>
    public IDictionary<string, string>? Headers { get; init; }
    public IDictionary<string, string>? Tags { get; init; }
}

/// <summary>Registry webhooks, regional ones included.</summary>
public sealed class WebhookOperations
{
    readonly AcrGeoConnection connection;

    public WebhookOperations(AcrGeoConnection connection) => this.connection = connection;

    static ArmPath Path(AcrRegistry registry, string webhook) => registry.Path.Child("webhooks", webhook);

    /// <summary>
    /// Creates or updates a webhook. A regional webhook's region must hold a replica; that is checked (one list)
    /// before the write.
    /// </summary>
    public async Task<AcrWebhook> CreateAsync(AcrRegistry registry, WebhookRequest request, OperationContext context)
    {
        NameRules.Webhook(request.Name);
        CheckServiceUri(request.ServiceUri, request.Name);
        CheckActions(request.Actions);
        var location = NameRules.Region(request.Location ?? registry.Location);
        if (location != NameRules.Region(registry.Location))
            RequireReplicated(registry, new[] { location },
                await new ReplicaOperations(connection).ListAsync(registry, context).ConfigureAwait(false));
        return await PutAsync(registry, request, request.Name, location, context).ConfigureAwait(false);
    }

    /// <summary>
    /// One regional webhook per region of a plan from <see cref="PlanRegionsAsync"/>, in parallel. URI and actions are checked
    /// before any write; one region's failure does not stop the others.
    /// </summary>
    public async Task<IReadOnlyList<Outcome<AcrWebhook>>> CreateInRegionsAsync(AcrRegistry registry, WebhookRequest request,
        IReadOnlyList<(string Name, string Location)> plan, OperationContext context)
    {
        CheckServiceUri(request.ServiceUri, request.Name);
        CheckActions(request.Actions);
        return await Fanout.RunAsync(plan, connection.Settings.MaxParallelOperations, async (item, _) =>
        {
            try
            {
                return new Outcome<AcrWebhook>(item.Name, await PutAsync(registry, request, item.Name, item.Location, context).ConfigureAwait(false), null);
            }
            catch (AcrGeoException e)
            {
                return new Outcome<AcrWebhook>(item.Name, null, e);
            }
        }, context.Cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// The regions and webhook names of a many-region create, checked with one replica list: every replica region
    /// (<c>*</c>) or the named ones, each webhook named <c>{name}{region}</c> so names stay unique; every region must hold a
    /// replica and every name must fit the 50-character rule.
    /// </summary>
    public async Task<IReadOnlyList<(string Name, string Location)>> PlanRegionsAsync(AcrRegistry registry, string name,
        IReadOnlyCollection<string> locations, OperationContext context)
    {
        NameRules.Webhook(name);
        var replicas = await new ReplicaOperations(connection).ListAsync(registry, context).ConfigureAwait(false);
        var regions = locations.Any(l => l == "*")
            ? replicas.Where(r => !r.IsDeleting).Select(r => NameRules.Region(r.Location)).ToList()
            : locations.Select(NameRules.Region).Distinct().ToList();
        RequireReplicated(registry, regions, replicas);
        var plan = regions.Select(region => (Name: name + region, Location: region)).ToList();
        foreach (var item in plan) NameRules.Webhook(item.Name);
        return plan;
    }

    static void RequireReplicated(AcrRegistry registry, IReadOnlyList<string> regions, IReadOnlyList<AcrReplica> replicas)
    {
        var missing = regions.Where(region => replicas.All(r => NameRules.Region(r.Location) != region)).ToList();
        if (missing.Count > 0)
            throw new AcrGeoException(ErrorIds.WebhookRegionNotReplicated, AcrErrorCategory.InvalidArgument,
                $"Registry '{registry.Name}' has no replica in {string.Join(", ", missing.Select(m => $"'{m}'"))}, so a webhook there would hear " +
                $"nothing. Replicas are in {string.Join(", ", replicas.Select(r => r.Location))}. Create the replica first (New-AcrReplica -Registry " +
                $"{registry.Name} -Location {missing[0]}).", missing[0]);
    }

    static void CheckServiceUri(Uri? uri, string webhook)
    {
        if (uri is null || !uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https"))
            throw new AcrGeoException(ErrorIds.InvalidWebhookUri, AcrErrorCategory.InvalidArgument,
                "The service URI must be an absolute http or https URL.", webhook);
    }

    static void CheckActions(IReadOnlyList<string> actions)
    {
        var unknown = actions.FirstOrDefault(a => !NameRules.WebhookActions.Contains(a));
        if (actions.Count == 0 || unknown is not null)
            throw new AcrGeoException(ErrorIds.InvalidWebhookAction, AcrErrorCategory.InvalidArgument,
                $"Webhook actions must be one or more of {string.Join(", ", NameRules.WebhookActions)}.", unknown);
    }

    async Task<AcrWebhook> PutAsync(AcrRegistry registry, WebhookRequest request, string name, string location, OperationContext context)
    {
        var properties = new JsonObject
        {
            ["serviceUri"] = request.ServiceUri!.AbsoluteUri,
            ["actions"] = new JsonArray(request.Actions.Select(a => (JsonNode)a).ToArray()),
            ["status"] = request.Enabled ? "enabled" : "disabled",
            ["scope"] = request.Scope ?? "",
        };
        if (request.Headers is not null) properties["customHeaders"] = ResourceIds.TagsJson(request.Headers);
        var body = new JsonObject { ["location"] = location, ["properties"] = properties };
        if (request.Tags is not null) body["tags"] = ResourceIds.TagsJson(request.Tags);

        var path = Path(registry, name);
        var reply = await connection.Rest.SendAsync(RequestMethod.Put, path, ApiVersions.ContainerRegistry, body, context).ConfigureAwait(false);
        var final = await LongRunning.CompleteAsync(connection.Rest, reply, RequestMethod.Put, path, ApiVersions.ContainerRegistry,
            connection.Settings.PollInterval, null, context, name).ConfigureAwait(false);
        return AcrWebhook.FromJson(final!, registry.Location);
    }

    /// <summary>
    /// Changes a webhook in place (ARM's PATCH): service URI, actions, status, scope, headers, tags. Its region cannot
    /// change. Checked before the request: the name, at least one change, the URI and the actions.
    /// </summary>
    public async Task<AcrWebhook> UpdateAsync(AcrRegistry registry, string name, WebhookUpdate update, OperationContext context)
    {
        NameRules.Webhook(name);
        var properties = new JsonObject();
        if (update.ServiceUri is not null)
        {
            CheckServiceUri(update.ServiceUri, name);
            properties["serviceUri"] = update.ServiceUri.AbsoluteUri;
        }
        if (update.Actions is not null)
        {
            CheckActions(update.Actions);
            properties["actions"] = new JsonArray(update.Actions.Select(a => (JsonNode)a).ToArray());
        }
        if (update.Enabled is { } enabled) properties["status"] = enabled ? "enabled" : "disabled";
        if (update.Scope is not null) properties["scope"] = update.Scope;
        if (update.Headers is not null) properties["customHeaders"] = ResourceIds.TagsJson(update.Headers);
        var body = new JsonObject();
        if (properties.Count > 0) body["properties"] = properties;
        if (update.Tags is not null) body["tags"] = ResourceIds.TagsJson(update.Tags);
        if (body.Count == 0)
            throw new AcrGeoException(ErrorIds.NothingToChange, AcrErrorCategory.InvalidArgument,
                $"Nothing to change on webhook '{name}': give -ServiceUri, -Action, -Status, -Scope, -Header or -Tag.", name);

        var path = Path(registry, name);
        var reply = await connection.Rest.SendAsync(RequestMethod.Patch, path, ApiVersions.ContainerRegistry, body, context).ConfigureAwait(false);
        if (reply.Status == 404) throw NotFound(registry, name);
        var final = await LongRunning.CompleteAsync(connection.Rest, reply, RequestMethod.Patch, path, ApiVersions.ContainerRegistry,
            connection.Settings.PollInterval, null, context, name).ConfigureAwait(false);
        return AcrWebhook.FromJson(final!, registry.Location);
    }

    /// <summary>
    /// Sends a ping event (POST ping) and waits, reading the event list each poll interval, until the receiver's answer is
    /// recorded or <paramref name="timeout"/> passes; returns the event either way (without an answer, ResponseStatusCode is null).
    /// </summary>
    public async Task<AcrWebhookEvent> PingAsync(AcrRegistry registry, string name, TimeSpan timeout, OperationContext context)
    {
        NameRules.Webhook(name);
        NameRules.Timeout(timeout, "-TimeoutSeconds");
        var path = Path(registry, name);
        var reply = await connection.Rest.SendAsync(RequestMethod.Post, path.Child("ping"), ApiVersions.ContainerRegistry, null, context)
            .ConfigureAwait(false);
        if (reply.Status == 404) throw NotFound(registry, name);
        if (!reply.IsSuccess) throw reply.ToException(name);
        var id = (string?)reply.Body?["id"] ?? "";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var sent = (await ListEventsAsync(registry, name, context).ConfigureAwait(false)).FirstOrDefault(e => e.Id == id);
            if (sent?.ResponseStatusCode is not null || waited.Elapsed >= timeout)
                return sent ?? new AcrWebhookEvent { RegistryName = registry.Name, WebhookName = name, Id = id, Action = "ping" };
            var left = timeout - waited.Elapsed;
            var interval = connection.Settings.PollInterval;
            await Task.Delay(interval < left ? interval : left, context.Cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>The webhook's recent events, newest first (POST listEvents, then its nextLink pages).</summary>
    public async Task<IReadOnlyList<AcrWebhookEvent>> ListEventsAsync(AcrRegistry registry, string name, OperationContext context)
    {
        NameRules.Webhook(name);
        var reply = await connection.Rest.SendAsync(RequestMethod.Post, Path(registry, name).Child("listEvents"), ApiVersions.ContainerRegistry,
            null, context).ConfigureAwait(false);
        if (reply.Status == 404) throw NotFound(registry, name);
        var events = new List<AcrWebhookEvent>();
        while (true)
        {
            if (!reply.IsSuccess) throw reply.ToException(name);
            foreach (var item in (reply.Body?["value"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
                events.Add(Event(registry, name, item));
            if ((string?)reply.Body?["nextLink"] is not { Length: > 0 } next) return events;
            reply = await connection.Rest.SendAsync(RequestMethod.Get, ArmRest.ServiceUrl(next, name), null, context).ConfigureAwait(false);
        }
    }

    /// <summary>An event as the module shows it: never the request URI or headers, which hold the receiver's address and keys.</summary>
    static AcrWebhookEvent Event(AcrRegistry registry, string webhook, JsonObject item)
    {
        var content = item["eventRequestMessage"]?["content"];
        var response = item["eventResponseMessage"];
        return new AcrWebhookEvent
        {
            RegistryName = registry.Name,
            WebhookName = webhook,
            Id = (string?)item["id"] ?? "",
            Timestamp = DateTimeOffset.TryParse((string?)content?["timestamp"], out var at) ? at : null,
            Action = (string?)content?["action"] ?? "",
            Location = (string?)content?["location"],
            Repository = (string?)content?["target"]?["repository"],
            Tag = (string?)content?["target"]?["tag"],
            Digest = (string?)content?["target"]?["digest"],
            ResponseStatusCode = int.TryParse(response?["statusCode"]?.ToString(), out var status) ? status : null,
            ReasonPhrase = (string?)response?["reasonPhrase"],
        };
    }

    static AcrGeoException NotFound(AcrRegistry registry, string name) =>
        new(ErrorIds.WebhookNotFound, AcrErrorCategory.ObjectNotFound, $"Registry '{registry.Name}' has no webhook named '{name}'.", name);

    public async Task<IReadOnlyList<AcrWebhook>> ListAsync(AcrRegistry registry, OperationContext context)
    {
        var items = await connection.Rest.ListAsync(
            registry.Path.Child("webhooks"),
            ApiVersions.ContainerRegistry, context, registry).ConfigureAwait(false);
        return items.Select(i => AcrWebhook.FromJson(i, registry.Location)).OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Removes a webhook; one already gone counts as removed.</summary>
    public async Task RemoveAsync(AcrRegistry registry, string name, OperationContext context)
    {
        NameRules.Webhook(name);
        var path = Path(registry, name);
        var reply = await connection.Rest.SendAsync(RequestMethod.Delete, path, ApiVersions.ContainerRegistry, null, context).ConfigureAwait(false);
        await LongRunning.CompleteAsync(connection.Rest, reply, RequestMethod.Delete, path, ApiVersions.ContainerRegistry,
            connection.Settings.PollInterval, null, context, name).ConfigureAwait(false);
    }
}

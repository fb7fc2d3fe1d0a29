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
        if (request.ServiceUri is null || !request.ServiceUri.IsAbsoluteUri || request.ServiceUri.Scheme is not ("http" or "https"))
            throw new AcrGeoException(ErrorIds.InvalidWebhookUri, AcrErrorCategory.InvalidArgument,
                "The service URI must be an absolute http or https URL.", request.Name);
        var unknownAction = request.Actions.FirstOrDefault(a => !NameRules.WebhookActions.Contains(a));
        if (request.Actions.Count == 0 || unknownAction is not null)
            throw new AcrGeoException(ErrorIds.InvalidWebhookName, AcrErrorCategory.InvalidArgument,
                $"Webhook actions must be one or more of {string.Join(", ", NameRules.WebhookActions)}.", unknownAction);

        var location = NameRules.Region(request.Location ?? registry.Location);
        if (location != NameRules.Region(registry.Location))
        {
            var replicas = await new ReplicaOperations(connection).ListAsync(registry, context).ConfigureAwait(false);
            if (replicas.All(r => r.Location != location))
                throw new AcrGeoException(ErrorIds.WebhookRegionNotReplicated, AcrErrorCategory.InvalidArgument,
                    $"Registry '{registry.Name}' has no replica in '{location}', so a webhook there would hear nothing. Replicas are in " +
                    $"{string.Join(", ", replicas.Select(r => r.Location))}. Create the replica first (New-AcrReplica -Registry " +
                    $"{registry.Name} -Location {location}).", location);
        }

        var properties = new JsonObject
        {
            ["serviceUri"] = request.ServiceUri.AbsoluteUri,
            ["actions"] = new JsonArray(request.Actions.Select(a => (JsonNode)a).ToArray()),
            ["status"] = request.Enabled ? "enabled" : "disabled",
            ["scope"] = request.Scope ?? "",
        };
        if (request.Headers is not null) properties["customHeaders"] = ResourceIds.TagsJson(request.Headers);
        var body = new JsonObject { ["location"] = location, ["properties"] = properties };
        if (request.Tags is not null) body["tags"] = ResourceIds.TagsJson(request.Tags);

        var path = Path(registry, request.Name);
        var reply = await connection.Rest.SendAsync(RequestMethod.Put, path, ApiVersions.ContainerRegistry, body, context).ConfigureAwait(false);
        var final = await LongRunning.CompleteAsync(connection.Rest, reply, RequestMethod.Put, path, ApiVersions.ContainerRegistry,
            connection.Settings.PollInterval, null, context, request.Name).ConfigureAwait(false);
        return AcrWebhook.FromJson(final!, registry.Location);
    }

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

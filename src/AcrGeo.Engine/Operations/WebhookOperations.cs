using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Arm;
using AcrGeo.Connection;
using AcrGeo.Input;
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
    /// Creates or updates a webhook. Every value is checked first, and a regional webhook's region must hold a replica
    /// (one list), before the write.
    /// </summary>
    public async Task<AcrWebhook> CreateAsync(AcrRegistry registry, WebhookRequest request, OperationContext context)
    {
        InputRules.WebhookName(request.Name);
        var serviceUri = InputRules.WebhookServiceUri(request.ServiceUri);
        InputRules.WebhookActionList(request.Actions);
        InputRules.WebhookScope(request.Scope);
        InputRules.WebhookHeaders(request.Headers);
        InputRules.Tags(request.Tags);
        var location = request.Location is null ? InputRules.NormalizeRegion(registry.Location) : InputRules.RegionName(request.Location);

        if (location != InputRules.NormalizeRegion(registry.Location))
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
            ["serviceUri"] = serviceUri.AbsoluteUri,
            ["actions"] = new JsonArray(request.Actions.Select(a => (JsonNode)a).ToArray()),
            ["status"] = request.Enabled ? "enabled" : "disabled",
            ["scope"] = request.Scope ?? "",
        };
        if (request.Headers is not null) properties["customHeaders"] = ResourceIds.TagsJson(request.Headers);
        var body = new JsonObject { ["location"] = location, ["properties"] = properties };
        if (request.Tags is not null) body["tags"] = ResourceIds.TagsJson(request.Tags);

        return await ChangeJournal.RunAsync(context, "Run the same New-AcrWebhook command again to finish; it updates the webhook in place.",
            async journal =>
            {
                var what = $"webhook '{request.Name}' of '{registry.Name}'";
                journal.Sent(what);
                var final = await LongRunning.RunAsync(connection.Rest, RequestMethod.Put, Path(registry, request.Name), ApiVersions.ContainerRegistry,
                    body, connection.Settings.PollInterval, null, context, request.Name).ConfigureAwait(false);
                journal.Done($"created {what}", what);
                return AcrWebhook.FromJson(final!, registry.Location);
            }).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AcrWebhook>> ListAsync(AcrRegistry registry, OperationContext context)
    {
        var items = await connection.Rest.ListAsync(
            registry.Path.Child("webhooks"),
            ApiVersions.ContainerRegistry, context, registry).ConfigureAwait(false);
        return items.Select(i => AcrWebhook.FromJson(i, registry.Location)).OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// Removes a webhook. It must exist (a read tells, before the delete): a name with none gets WebhookNotFound, as
    /// Remove-Item does for a missing path.
    /// </summary>
    public async Task RemoveAsync(AcrRegistry registry, string name, OperationContext context)
    {
        InputRules.WebhookName(name);
        var path = Path(registry, name);
        var existing = await connection.Rest.SendAsync(RequestMethod.Get, path, ApiVersions.ContainerRegistry, null, context).ConfigureAwait(false);
        if (existing.Status == 404)
            throw new AcrGeoException(ErrorIds.WebhookNotFound, AcrErrorCategory.ObjectNotFound,
                $"Registry '{registry.Name}' has no webhook named '{name}'. Get-AcrWebhook -Registry {registry.Name} lists its webhooks.", name);
        if (!existing.IsSuccess) throw existing.ToException(name);
        await ChangeJournal.RunAsync(context, $"Run the same Remove-AcrWebhook command again to finish.", async journal =>
        {
            var what = $"the removal of webhook '{name}' of '{registry.Name}'";
            journal.Sent(what);
            await LongRunning.RunAsync(connection.Rest, RequestMethod.Delete, path, ApiVersions.ContainerRegistry, null,
                connection.Settings.PollInterval, null, context, name).ConfigureAwait(false);
            journal.Done($"removed webhook '{name}' of '{registry.Name}'", what);
        }).ConfigureAwait(false);
    }
}

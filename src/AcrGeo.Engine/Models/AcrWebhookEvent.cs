using System;

namespace AcrGeo.Models;

/// <summary>
/// One event a webhook sent (a push, a delete, a ping) and how its receiver answered. The request URI and headers
/// are left out on purpose: they hold the receiver's address and often a key.
/// </summary>
public sealed class AcrWebhookEvent
{
    public string RegistryName { get; init; } = "";
    public string WebhookName { get; init; } = "";
    public string Id { get; init; } = "";
    public DateTimeOffset? Timestamp { get; init; }
    /// <summary>push, delete, quarantine, chart_push, chart_delete or ping.</summary>
    public string Action { get; init; } = "";
    /// <summary>The region the event was heard in (regional webhooks).</summary>
    public string? Location { get; init; }
    public string? Repository { get; init; }
    public string? Tag { get; init; }
    public string? Digest { get; init; }
    /// <summary>The receiver's HTTP status, or null while no answer is recorded (0: it could not be reached).</summary>
    public int? ResponseStatusCode { get; init; }
    public string? ReasonPhrase { get; init; }
    /// <summary>The receiver answered with a 2xx status.</summary>
    public bool Delivered => ResponseStatusCode is >= 200 and < 300;

    public override string ToString() => $"{WebhookName}: {Action} {Id}";
}

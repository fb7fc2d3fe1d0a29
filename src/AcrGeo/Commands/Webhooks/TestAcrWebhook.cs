using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Pings a webhook and returns the ping event with the receiver's answer (HTTP status), waiting for it up to -TimeoutSeconds.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "AcrWebhook", SupportsShouldProcess = true)]
[OutputType(typeof(AcrWebhookEvent))]
public sealed class TestAcrWebhookCommand : OneRegistryCmdlet
{
    /// <summary>The webhook; piped webhooks bind by their Name.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>How long to wait for the receiver's answer to be recorded.</summary>
    [Parameter]
    public int TimeoutSeconds { get; set; } = 30;

    protected override async Task ProcessRecordAsync()
    {
        var timeout = TimeSpan.FromSeconds(TimeoutSeconds);
        NameRules.Timeout(timeout, "-TimeoutSeconds");
        NameRules.Webhook(Name);
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        // A ping is an event the receiver acts on, so -WhatIf sends none.
        if (!Confirm($"{registry.Name}/{Name}", "Send a ping event")) return;
        var ping = await new WebhookOperations(Connection).PingAsync(registry, Name, timeout, Context).ConfigureAwait(false);
        if (ping.ResponseStatusCode is null) Warn($"No answer from the receiver of webhook '{Name}' was recorded within {TimeoutSeconds} s.");
        Emit(ping);
    }
}

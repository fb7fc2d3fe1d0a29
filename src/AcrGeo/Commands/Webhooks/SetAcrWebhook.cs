using System;
using System.Collections;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Changes a webhook in place: its actions, status, scope, service URI, custom headers or tags.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "AcrWebhook", SupportsShouldProcess = true)]
[OutputType(typeof(AcrWebhook))]
public sealed class SetAcrWebhookCommand : OneRegistryCmdlet
{
    /// <summary>The webhook; piped webhooks bind by their Name.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>Where events go from now on. Write-only at the service: never shown back.</summary>
    [Parameter]
    public Uri? ServiceUri { get; set; }

    [Parameter]
    [ValidateSet("push", "delete", "quarantine", "chart_push", "chart_delete")]
    public string[]? Action { get; set; }

    [Parameter]
    [ValidateSet("Enabled", "Disabled")]
    public string? Status { get; set; }

    /// <summary>Repositories and tags the webhook is limited to, e.g. "web:*"; "" for all.</summary>
    [Parameter]
    [AllowEmptyString]
    public string? Scope { get; set; }

    /// <summary>Replaces the headers sent with each event; write-only at the service.</summary>
    [Parameter]
    public Hashtable? Header { get; set; }

    [Parameter]
    public Hashtable? Tag { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var update = new WebhookUpdate
        {
            ServiceUri = ServiceUri,
            Actions = Action,
            Enabled = Status is null ? null : Status.Equals("Enabled", StringComparison.OrdinalIgnoreCase),
            Scope = Scope,
            Headers = ToDictionary(Header),
            Tags = ToDictionary(Tag),
        };
        NameRules.Webhook(Name);
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        if (!Confirm($"{registry.Name}/{Name}", "Update webhook")) return;
        var webhook = await new WebhookOperations(Connection).UpdateAsync(registry, Name, update, Context).ConfigureAwait(false);
        if (PassThru) Emit(webhook);
    }
}

using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Lists a webhook's recent events, newest first, each with the receiver's answer (never the URI or headers).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrWebhookEvent")]
[OutputType(typeof(AcrWebhookEvent))]
public sealed class GetAcrWebhookEventCommand : OneRegistryCmdlet
{
    /// <summary>The webhook; piped webhooks bind by their Name.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    protected override async Task ProcessRecordAsync()
    {
        NameRules.Webhook(Name);
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        foreach (var item in await new WebhookOperations(Connection).ListEventsAsync(registry, Name, Context).ConfigureAwait(false)) Emit(item);
    }
}

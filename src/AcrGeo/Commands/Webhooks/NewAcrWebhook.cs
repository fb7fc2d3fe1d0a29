using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Creates or updates a registry webhook; with -Location in a replica's region it is a regional webhook.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "AcrWebhook", SupportsShouldProcess = true)]
[OutputType(typeof(AcrWebhook))]
public sealed class NewAcrWebhookCommand : OneRegistryCmdlet
{
    [Parameter(Mandatory = true, Position = 1)]
    [ValidatePattern(NameRules.ResourceNamePattern)]
    public string Name { get; set; } = "";

    /// <summary>Where events are POSTed. It may hold a key, so it is never written to output or verbose text.</summary>
    [Parameter(Mandatory = true)]
    public Uri ServiceUri { get; set; } = null!;

    [Parameter]
    [ValidateSet("push", "delete", "quarantine", "chart_push", "chart_delete")]
    public string[] Action { get; set; } = { "push" };

    /// <summary>
    /// The region whose events the webhook hears (a replica's region); the home region when left out. Several regions, or
    /// *, make one regional webhook in each (every replica region for *), named {Name}{region}.
    /// </summary>
    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string[]? Location { get; set; }

    /// <summary>Repositories and tags the webhook is limited to, e.g. "hello-world:*".</summary>
    [Parameter]
    public string? Scope { get; set; }

    [Parameter]
    public SwitchParameter Disabled { get; set; }

    /// <summary>Headers sent with each event, e.g. @{ Authorization = "Bearer ..." }; write-only at the service.</summary>
    [Parameter]
    public Hashtable? Header { get; set; }

    [Parameter]
    public Hashtable? Tag { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        var webhooks = new WebhookOperations(Connection);
        var request = new WebhookRequest
        {
            Name = Name,
            ServiceUri = ServiceUri,
            Actions = Action,
            Location = Location is { Length: 1 } one && one[0] != "*" ? one[0] : null,
            Scope = Scope,
            Enabled = !Disabled,
            Headers = ToDictionary(Header),
            Tags = ToDictionary(Tag),
        };
        if (Location is not { Length: > 1 } && !(Location is { Length: 1 } && Location[0] == "*"))
        {
            if (!Confirm($"{registry.Name}/{Name}", $"Create webhook for {string.Join(", ", Action)} in {request.Location ?? registry.Location}")) return;
            Emit(await webhooks.CreateAsync(registry, request, Context).ConfigureAwait(false));
            return;
        }
        // Every region is checked (one replica list) before the first question, so -WhatIf shows names that would work.
        var plan = await webhooks.PlanRegionsAsync(registry, Name, Location!, Context).ConfigureAwait(false);
        var confirmed = plan.Where(item => Confirm($"{registry.Name}/{item.Name}", $"Create webhook for {string.Join(", ", Action)} in {item.Location}"))
            .ToList();
        if (confirmed.Count == 0) return;
        foreach (var outcome in await webhooks.CreateInRegionsAsync(registry, request, confirmed, Context).ConfigureAwait(false))
        {
            if (outcome.Succeeded) Emit(outcome.Value!);
            else EmitError(outcome.Error!);
        }
    }
}

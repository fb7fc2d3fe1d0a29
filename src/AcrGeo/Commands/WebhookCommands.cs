using System;
using System.Collections;
using System.Collections.Generic;
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

    /// <summary>The region whose events the webhook hears (a replica's region); the home region when left out.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Location { get; set; }

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
        if (!Confirm($"{registry.Name}/{Name}", $"Create webhook for {string.Join(", ", Action)} in {Location ?? registry.Location}")) return;
        Emit(await new WebhookOperations(Connection).CreateAsync(registry, new WebhookRequest
        {
            Name = Name,
            ServiceUri = ServiceUri,
            Actions = Action,
            Location = Location,
            Scope = Scope,
            Enabled = !Disabled,
            Headers = ToDictionary(Header),
            Tags = ToDictionary(Tag),
        }, Context).ConfigureAwait(false));
    }
}

/// <summary>
/// <para type="synopsis">Lists a registry's webhooks, regional ones marked.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrWebhook")]
[OutputType(typeof(AcrWebhook))]
public sealed class GetAcrWebhookCommand : OneRegistryCmdlet
{
    [Parameter(Position = 1)]
    [SupportsWildcards]
    public string? Name { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        var pattern = new WildcardPattern(Name ?? "*", WildcardOptions.IgnoreCase);
        var matches = (await new WebhookOperations(Connection).ListAsync(registry, Context).ConfigureAwait(false))
            .Where(w => pattern.IsMatch(w.Name)).ToList();
        if (matches.Count == 0 && Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name))
            EmitError(new AcrGeoException(ErrorIds.WebhookNotFound, AcrErrorCategory.ObjectNotFound,
                $"Registry '{registry.Name}' has no webhook named '{Name}'.", Name));
        foreach (var webhook in matches) Emit(webhook);
    }
}

/// <summary>
/// <para type="synopsis">Removes registry webhooks.</para>
/// </summary>
// The object set is the default, so piped webhooks bind as objects rather than prompting for -Name.
[Cmdlet(VerbsCommon.Remove, "AcrWebhook", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAcrWebhookCommand : RegistryCmdlet
{
    const string ByNameSet = "ByName";
    const string ByObjectSet = "ByObject";

    [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RegistryName")]
    [ValidatePattern(NameRules.ResourceNamePattern)]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string Registry { get; set; } = "";

    [Parameter(ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
    public string? ResourceGroupName { get; set; }

    [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 1)]
    [ValidatePattern(NameRules.ResourceNamePattern)]
    public string Name { get; set; } = "";

    [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, ValueFromPipeline = true)]
    public AcrWebhook[] InputObject { get; set; } = Array.Empty<AcrWebhook>();

    protected override async Task ProcessRecordAsync()
    {
        var targets = ParameterSetName == ByObjectSet
            ? InputObject.Select(w => (w.RegistryName, (string?)w.ResourceGroupName, w.Name)).ToList()
            : new List<(string, string?, string)> { (Registry, ResourceGroupName, Name) };
        foreach (var (registryName, group, webhook) in targets)
        {
            if (!Confirm($"{registryName}/{webhook}", "Remove webhook")) continue;
            var registry = await ResolveRegistryAsync(registryName, group).ConfigureAwait(false);
            await new WebhookOperations(Connection).RemoveAsync(registry, webhook, Context).ConfigureAwait(false);
        }
    }
}

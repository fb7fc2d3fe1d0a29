using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Input;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

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
        if (Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name)) InputRules.WebhookName(Name);
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

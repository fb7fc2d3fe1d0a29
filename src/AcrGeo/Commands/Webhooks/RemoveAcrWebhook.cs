using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

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
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string Registry { get; set; } = "";

    [Parameter(ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
    public string? ResourceGroupName { get; set; }

    [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 1)]
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
            // Each webhook on its own: a missing one is an error for that webhook, as Remove-Item gives, and the others go on.
            await NonTerminatingAsync(() => new WebhookOperations(Connection).RemoveAsync(registry, webhook, Context)).ConfigureAwait(false);
        }
    }
}

using System.Collections;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Changes a registry's SKU, admin user or tags. A downgrade below Premium is refused while replicas exist.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "AcrRegistry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AcrRegistry))]
// -Registry, not -Name: piped replicas and webhooks carry their own Name, and PowerShell binds a parameter's name
// before its aliases; RegistryName is on every object that belongs to a registry.
public sealed class SetAcrRegistryCommand : OneRegistryCmdlet
{
    [Parameter]
    [ValidateSet("Basic", "Standard", "Premium")]
    public string? Sku { get; set; }

    [Parameter]
    public bool? AdminUserEnabled { get; set; }

    [Parameter]
    public Hashtable? Tag { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        var change = Sku is not null && Sku != registry.Sku ? $"Change SKU from {registry.Sku} to {Sku}" : "Update registry";
        if (!Confirm(registry.Name, change)) return;
        Emit(await new RegistryOperations(Connection).UpdateAsync(registry, new RegistryUpdate
        {
            Sku = Sku,
            AdminUserEnabled = AdminUserEnabled,
            Tags = ToDictionary(Tag),
        }, Context).ConfigureAwait(false));
    }
}

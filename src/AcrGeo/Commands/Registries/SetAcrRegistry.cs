using System.Collections;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Changes a registry's SKU, admin user, tags, regional endpoints or data endpoints. A downgrade below Premium is refused while replicas exist.</para>
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

    /// <summary>Premium only: Enabled gives each region its endpoint {registry}.{region}.geo.azurecr.io.</summary>
    [Parameter]
    [ValidateSet("Enabled", "Disabled")]
    public string? RegionalEndpoints { get; set; }

    /// <summary>Premium only: a dedicated data endpoint per region ({registry}.{region}.data.azurecr.io) instead of storage wildcards.</summary>
    [Parameter]
    public bool? DataEndpointEnabled { get; set; }

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
            RegionalEndpoints = RegionalEndpoints,
            DataEndpointEnabled = DataEndpointEnabled,
        }, Context).ConfigureAwait(false));
    }
}

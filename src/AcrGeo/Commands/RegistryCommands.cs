using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Gets container registries: one by name, by wildcard, in a resource group, or all.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrRegistry")]
[OutputType(typeof(AcrRegistry))]
public sealed class GetAcrRegistryCommand : RegistryCmdlet
{
    // Not bound from the pipeline: a replica's or webhook's Name would be taken for a registry's.
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string? Name { get; set; }

    [Parameter]
    public string? ResourceGroupName { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        if (Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name))
        {
            Emit(await ResolveRegistryAsync(Name, ResourceGroupName).ConfigureAwait(false));
            return;
        }
        var pattern = new WildcardPattern(Name ?? "*", WildcardOptions.IgnoreCase);
        var all = await new RegistryOperations(Connection).ListAsync(ResourceGroupName, Context).ConfigureAwait(false);
        foreach (var registry in all.Where(r => pattern.IsMatch(r.Name))) Emit(registry);
    }
}

/// <summary>
/// <para type="synopsis">Creates a container registry (Premium by default, as geo-replication needs); an existing one is returned unchanged.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "AcrRegistry", SupportsShouldProcess = true)]
[OutputType(typeof(AcrRegistry))]
public sealed class NewAcrRegistryCommand : RegistryCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidatePattern(NameRules.ResourceNamePattern)]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public string ResourceGroupName { get; set; } = "";

    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string Location { get; set; } = "";

    [Parameter]
    [ValidateSet("Basic", "Standard", "Premium")]
    public string Sku { get; set; } = "Premium";

    [Parameter]
    public SwitchParameter EnableAdminUser { get; set; }

    [Parameter]
    public SwitchParameter ZoneRedundant { get; set; }

    [Parameter]
    public Hashtable? Tag { get; set; }

    /// <summary>Create the resource group in -Location first if it does not exist.</summary>
    [Parameter]
    public SwitchParameter CreateResourceGroup { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        if (!Confirm(Name, $"Create {Sku} container registry in {Location} (resource group {ResourceGroupName})")) return;
        if (CreateResourceGroup)
            await new ResourceGroupOperations(Connection).EnsureAsync(ResourceGroupName, Location, Context).ConfigureAwait(false);
        Emit(await new RegistryOperations(Connection).CreateAsync(new RegistryRequest
        {
            Name = Name,
            ResourceGroupName = ResourceGroupName,
            Location = Location,
            Sku = Sku,
            AdminUserEnabled = EnableAdminUser,
            ZoneRedundant = ZoneRedundant,
            Tags = ToDictionary(Tag),
        }, Context).ConfigureAwait(false));
    }
}

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

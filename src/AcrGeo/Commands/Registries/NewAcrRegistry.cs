using System.Collections;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Creates a container registry (Premium by default, as geo-replication needs); an existing one is returned unchanged.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "AcrRegistry", SupportsShouldProcess = true)]
[OutputType(typeof(AcrRegistry))]
public sealed class NewAcrRegistryCommand : RegistryCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
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
        Emit(await new RegistryOperations(Connection).CreateAsync(new RegistryRequest
        {
            Name = Name,
            ResourceGroupName = ResourceGroupName,
            Location = Location,
            Sku = Sku,
            AdminUserEnabled = EnableAdminUser,
            ZoneRedundant = ZoneRedundant,
            Tags = ToDictionary(Tag),
            CreateResourceGroup = CreateResourceGroup,
        }, Context).ConfigureAwait(false));
    }
}

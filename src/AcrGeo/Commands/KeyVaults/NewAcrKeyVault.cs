using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Creates a key vault for registry credentials, and gives you the right to manage its secrets.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "AcrKeyVault", SupportsShouldProcess = true)]
[OutputType(typeof(AcrVault))]
public sealed class NewAcrKeyVaultCommand : RegistryCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public string ResourceGroupName { get; set; } = "";

    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string Location { get; set; } = "";

    /// <summary>Govern data access with access policies instead of Azure RBAC (the default for new vaults).</summary>
    [Parameter]
    public SwitchParameter UseAccessPolicy { get; set; }

    /// <summary>Do not give the signed-in identity the right to manage secrets in the new vault.</summary>
    [Parameter]
    public SwitchParameter SkipCallerAccess { get; set; }

    [Parameter]
    public SwitchParameter CreateResourceGroup { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        if (!Confirm(Name, $"Create key vault in {Location} (resource group {ResourceGroupName})")) return;
        Emit(await new VaultOperations(Connection).CreateAsync(new VaultRequest
        {
            Name = Name,
            ResourceGroupName = ResourceGroupName,
            Location = Location,
            RbacAuthorization = !UseAccessPolicy,
            GrantCallerSecretAccess = !SkipCallerAccess,
            CreateResourceGroup = CreateResourceGroup,
        }, Context).ConfigureAwait(false));
    }
}

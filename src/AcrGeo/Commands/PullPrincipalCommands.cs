using System;
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
    [ValidatePattern(VaultOperations.NamePattern)]
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
        if (CreateResourceGroup)
            await new ResourceGroupOperations(Connection).EnsureAsync(ResourceGroupName, Location, Context).ConfigureAwait(false);
        Emit(await new VaultOperations(Connection).CreateAsync(new VaultRequest
        {
            Name = Name,
            ResourceGroupName = ResourceGroupName,
            Location = Location,
            RbacAuthorization = !UseAccessPolicy,
            GrantCallerSecretAccess = !SkipCallerAccess,
        }, Context).ConfigureAwait(false));
    }
}

/// <summary>
/// <para type="synopsis">Creates a service principal that may pull from one registry, and stores its credentials in a key vault.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "AcrPullPrincipal", SupportsShouldProcess = true, DefaultParameterSetName = ExpiresInSet)]
[OutputType(typeof(AcrPullPrincipal))]
public sealed class NewAcrPullPrincipalCommand : PullCredentialCmdlet
{
    const string ExpiresInSet = "ExpiresIn";
    const string EndDateSet = "EndDate";

    /// <summary>How long the password lives (default one year, at most two).</summary>
    [Parameter(ParameterSetName = ExpiresInSet)]
    public TimeSpan? ExpiresIn { get; set; }

    [Parameter(ParameterSetName = EndDateSet, Mandatory = true)]
    public DateTime EndDate { get; set; }

    [Parameter]
    public string? DisplayName { get; set; }

    /// <summary>Give the signed-in identity the vault access it lacks (a Key Vault Secrets Officer role, or an access policy).</summary>
    [Parameter]
    public SwitchParameter GrantVaultAccess { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        if (!Confirm(registry.Name, $"Create a service principal with {Role} on the registry, its credentials stored in vault {VaultName}")) return;
        Emit(await new PullPrincipalOperations(Connection).CreateAsync(registry, VaultName, new PullPrincipalRequest
        {
            Role = Role,
            EndDate = EndDateOf(ParameterSetName == EndDateSet ? EndDate : null, ExpiresIn),
            DisplayName = DisplayName,
            GrantVaultAccess = GrantVaultAccess,
        }, Context).ConfigureAwait(false));
    }

    internal static DateTimeOffset? EndDateOf(DateTime? endDate, TimeSpan? expiresIn) =>
        endDate is { } end ? new DateTimeOffset(end.ToUniversalTime(), TimeSpan.Zero)
        : expiresIn is { } span ? DateTimeOffset.UtcNow + span
        : null;
}

/// <summary>
/// <para type="synopsis">Lists the principals that may pull from a registry with their expiry, or the one whose credentials a vault holds.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrPullPrincipal")]
[OutputType(typeof(AcrPullPrincipal))]
public sealed class GetAcrPullPrincipalCommand : OneRegistryCmdlet
{
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidatePattern(VaultOperations.NamePattern)]
    public string? VaultName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("AcrPull", "AcrPush")]
    public string Role { get; set; } = "AcrPull";

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        var principals = new PullPrincipalOperations(Connection);
        if (VaultName is not null)
        {
            Emit(await principals.GetAsync(registry, VaultName, Role, Context).ConfigureAwait(false));
            return;
        }
        foreach (var principal in await principals.ListAsync(registry, Context).ConfigureAwait(false))
        {
            if (principal.IsExpired) Warn($"The password of '{principal.DisplayName}' ({principal.AppId}) expired on {principal.ExpiresOn:u}.");
            Emit(principal);
        }
    }
}

/// <summary>
/// <para type="synopsis">Reads a registry's pull credentials from the key vault as a PSCredential.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrPullCredential")]
[OutputType(typeof(PSCredential))]
public sealed class GetAcrPullCredentialCommand : PullCredentialCmdlet
{
    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        var (user, password) = await new PullPrincipalOperations(Connection).GetCredentialAsync(registry, VaultName, Role, Context)
            .ConfigureAwait(false);
        Emit(new PSCredential(user, password));
    }
}

/// <summary>
/// <para type="synopsis">Gives a pull principal a new password before the old one expires: stored first, old one removed after.</para>
/// </summary>
[Cmdlet(VerbsCommon.Reset, "AcrPullPrincipalCredential", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = ExpiresInSet)]
[OutputType(typeof(AcrPullPrincipal))]
public sealed class ResetAcrPullPrincipalCredentialCommand : PullCredentialCmdlet
{
    const string ExpiresInSet = "ExpiresIn";
    const string EndDateSet = "EndDate";

    [Parameter(ParameterSetName = ExpiresInSet)]
    public TimeSpan? ExpiresIn { get; set; }

    [Parameter(ParameterSetName = EndDateSet, Mandatory = true)]
    public DateTime EndDate { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        if (!Confirm(registry.Name, $"Replace the {Role} password stored in vault {VaultName}")) return;
        Emit(await new PullPrincipalOperations(Connection).ResetCredentialAsync(registry, VaultName,
            NewAcrPullPrincipalCommand.EndDateOf(ParameterSetName == EndDateSet ? EndDate : null, ExpiresIn), Role, Context).ConfigureAwait(false));
    }
}

/// <summary>
/// <para type="synopsis">Removes a pull principal: its role assignment, service principal, application and both secrets.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "AcrPullPrincipal", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAcrPullPrincipalCommand : PullCredentialCmdlet
{
    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        if (!Confirm(registry.Name, $"Remove the {Role} principal and its credentials in vault {VaultName}")) return;
        await new PullPrincipalOperations(Connection).RemoveAsync(registry, VaultName, Role, Context).ConfigureAwait(false);
    }
}

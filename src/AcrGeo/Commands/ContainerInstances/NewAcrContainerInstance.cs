using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Deploys a container group from the registry, with a pull identity or a password, and returns it running, with its FQDN.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "AcrContainerInstance", SupportsShouldProcess = true, DefaultParameterSetName = VaultSet)]
[OutputType(typeof(AcrContainerInstance))]
public sealed class NewAcrContainerInstanceCommand : RegistryCmdlet
{
    const string CredentialSet = "Credential";
    const string VaultSet = "Vault";
    const string IdentitySet = "Identity";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RegistryName")]
    [ValidatePattern(NameRules.ResourceNamePattern)]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string Registry { get; set; } = "";

    /// <summary>The resource group of the container group (a piped pull principal brings its registry's).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public string ResourceGroupName { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    public string Name { get; set; } = "";

    /// <summary>repository:tag in the registry (e.g. aci-helloworld:v1) or a full image reference.</summary>
    [Parameter(Mandatory = true, Position = 2)]
    public string Image { get; set; } = "";

    /// <summary>The registry user name and password (e.g. from Get-AcrPullCredential).</summary>
    [Parameter(ParameterSetName = CredentialSet, Mandatory = true)]
    [Credential]
    public PSCredential Credential { get; set; } = PSCredential.Empty;

    /// <summary>
    /// The vault holding the registry's pull secrets; a piped New-AcrPullPrincipal object brings it. Leave it out (and
    /// -Credential) for an image that needs no credentials.
    /// </summary>
    [Parameter(ParameterSetName = VaultSet, ValueFromPipelineByPropertyName = true)]
    [ValidatePattern(VaultOperations.NamePattern)]
    public string? VaultName { get; set; }

    /// <summary>
    /// A user-assigned managed identity to pull with, no password: its resource id, or the object New-AcrPullIdentity returns
    /// (piped in). It is assigned to the group and named by the group's registry credential.
    /// </summary>
    [Parameter(ParameterSetName = IdentitySet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PullIdentityId")]
    public string PullIdentity { get; set; } = "";

    /// <summary>Default: the name and a random suffix.</summary>
    [Parameter]
    public string? DnsNameLabel { get; set; }

    [Parameter]
    [ValidateRange(1, 65535)]
    public int[] Port { get; set; } = { 80 };

    [Parameter]
    [ValidateRange(0.1, 4.0)]
    public double Cpu { get; set; } = 1;

    [Parameter]
    [ValidateRange(0.1, 16.0)]
    public double MemoryInGB { get; set; } = 1.5;

    [Parameter]
    public Hashtable? EnvironmentVariable { get; set; }

    /// <summary>Secret environment variables: names and SecureString values, never echoed by Azure.</summary>
    [Parameter]
    public Hashtable? SecureEnvironmentVariable { get; set; }

    [Parameter]
    [ValidateSet("Linux", "Windows")]
    public string OsType { get; set; } = "Linux";

    [Parameter]
    [ValidateSet("Always", "OnFailure", "Never")]
    public string RestartPolicy { get; set; } = "Always";

    /// <summary>Default: the registry replica nearest the resource group, so the image is pulled in-region.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Location { get; set; }

    [Parameter]
    public SwitchParameter NoWait { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var request = new ContainerInstanceRequest
        {
            Name = Name,
            ResourceGroupName = ResourceGroupName,
            Image = Image,
            Location = Location,
            DnsNameLabel = DnsNameLabel,
            Ports = Port,
            Cpu = Cpu,
            MemoryInGb = MemoryInGB,
            Environment = ToDictionary(EnvironmentVariable),
            SecureEnvironment = SecureValues(SecureEnvironmentVariable),
            OsType = OsType,
            RestartPolicy = RestartPolicy,
            PullIdentityId = ParameterSetName == IdentitySet ? PullIdentity : null,
            NoWait = NoWait,
        };
        if (!Passes(() => ContainerInstanceOperations.Check(request))) return;
        var registry = await ResolveRegistryAsync(Registry, null).ConfigureAwait(false);
        if (!Confirm(Name, $"Deploy container group from {Image} (resource group {ResourceGroupName})")) return;
        if (ParameterSetName == CredentialSet)
            request = request with { RegistryUserName = Credential.UserName, RegistryPassword = Credential.Password };
        else if (VaultName is not null)
        {
            var (user, password) = await new PullPrincipalOperations(Connection).GetCredentialAsync(registry, VaultName, "AcrPull", Context)
                .ConfigureAwait(false);
            request = request with { RegistryUserName = user, RegistryPassword = password };
        }
        Emit(await new ContainerInstanceOperations(Connection).CreateAsync(registry, request, Context).ConfigureAwait(false));
    }

    static IDictionary<string, SecureString>? SecureValues(Hashtable? table)
    {
        if (table is null) return null;
        var result = new Dictionary<string, SecureString>();
        foreach (DictionaryEntry entry in table)
            // A value a command wrote into the hashtable (ConvertTo-SecureString, Read-Host) arrives wrapped in a PSObject.
            result[entry.Key?.ToString() ?? ""] = (entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value) as SecureString
                ?? throw new PSArgumentException($"The secure environment variable '{entry.Key}' must be a SecureString " +
                                                 "(e.g. Read-Host -AsSecureString), so its value never stands in plain text.");
        return result;
    }
}

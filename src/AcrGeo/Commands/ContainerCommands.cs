using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Copies an image into a registry without Docker, from a public registry or another registry.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "AcrImage", SupportsShouldProcess = true)]
[OutputType(typeof(AcrImage))]
public sealed class ImportAcrImageCommand : OneRegistryCmdlet
{
    /// <summary>The image to copy, e.g. mcr.microsoft.com/azuredocs/aci-helloworld:latest.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string Source { get; set; } = "";

    /// <summary>repository:tag in the registry; default: the source's repository and tag.</summary>
    [Parameter(Position = 2)]
    public string? Image { get; set; }

    /// <summary>Overwrite the target tag if it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        if (!Confirm(registry.LoginServer, $"Import {Source}{(Image is null ? "" : " as " + Image)}")) return;
        Emit(await new ImageOperations(Connection).ImportAsync(registry, Source, Image, Force, Context).ConfigureAwait(false));
    }
}

/// <summary>
/// <para type="synopsis">Lists the repositories and tags of a registry.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrImage")]
[OutputType(typeof(AcrImage))]
public sealed class GetAcrImageCommand : OneRegistryCmdlet
{
    [Parameter(Position = 1)]
    public string? Repository { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        foreach (var image in await new ImageOperations(Connection).ListAsync(registry, Repository, Context).ConfigureAwait(false)) Emit(image);
    }
}

/// <summary>
/// <para type="synopsis">Deploys a container group from the registry and returns it running, with its FQDN.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "AcrContainerInstance", SupportsShouldProcess = true, DefaultParameterSetName = VaultSet)]
[OutputType(typeof(AcrContainerInstance))]
public sealed class NewAcrContainerInstanceCommand : RegistryCmdlet
{
    const string CredentialSet = "Credential";
    const string VaultSet = "Vault";

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
        var registry = await ResolveRegistryAsync(Registry, null).ConfigureAwait(false);
        if (!Confirm(Name, $"Deploy container group from {Image} (resource group {ResourceGroupName})")) return;
        string? user = null;
        SecureString? password = null;
        if (ParameterSetName == CredentialSet)
        {
            user = Credential.UserName;
            password = Credential.Password;
        }
        else if (VaultName is not null)
        {
            (user, password) = await new PullPrincipalOperations(Connection).GetCredentialAsync(registry, VaultName, "AcrPull", Context)
                .ConfigureAwait(false);
        }
        Emit(await new ContainerInstanceOperations(Connection).CreateAsync(registry, new ContainerInstanceRequest
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
            RegistryUserName = user,
            RegistryPassword = password,
            NoWait = NoWait,
        }, Context).ConfigureAwait(false));
    }

    static IDictionary<string, SecureString>? SecureValues(Hashtable? table)
    {
        if (table is null) return null;
        var result = new Dictionary<string, SecureString>();
        foreach (DictionaryEntry entry in table)
            result[entry.Key?.ToString() ?? ""] = entry.Value as SecureString
                ?? throw new PSArgumentException($"The secure environment variable '{entry.Key}' must be a SecureString " +
                                                 "(e.g. Read-Host -AsSecureString), so its value never stands in plain text.");
        return result;
    }
}

/// <summary>
/// <para type="synopsis">Gets container groups: one by name, by wildcard, in a resource group, or all.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrContainerInstance")]
[OutputType(typeof(AcrContainerInstance))]
public sealed class GetAcrContainerInstanceCommand : RegistryCmdlet
{
    [Parameter(Position = 0)]
    public string? ResourceGroupName { get; set; }

    [Parameter(Position = 1)]
    [SupportsWildcards]
    public string? Name { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var instances = new ContainerInstanceOperations(Connection);
        if (ResourceGroupName is not null && Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name))
        {
            Emit(await instances.GetAsync(ResourceGroupName, Name, Context).ConfigureAwait(false));
            return;
        }
        var pattern = new WildcardPattern(Name ?? "*", WildcardOptions.IgnoreCase);
        foreach (var instance in (await instances.ListAsync(ResourceGroupName, Context).ConfigureAwait(false)).Where(i => pattern.IsMatch(i.Name)))
            Emit(instance);
    }
}

/// <summary>
/// <para type="synopsis">Deletes container groups.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "AcrContainerInstance", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAcrContainerInstanceCommand : RegistryCmdlet
{
    const string ByNameSet = "ByName";
    const string ByObjectSet = "ByObject";

    [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0)]
    public string ResourceGroupName { get; set; } = "";

    [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 1)]
    public string Name { get; set; } = "";

    [Parameter(ParameterSetName = ByObjectSet, Mandatory = true, ValueFromPipeline = true)]
    public AcrContainerInstance[] InputObject { get; set; } = Array.Empty<AcrContainerInstance>();

    protected override async Task ProcessRecordAsync()
    {
        var targets = ParameterSetName == ByObjectSet
            ? InputObject.Select(i => (i.ResourceGroupName, i.Name)).ToList()
            : new List<(string, string)> { (ResourceGroupName, Name) };
        foreach (var (group, name) in targets)
            if (Confirm($"{group}/{name}", "Delete container group"))
                await new ContainerInstanceOperations(Connection).RemoveAsync(group, name, Context).ConfigureAwait(false);
    }
}

/// <summary>
/// <para type="synopsis">Shows what a container wrote to its output.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrContainerInstanceLog")]
[OutputType(typeof(string))]
public sealed class GetAcrContainerInstanceLogCommand : RegistryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string ResourceGroupName { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = "";

    /// <summary>The container in the group; default: the one named after the group.</summary>
    [Parameter]
    public string? ContainerName { get; set; }

    protected override async Task ProcessRecordAsync() =>
        Emit(await new ContainerInstanceOperations(Connection).GetLogsAsync(ResourceGroupName, Name, ContainerName, Context).ConfigureAwait(false));
}

/// <summary>
/// <para type="synopsis">Writes an ARM template of a container group, and a parameters file whose registry credentials are Key Vault references.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "AcrContainerInstanceTemplate", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportAcrContainerInstanceTemplateCommand : RegistryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string ResourceGroupName { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = "";

    /// <summary>The vault holding the registry's pull secrets, referenced (never read) by the parameters file.</summary>
    [Parameter(Mandatory = true)]
    [ValidatePattern(VaultOperations.NamePattern)]
    public string VaultName { get; set; } = "";

    /// <summary>The folder to write NAME.template.json and NAME.parameters.json into; default: the current folder.</summary>
    [Parameter]
    public string? Path { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var folder = GetUnresolvedProviderPathFromPSPath(Path ?? SessionState.Path.CurrentFileSystemLocation.Path);
        var templatePath = System.IO.Path.Combine(folder, $"{Name}.template.json");
        var parametersPath = System.IO.Path.Combine(folder, $"{Name}.parameters.json");
        if (!Confirm(templatePath, "Write the template and its parameters file")) return;
        var vault = await new VaultOperations(Connection).GetAsync(VaultName, Context).ConfigureAwait(false);
        var (template, parameters) = await new ContainerInstanceOperations(Connection)
            .ExportTemplateAsync(ResourceGroupName, Name, vault, Context).ConfigureAwait(false);
        Directory.CreateDirectory(folder);
        File.WriteAllText(templatePath, template);
        File.WriteAllText(parametersPath, parameters);
        Emit(new FileInfo(templatePath));
        Emit(new FileInfo(parametersPath));
    }
}

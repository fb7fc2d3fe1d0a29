using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Input;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

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
    public string VaultName { get; set; } = "";

    /// <summary>The folder to write NAME.template.json and NAME.parameters.json into; default: the current folder.</summary>
    [Parameter]
    public string? Path { get; set; }

    /// <summary>Overwrite the two files when they exist.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        // The name becomes part of two file names: checked here, before it can point a path anywhere else.
        InputRules.ContainerGroupName(Name);
        var folder = GetUnresolvedProviderPathFromPSPath(Path ?? SessionState.Path.CurrentFileSystemLocation.Path);
        var templatePath = System.IO.Path.Combine(folder, $"{Name}.template.json");
        var parametersPath = System.IO.Path.Combine(folder, $"{Name}.parameters.json");
        if (!Force && new[] { templatePath, parametersPath }.FirstOrDefault(File.Exists) is { } taken)
            throw new AcrGeoException(ErrorIds.FileExists, AcrErrorCategory.ResourceExists,
                $"'{taken}' exists already. Add -Force to overwrite it, or give another folder with -Path.", taken);
        if (!Confirm(templatePath, "Write the template and its parameters file")) return;
        var vault = await new VaultOperations(Connection).GetAsync(VaultName, Context).ConfigureAwait(false);
        var (template, parameters) = await new ContainerInstanceOperations(Connection)
            .ExportTemplateAsync(ResourceGroupName, Name, vault, Context).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(templatePath, template);
            File.WriteAllText(parametersPath, parameters);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new AcrGeoException(ErrorIds.FileWriteFailed, AcrErrorCategory.WriteError,
                $"The template could not be written to '{folder}': {e.Message}", folder, e);
        }
        Emit(new FileInfo(templatePath));
        Emit(new FileInfo(parametersPath));
    }
}

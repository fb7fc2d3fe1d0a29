namespace AcrGeo.Module.Tests;

/// <summary>Where the built module and its sources are: found from the repository root, never from src.</summary>
public static class ModuleLayout
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();
    public static string ModuleDirectory { get; } = Path.Combine(RepositoryRoot, "out", "AcrGeo");
    public static string DependencyDirectory { get; } = Path.Combine(ModuleDirectory, "dependencies");
    public static string ManifestPath { get; } = Path.Combine(ModuleDirectory, "AcrGeo.psd1");
    public static string CmdletAssemblyPath { get; } = Path.Combine(ModuleDirectory, "AcrGeo.dll");
    public static string FormatSourcePath { get; } = Path.Combine(RepositoryRoot, "module", "AcrGeo.format.ps1xml");

    /// <summary>
    /// PowerShellStandard.Library's reference System.Management.Automation, the one the cmdlets compile against:
    /// from NUGET_PACKAGES when set, else the default ~/.nuget/packages.
    /// </summary>
    public static string PowerShellReferencePath { get; } = FindPowerShellReference();

    static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "AcrGeo.sln"))) return directory.FullName;
        throw new InvalidOperationException($"No folder above '{AppContext.BaseDirectory}' holds AcrGeo.sln.");
    }

    static string FindPowerShellReference()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "powershellstandard.library", "5.1.0-preview-06", "lib", "netstandard2.0",
            "System.Management.Automation.dll");
        if (!File.Exists(path))
            throw new FileNotFoundException("PowerShellStandard.Library 5.1.0-preview-06 is not in the NuGet cache; build src/AcrGeo first.", path);
        return path;
    }
}

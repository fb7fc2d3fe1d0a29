using System.Reflection;
using System.Runtime.Loader;

namespace AcrGeo.LoadContext;

/// <summary>
/// Loads the engine and its dependencies from the module's dependencies folder, isolated from whatever other
/// modules (Az.Accounts among them) loaded into PowerShell. An assembly the runtime itself ships at the same or a
/// higher version is taken from the runtime (two copies of System.Memory would make two Span types); everything
/// else, including newer versions than the runtime has (System.Text.Json 10 on .NET 8), comes from the folder.
/// </summary>
public sealed class DependencyLoadContext : AssemblyLoadContext
{
    static readonly Dictionary<string, Version?> PlatformAssemblies = ReadPlatformAssemblies();
    readonly string directory;

    public DependencyLoadContext(string directory) : base("AcrGeo", isCollectible: false) => this.directory = directory;

    protected override Assembly? Load(AssemblyName name)
    {
        var path = Path.Combine(directory, name.Name + ".dll");
        if (!File.Exists(path)) return null;
        if (PlatformAssemblies.TryGetValue(name.Name!, out var platformVersion)
            && platformVersion is not null && name.Version is not null && platformVersion >= name.Version)
            return null;
        return LoadFromAssemblyPath(path);
    }

    static Dictionary<string, Version?> ReadPlatformAssemblies()
    {
        var result = new Dictionary<string, Version?>(StringComparer.OrdinalIgnoreCase);
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                result[Path.GetFileNameWithoutExtension(path)] = AssemblyName.GetAssemblyName(path).Version;
            }
            catch (BadImageFormatException)
            {
                // Native images in the list are not managed assemblies; nothing to compare.
            }
        }
        return result;
    }
}

/// <summary>Called once by the module's initializer on PowerShell 7: routes the engine into the private context.</summary>
public static class DependencyIsolation
{
    static DependencyLoadContext? context;
    static readonly object Gate = new();

    /// <summary>The assemblies the cmdlets reference directly; everything else they reach through these.</summary>
    static readonly string[] Bridges = ["AcrGeo.Engine"];

    public static AssemblyLoadContext Initialize(string dependencyDirectory)
    {
        lock (Gate)
        {
            if (context is not null) return context;
            context = new DependencyLoadContext(dependencyDirectory);
            AssemblyLoadContext.Default.Resolving += (_, name) =>
                Bridges.Contains(name.Name, StringComparer.OrdinalIgnoreCase) ? context.LoadFromAssemblyName(name) : null;
            return context;
        }
    }
}

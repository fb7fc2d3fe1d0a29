using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
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
    /// <summary>The runtime's own assemblies by simple name: the paths only, read from a string the host already holds.</summary>
    static readonly Lazy<Dictionary<string, string>> PlatformPaths = new(ReadPlatformPaths);
    /// <summary>Versions of the platform assemblies asked about so far: one file read per name, and only when asked.</summary>
    static readonly ConcurrentDictionary<string, Version?> PlatformVersions = new(StringComparer.OrdinalIgnoreCase);
    readonly string directory;

    public DependencyLoadContext(string directory) : base("AcrGeo", isCollectible: false) => this.directory = directory;

    protected override Assembly? Load(AssemblyName name)
    {
        var path = Path.Combine(directory, name.Name + ".dll");
        if (!File.Exists(path)) return null;
        if (PlatformVersion(name.Name!) is { } platformVersion && name.Version is not null && platformVersion >= name.Version)
            return null;
        return LoadFromAssemblyPath(path);
    }

    static Version? PlatformVersion(string name) => PlatformVersions.GetOrAdd(name, key =>
    {
        if (!PlatformPaths.Value.TryGetValue(key, out var path)) return null;
        try
        {
            return AssemblyName.GetAssemblyName(path).Version;
        }
        catch (BadImageFormatException)
        {
            // A native image in the list is not a managed assembly; nothing to compare.
            return null;
        }
    });

    static Dictionary<string, string> ReadPlatformPaths()
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            result[Path.GetFileNameWithoutExtension(path)] = path;
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

    /// <summary>
    /// Sets up the context and nothing more: no assembly is loaded, no file read, until the first cmdlet needs the
    /// engine (importing the module stays cheap).
    /// </summary>
    public static AssemblyLoadContext Initialize(string dependencyDirectory)
    {
        lock (Gate)
        {
            if (context is not null) return context;
            context = new DependencyLoadContext(ChooseDirectory(dependencyDirectory));
            AssemblyLoadContext.Default.Resolving += (_, name) =>
                Bridges.Contains(name.Name, StringComparer.OrdinalIgnoreCase) ? context.LoadFromAssemblyName(name) : null;
            return context;
        }
    }

    /// <summary>
    /// The build also lays out the engine compiled ahead of time (ReadyToRun) for one runtime and platform, in
    /// <c>net{major}.0-{rid}</c>. ReadyToRun code is only used by the runtime major version it was compiled for, and only
    /// on its platform; anywhere else the portable (netstandard2.0) set beside it is the one to load.
    /// </summary>
    static string ChooseDirectory(string dependencyDirectory)
    {
        var precompiled = Path.Combine(dependencyDirectory, $"net{Environment.Version.Major}.0-{RuntimeInformation.RuntimeIdentifier}");
        return Directory.Exists(precompiled) ? precompiled : dependencyDirectory;
    }
}

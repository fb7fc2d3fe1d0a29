using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AcrGeo;

/// <summary>
/// Isolates the engine's dependencies (Azure.Core and its System.* 10.0 set) from PowerShell and from other
/// modules such as Az.Accounts, in either import order. PowerShell 7: a private AssemblyLoadContext (set up by
/// the net8.0 loader assembly, since netstandard2.0 cannot subclass one). Windows PowerShell 5.1: an
/// AssemblyResolve handler that answers with the copies shipped in dependencies/.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal static readonly string DependencyDirectory =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "dependencies");

    static bool IsNetFramework => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    public void OnImport()
    {
        if (IsNetFramework)
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
            return;
        }
        var loader = Assembly.LoadFrom(Path.Combine(DependencyDirectory, "AcrGeo.LoadContext.dll"));
        loader.GetType("AcrGeo.LoadContext.DependencyIsolation", throwOnError: true)!
            .GetMethod("Initialize", BindingFlags.Public | BindingFlags.Static)!
            .Invoke(null, new object[] { DependencyDirectory });
    }

    public void OnRemove(PSModuleInfo module)
    {
        // Emulators started in this session go with the module rather than run on unseen (their engine calls still
        // need the resolver, so it goes last).
        StartedEmulators.StopAll();
        AcrGeoSession.Disconnect();
        if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromDependencies;
    }

    /// <summary>Several shipped assemblies reference older versions of their siblings; any version gets the shipped copy.</summary>
    static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args)
    {
        var path = Path.Combine(DependencyDirectory, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}

namespace AcrGeo.Module.Tests;

/// <summary>
/// What PowerShell sees when it imports out/AcrGeo: only the cmdlet assembly at the root, where every module's
/// assemblies meet; the engine and the Azure SDK under dependencies/, reached only through the module's resolvers.
/// </summary>
[Collection(ModuleMetadataCollection.Name)]
public sealed class LayoutTests(ModuleMetadata module)
{
    [Fact]
    public void The_cmdlet_assembly_does_not_reference_the_Azure_SDK()
    {
        var references = module.CmdletAssembly.GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.Contains("AcrGeo.Engine", references);
        Assert.DoesNotContain(references, name => name.StartsWith("Azure.", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("System.Text.Json", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_module_root_holds_the_cmdlet_assembly_alone()
    {
        var rootAssemblies = Directory.GetFiles(ModuleLayout.ModuleDirectory, "*.dll").Select(Path.GetFileName);
        Assert.Equal(["AcrGeo.dll"], rootAssemblies);
    }

    [Theory]
    [InlineData("AcrGeo.Engine.dll")]
    [InlineData("AcrGeo.LoadContext.dll")]
    [InlineData("Azure.Core.dll")]
    [InlineData("Azure.Identity.dll")]
    [InlineData("Azure.ResourceManager.dll")]
    public void The_engine_and_its_dependencies_ship_in_the_dependencies_folder(string file) =>
        Assert.True(File.Exists(Path.Combine(ModuleLayout.DependencyDirectory, file)), $"{file} is not in out/AcrGeo/dependencies");

    [Fact]
    public void The_PowerShell_reference_stub_never_ships() =>
        Assert.Empty(Directory.GetFiles(ModuleLayout.ModuleDirectory, "System.Management.Automation.dll", SearchOption.AllDirectories));
}

using System.Text.RegularExpressions;

namespace AcrGeo.Module.Tests;

/// <summary>The shipped manifest against the cmdlet assembly it loads.</summary>
[Collection(ModuleMetadataCollection.Name)]
public sealed class ManifestTests(ModuleMetadata module)
{
    static readonly Manifest Shipped = Manifest.Read(ModuleLayout.ManifestPath);

    [Fact]
    public void Exports_exactly_the_cmdlets_the_assembly_defines()
    {
        var defined = module.Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal);
        Assert.Equal(defined, Shipped.Strings("CmdletsToExport").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("AliasesToExport")]
    [InlineData("VariablesToExport")]
    public void Exports_nothing_but_cmdlets(string key) => Assert.Empty(Shipped.Strings(key));

    [Fact]
    public void Runs_on_Windows_PowerShell_5_1_and_PowerShell_7()
    {
        Assert.Equal(["Core", "Desktop"], Shipped.Strings("CompatiblePSEditions").Order(StringComparer.Ordinal));
        Assert.Equal("5.1", Shipped.String("PowerShellVersion"));
    }

    [Fact]
    public void Loads_the_cmdlet_assembly_and_a_format_file_that_ships_beside_it()
    {
        Assert.Equal("AcrGeo.dll", Shipped.String("RootModule"));
        var formats = Shipped.Strings("FormatsToProcess");
        Assert.NotEmpty(formats);
        Assert.All(formats, format => Assert.True(File.Exists(Path.Combine(ModuleLayout.ModuleDirectory, format)), $"{format} is not in out/AcrGeo"));
    }

    [Fact]
    public void Module_version_is_the_assembly_version()
    {
        var version = module.CmdletAssembly.GetName().Version!;
        Assert.Equal($"{version.Major}.{version.Minor}.{version.Build}", Shipped.String("ModuleVersion"));
    }

    /// <summary>Just enough of a .psd1 to read top-level keys whose values are quoted strings or @(...) arrays of them.</summary>
    sealed class Manifest(string text)
    {
        static readonly Regex Quoted = new(@"'(?<v>[^']*)'|""(?<v>[^""]*)""");

        public static Manifest Read(string path) => new(File.ReadAllText(path));

        public IReadOnlyList<string> Strings(string key)
        {
            var match = Regex.Match(text, $@"(?im)^\s*{key}\s*=\s*(?<value>@\((?<items>[^)]*)\)|'[^']*'|""[^""]*"")");
            Assert.True(match.Success, $"The manifest has no {key}.");
            var value = match.Groups["items"].Success ? match.Groups["items"].Value : match.Groups["value"].Value;
            return Quoted.Matches(value).Select(m => m.Groups["v"].Value).ToList();
        }

        public string String(string key) => Assert.Single(Strings(key));
    }
}

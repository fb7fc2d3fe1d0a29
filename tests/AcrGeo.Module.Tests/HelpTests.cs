using System.Xml.Linq;

namespace AcrGeo.Module.Tests;

/// <summary>The MAML help that Get-Help reads from out/AcrGeo/AcrGeo.dll-Help.xml.</summary>
[Collection(ModuleMetadataCollection.Name)]
public sealed class HelpTests(ModuleMetadata module)
{
    static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";

    [Fact]
    public void Every_cmdlet_has_help_with_a_synopsis_and_an_example()
    {
        Assert.True(File.Exists(ModuleLayout.HelpPath), "out/AcrGeo/AcrGeo.dll-Help.xml is missing (module/AcrGeo.dll-Help.xml is copied there by the build)");
        var entries = XDocument.Load(ModuleLayout.HelpPath).Descendants(Command + "command")
            .ToDictionary(c => c.Element(Command + "details")?.Element(Command + "name")?.Value.Trim() ?? "", StringComparer.OrdinalIgnoreCase);
        Assert.All(module.Cmdlets, cmdlet =>
        {
            Assert.True(entries.TryGetValue(cmdlet.Name, out var entry), $"No help for {cmdlet.Name}");
            var synopsis = entry!.Element(Command + "details")?.Element(Maml + "description")?.Elements(Maml + "para").Select(p => p.Value.Trim());
            Assert.True(synopsis?.Any(p => p.Length > 0) == true, $"{cmdlet.Name} help has no synopsis");
            var examples = entry.Element(Command + "examples")?.Elements(Command + "example").Count() ?? 0;
            Assert.True(examples > 0, $"{cmdlet.Name} help has no example");
        });
    }
}

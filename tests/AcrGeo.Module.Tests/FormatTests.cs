using System.Reflection;
using System.Xml.Linq;

namespace AcrGeo.Module.Tests;

/// <summary>module/AcrGeo.format.ps1xml against the types the cmdlets write.</summary>
[Collection(ModuleMetadataCollection.Name)]
public sealed class FormatTests(ModuleMetadata module)
{
    static readonly XDocument Format = XDocument.Load(ModuleLayout.FormatSourcePath);
    static IEnumerable<XElement> Views => Format.Descendants("View");

    [Fact]
    public void Every_view_selects_a_public_type_of_the_module_and_shows_only_its_properties()
    {
        Assert.NotEmpty(Views);
        Assert.All(Views, view =>
        {
            var typeNames = view.Element("ViewSelectedBy")!.Elements("TypeName").Select(e => e.Value.Trim()).ToList();
            Assert.NotEmpty(typeNames);
            foreach (var typeName in typeNames)
            {
                var type = module.FindModuleType(typeName);
                Assert.True(type is { IsPublic: true }, $"View '{view.Element("Name")?.Value}' selects '{typeName}', no public type of the module");
                var missing = view.Descendants("PropertyName").Select(p => p.Value.Trim())
                    .Where(property => type!.GetProperty(property, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is null);
                Assert.True(!missing.Any(), $"View of {typeName} shows {string.Join(", ", missing)}, which {type!.Name} does not have");
            }
        });
    }

    [Fact]
    public void Every_table_has_a_header_for_each_column() =>
        Assert.All(Format.Descendants("TableControl"), table =>
        {
            var headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").Count();
            Assert.All(table.Descendants("TableColumnItems"), row => Assert.Equal(headers, row.Elements("TableColumnItem").Count()));
        });

    [Fact]
    public void Every_module_type_a_cmdlet_outputs_has_a_view()
    {
        var viewed = Views.SelectMany(v => v.Element("ViewSelectedBy")!.Elements("TypeName")).Select(e => e.Value.Trim()).ToHashSet();
        var outputs = module.Cmdlets.SelectMany(c => c.OutputTypes).Distinct()
            .Where(t => t.IsClass && (t.Namespace == "AcrGeo" || t.Namespace == "AcrGeo.Models"))
            .ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, type => Assert.True(viewed.Contains(type.FullName!), $"{type.FullName} is written by a cmdlet but has no view"));
    }

    [Fact]
    public void Replica_table_starts_with_the_columns_of_az_acr_replication_list()
    {
        var view = Assert.Single(Views, v => v.Element("ViewSelectedBy")!.Elements("TypeName").Any(e => e.Value.Trim() == "AcrGeo.Models.AcrReplica"));
        var labels = view.Descendants("TableColumnHeader").Select(h => h.Element("Label")?.Value.Trim()).Take(4);
        Assert.Equal(["Name", "Location", "ProvisioningState", "Status"], labels);
    }
}

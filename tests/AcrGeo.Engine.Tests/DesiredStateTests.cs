using System.Collections;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Engine.Tests;

/// <summary>The desired-state rules Sync-AcrReplica checks before any request, for files and the command line alike.</summary>
public sealed class DesiredStateTests
{
    [Fact]
    public void A_JSON_file_and_the_same_data_as_tables_read_alike()
    {
        const string json = """
            { "registries": [ { "registry": "contosoacr", "resourceGroupName": "contoso",
              "regions": [ "East US", { "location": "westeurope", "globalEndpointRouting": "Disabled", "tags": { "tier": "dr" } } ] } ] }
            """;
        var tree = new Hashtable
        {
            ["Registries"] = new object[]
            {
                new Hashtable
                {
                    ["Registry"] = "contosoacr", ["ResourceGroupName"] = "contoso",
                    ["Regions"] = new object[] { "East US", new Hashtable { ["Location"] = "westeurope", ["GlobalEndpointRouting"] = false, ["Tags"] = new Hashtable { ["tier"] = "dr" } } },
                },
            },
        };

        foreach (var registry in new[] { DesiredState.FromJson(json, "fleet.json").Single(), DesiredState.FromTree(tree, "fleet.psd1").Single() })
        {
            Assert.Equal("contosoacr", registry.Registry);
            Assert.Equal("contoso", registry.ResourceGroupName);
            Assert.Equal(["eastus", "westeurope"], registry.Regions.Select(r => r.Location));
            Assert.Null(registry.Regions[0].GlobalEndpointRouting);
            Assert.Equal(GlobalEndpointRouting.Disabled, registry.Regions[1].GlobalEndpointRouting);
            Assert.Equal("dr", registry.Regions[1].Tags!["tier"]);
        }
    }

    [Theory]
    [InlineData("""{ "registries": [ { "registry": "contosoacr", "region": ["eastus"] } ] }""", "'region' is not a known key")]
    [InlineData("""{ "registries": [ { "registry": "contoso-acr", "regions": ["eastus"] } ] }""", "Registries[0].Registry")]
    [InlineData("""{ "registries": [ { "registry": "contosoacr", "regions": ["eastus", "East US"] } ] }""", "'eastus' is listed more than once")]
    [InlineData("""{ "registries": [ { "registry": "contosoacr", "regions": [ { "location": "eastus", "globalEndpointRouting": "1" } ] } ] }""", "'1' is not Enabled or Disabled")]
    [InlineData("""{ "registries": [ { "registry": "a1b2c3", "regions": ["eastus"] }, { "registry": "A1B2C3", "regions": ["westus"] } ] }""", "listed more than once")]
    [InlineData("""{ "registries": [ { "registry": "contosoacr" } ] }""", "Registries[0].Regions")]
    [InlineData("""[ 1, 2 ]""", "a table (hashtable or JSON object) was expected")]
    [InlineData("""{ "registries": """, "not valid JSON")]
    public void A_file_that_cannot_be_used_is_refused_saying_where(string json, string why)
    {
        var error = Assert.Throws<AcrGeoException>(() => DesiredState.FromJson(json, "fleet.json"));
        Assert.Equal(ErrorIds.InvalidDesiredState, error.ErrorId);
        Assert.Contains(why, error.Message);
        Assert.Contains("fleet.json", error.Message);
    }

    [Fact]
    public void The_command_line_drains_only_the_regions_it_names_and_compares_routing_only_when_asked()
    {
        var drained = DesiredState.ForRegistry("contosoacr", null, ["eastus", "westeurope"], ["East US"], null);
        Assert.Equal([GlobalEndpointRouting.Disabled, GlobalEndpointRouting.Enabled], drained.Regions.Select(r => r.GlobalEndpointRouting));
        Assert.All(DesiredState.ForRegistry("contosoacr", "", ["eastus"], null, null).Regions, r => Assert.Null(r.GlobalEndpointRouting));

        Assert.Equal(ErrorIds.InvalidDesiredState,
            Assert.Throws<AcrGeoException>(() => DesiredState.ForRegistry("contosoacr", null, ["eastus"], ["japaneast"], null)).ErrorId);
        Assert.Equal(ErrorIds.InvalidRegistryName,
            Assert.Throws<AcrGeoException>(() => DesiredState.ForRegistry("acr", null, ["eastus"], null, null)).ErrorId);
        Assert.Equal(ErrorIds.UnknownRegion,
            Assert.Throws<AcrGeoException>(() => DesiredState.ForRegistry("contosoacr", null, [], null, null)).ErrorId);
    }

    [Fact]
    public void The_region_map_places_a_region_by_its_latitude_and_longitude_and_marks_it_by_state()
    {
        var tokyo = new AcrRegion { Name = "japaneast", DisplayName = "Japan East", Latitude = 35.68, Longitude = 139.77, State = RegionState.Replica,
            Replica = new AcrReplica { ProvisioningState = "Succeeded", Status = "Syncing" } };
        var (x, y) = RegionMap.Place(tokyo)!.Value;
        Assert.Equal((139.77 + 180) / 360 * RegionMap.Width, x, 6);
        Assert.Equal((90 - 35.68) / 180 * RegionMap.Height, y, 6);
        Assert.Same(RegionMark.Syncing, RegionMark.For(tokyo));
        Assert.Null(RegionMap.Place(new AcrRegion { Name = "nowhere" }));

        var svg = RegionMap.Render("contoso<acr>", [tokyo]);
        Assert.Contains("id=\"region-japaneast\"", svg);
        Assert.Contains($"fill=\"{RegionMark.Syncing.Fill}\"", svg);
        Assert.Contains("contoso&lt;acr&gt;", svg);
        Assert.DoesNotContain("contoso<acr>", svg);
    }
}

using System.Net;

namespace AcrGeo.Emulator.Tests;

/// <summary>Setting up resources the way a client would, asserting each step so a broken setup fails loudly.</summary>
public static class Arrange
{
    public static string NewName(string prefix = "reg") => prefix + Guid.NewGuid().ToString("N")[..10];

    public static async Task<string> GroupAsync(this EmulatorFixture fx, string location = "westus")
    {
        var rg = NewName("rg");
        var put = await fx.Arm.PutAsync(ArmPaths.Group(fx.Subscription, rg), new { location });
        Assert.Equal(HttpStatusCode.Created, put.Status);
        return rg;
    }

    /// <summary>A resource group and a provisioned registry in it.</summary>
    public static async Task<(string Rg, string Registry)> RegistryAsync(this EmulatorFixture fx, string location = "westus",
        string sku = "Premium", object? properties = null)
    {
        var rg = await fx.GroupAsync(location);
        var name = NewName();
        var put = await fx.Arm.PutAsync(ArmPaths.Registry(fx.Subscription, rg, name),
            new { location, sku = new { name = sku }, properties = properties ?? new { } });
        Assert.Equal(HttpStatusCode.Created, put.Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        return (rg, name);
    }

    /// <summary>A provisioned replica named after its region.</summary>
    public static async Task ReplicaAsync(this EmulatorFixture fx, string rg, string registry, string location)
    {
        var put = await fx.Arm.PutAsync(ArmPaths.Replication(fx.Subscription, rg, registry, location), new { location });
        Assert.Equal(HttpStatusCode.Created, put.Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
    }

    /// <summary>Every item of a paged list, following nextLink.</summary>
    public static async Task<List<System.Text.Json.Nodes.JsonNode>> ListAllAsync(this EmulatorFixture fx, string path)
    {
        var items = new List<System.Text.Json.Nodes.JsonNode>();
        for (var next = path; next is not null;)
        {
            var page = await fx.Arm.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            items.AddRange(page.Body!["value"]!.AsArray().Select(i => i!));
            var link = (string?)page.Body["nextLink"];
            next = link is null ? null : ArmPaths.Local(link);
        }
        return items;
    }
}

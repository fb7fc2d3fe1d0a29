using AcrGeo.Emulator.Admin;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Engine.Tests;

public sealed class RegistryOperationsTests(EngineFixture fx) : IClassFixture<EngineFixture>
{
    RegistryOperations Registries => new(fx.Connection);

    [Theory]
    [InlineData("abcd")]
    [InlineData("my-registry")]
    [InlineData("a234567890123456789012345678901234567890123456789012")]
    public async Task Bad_registry_names_are_refused_before_any_request(string name)
    {
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() => Registries.CreateAsync(
            new RegistryRequest { Name = name, ResourceGroupName = "rg", Location = "westus" }, OperationContext.None));
        Assert.Equal(ErrorIds.InvalidRegistryName, error.ErrorId);
        Assert.Equal(name, error.Target);
        Assert.Empty(fx.ArmRequests);
    }

    [Fact]
    public async Task Creating_an_existing_registry_returns_it_unchanged()
    {
        var registry = await fx.NewRegistryAsync(sku: "Standard");
        fx.ClearLog();
        var again = await Registries.CreateAsync(new RegistryRequest
        {
            Name = registry.Name, ResourceGroupName = registry.ResourceGroupName, Location = "westus", Sku = "Premium",
        }, OperationContext.None);
        Assert.Equal("Standard", again.Sku);
        Assert.DoesNotContain(fx.ArmRequests, r => r.Method != "GET");
    }

    [Fact]
    public async Task Creating_a_registry_an_earlier_stopped_run_left_Creating_waits_until_it_is_provisioned()
    {
        var group = "rg" + Guid.NewGuid().ToString("N")[..8];
        var name = "reg" + Guid.NewGuid().ToString("N")[..12];
        await fx.NewResourceGroupAsync(group, "westus");
        // As a run stopped after its PUT leaves it: the registry is Creating for the provisioning delay.
        var put = await fx.Connection.Rest.SendAsync(Azure.Core.RequestMethod.Put,
            fx.Connection.SubscriptionPath.ResourceGroup(group).Provider("Microsoft.ContainerRegistry", "registries", name), Arm.ApiVersions.ContainerRegistry,
            new System.Text.Json.Nodes.JsonObject { ["location"] = "westus", ["sku"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "Premium" } },
            OperationContext.None);
        Assert.Equal("Creating", AcrRegistry.FromJson(put.Object).ProvisioningState);
        fx.ClearLog();

        var again = await Registries.CreateAsync(new RegistryRequest
        {
            Name = name, ResourceGroupName = group, Location = "westus", Sku = "Premium",
        }, OperationContext.None);

        Assert.Equal("Succeeded", again.ProvisioningState);
        Assert.DoesNotContain(fx.ArmRequests, r => r.Method != "GET");
    }

    [Fact]
    public async Task A_registry_name_taken_elsewhere_gets_a_specific_error()
    {
        var registry = await fx.NewRegistryAsync();
        await fx.NewResourceGroupAsync("othergroup", "westus");
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() => Registries.CreateAsync(new RegistryRequest
        {
            Name = registry.Name, ResourceGroupName = "othergroup", Location = "westus",
        }, OperationContext.None));
        Assert.Equal(ErrorIds.RegistryNameNotAvailable, error.ErrorId);
        Assert.Equal(AcrErrorCategory.ResourceExists, error.Category);
        // Known from checkNameAvailability, a read: nothing was written.
        Assert.DoesNotContain(fx.ArmRequests, r => r.Method is "PUT" or "PATCH" or "DELETE");
    }

    [Fact]
    public async Task A_registry_is_found_by_name_alone_and_a_missing_one_says_so()
    {
        var registry = await fx.NewRegistryAsync();
        var found = await Registries.GetAsync(registry.Name.ToUpperInvariant(), null, OperationContext.None);
        Assert.Equal(registry.Id, found.Id);
        Assert.Equal($"{registry.Name.ToLowerInvariant()}.azurecr.io", found.LoginServer);

        var missing = await Assert.ThrowsAsync<AcrGeoException>(() => Registries.GetAsync("nosuchregistry1", null, OperationContext.None));
        Assert.Equal(ErrorIds.RegistryNotFound, missing.ErrorId);
        var noGroup = await Assert.ThrowsAsync<AcrGeoException>(() => Registries.GetAsync(registry.Name, "nosuchgroup", OperationContext.None));
        Assert.Equal(ErrorIds.ResourceGroupNotFound, noGroup.ErrorId);
    }

    [Fact]
    public async Task A_downgrade_below_Premium_with_replicas_is_refused_before_the_change_then_allowed_once_they_are_gone()
    {
        var registry = await fx.NewRegistryAsync();
        var replicas = new ReplicaOperations(fx.Connection);
        await replicas.CreateAsync(await replicas.PlanAsync(registry, new ReplicaRequest { Locations = ["eastus"] }, OperationContext.None),
            OperationContext.None);
        fx.ClearLog();

        var error = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Registries.UpdateAsync(registry, new RegistryUpdate { Sku = "Basic" }, OperationContext.None));
        Assert.Equal(ErrorIds.SkuDowngradeWithReplicas, error.ErrorId);
        Assert.Contains("eastus", error.Message);
        Assert.DoesNotContain(fx.ArmRequests, r => r.Method == "PATCH");

        await replicas.RemoveAsync(registry, ["eastus"], OperationContext.None);
        Assert.Equal("Basic", (await Registries.UpdateAsync(registry, new RegistryUpdate { Sku = "Basic" }, OperationContext.None)).Sku);
    }

    [Fact]
    public async Task A_resource_group_to_create_that_exists_is_left_as_it_is_and_a_missing_one_is_created_last()
    {
        await fx.NewResourceGroupAsync("ensuredgroup", "eastus");
        fx.ClearLog();
        var name = "reg" + Guid.NewGuid().ToString("N")[..12];
        await Registries.CreateAsync(new RegistryRequest { Name = name, ResourceGroupName = "ensuredgroup", Location = "westus", CreateResourceGroup = true },
            OperationContext.None);
        Assert.DoesNotContain(fx.ArmRequests, r => r.Method == "PUT" && r.Path.EndsWith("/resourcegroups/ensuredgroup", StringComparison.OrdinalIgnoreCase));

        fx.ClearLog();
        await Registries.CreateAsync(new RegistryRequest
        {
            Name = "reg" + Guid.NewGuid().ToString("N")[..12], ResourceGroupName = "newgroup", Location = "West US", CreateResourceGroup = true,
        }, OperationContext.None);
        var writes = fx.ArmRequests.Where(r => r.Method == "PUT").Select(r => r.Path.Split('/')[^2].ToLowerInvariant()).ToList();
        Assert.Equal(["resourcegroups", "registries"], writes);
    }

    [Fact]
    public async Task A_missing_group_a_bad_tag_or_a_name_with_a_trailing_newline_is_refused_before_any_write()
    {
        var name = "reg" + Guid.NewGuid().ToString("N")[..12];
        fx.ClearLog();
        Assert.Equal(ErrorIds.ResourceGroupNotFound, (await Assert.ThrowsAsync<AcrGeoException>(() => Registries.CreateAsync(
            new RegistryRequest { Name = name, ResourceGroupName = "nosuchgroup", Location = "westus" }, OperationContext.None))).ErrorId);
        Assert.Equal(ErrorIds.InvalidTag, (await Assert.ThrowsAsync<AcrGeoException>(() => Registries.CreateAsync(new RegistryRequest
        {
            Name = name, ResourceGroupName = "anygroup", Location = "westus", CreateResourceGroup = true,
            Tags = new Dictionary<string, string> { ["a/b"] = "x" },
        }, OperationContext.None))).ErrorId);
        Assert.Equal(ErrorIds.InvalidRegistryName, (await Assert.ThrowsAsync<AcrGeoException>(() => Registries.CreateAsync(
            new RegistryRequest { Name = name + "\n", ResourceGroupName = "anygroup", Location = "westus" }, OperationContext.None))).ErrorId);
        Assert.Equal(ErrorIds.InvalidResourceGroupName, (await Assert.ThrowsAsync<AcrGeoException>(() => Registries.CreateAsync(
            new RegistryRequest { Name = name, ResourceGroupName = "my group", Location = "westus", CreateResourceGroup = true }, OperationContext.None))).ErrorId);
        Assert.DoesNotContain(fx.ArmRequests, r => r.Method is "PUT" or "PATCH" or "DELETE");
    }

    [Fact]
    public async Task A_wrong_secret_fails_sign_in_with_a_specific_error_that_does_not_hold_the_secret()
    {
        using var connection = fx.Connect(secret: "not-the-secret-123");
        var error = await Assert.ThrowsAsync<AcrGeoException>(() => connection.VerifyAsync(OperationContext.None));
        Assert.Equal(ErrorIds.AuthenticationFailed, error.ErrorId);
        Assert.DoesNotContain("not-the-secret-123", error.ToString());
        Assert.DoesNotContain(fx.Emulator.Identity.ClientSecret, error.ToString());
    }

    [Fact]
    public async Task A_sign_in_service_that_keeps_failing_is_SignInUnavailable_and_a_wrong_secret_is_AuthenticationFailed_when_the_caller_is_read()
    {
        // The refusal first: MSAL then holds back, for its Retry-After, sign-ins like one the service failed.
        using var wrong = fx.Connect(secret: "not-the-secret-456");
        Assert.Equal(ErrorIds.AuthenticationFailed,
            (await Assert.ThrowsAsync<AcrGeoException>(() => wrong.GetCallerAsync(OperationContext.None))).ErrorId);

        using var connection = fx.Connect(settings => settings.MaxRetries = 1);
        fx.Emulator.Faults.Add(new FaultRule
        {
            Method = "POST", Path = "*/oauth2/v2.0/token", Action = FaultAction.ServiceUnavailable, RetryAfterSeconds = 0, UntilCleared = true,
        });
        try
        {
            var error = await Assert.ThrowsAsync<AcrGeoException>(() => connection.GetCallerAsync(OperationContext.None));
            Assert.Equal(ErrorIds.SignInUnavailable, error.ErrorId);
        }
        finally
        {
            fx.Emulator.Faults.Clear();
            // MSAL holds back, process-wide, sign-ins like the one the service failed for its Retry-After: the other tests
            // of this class sign in as the same application.
            await Task.Delay(TimeSpan.FromSeconds(1.2));
        }
    }

    [Fact]
    public async Task Bad_connection_settings_are_refused_before_any_request()
    {
        var error = Assert.Throws<AcrGeoException>(() => fx.Connect(s => s.SubscriptionId = "not-a-guid"));
        Assert.Equal(ErrorIds.InvalidSubscriptionId, error.ErrorId);
        Assert.Equal(ErrorIds.InvalidConnectionSetting, Assert.Throws<AcrGeoException>(() => fx.Connect(s => s.MaxRetries = 11)).ErrorId);
        var missing = Assert.Throws<AcrGeoException>(() => fx.Connect(s => s.TrustedCertificatePath = "/nonexistent/cert.pem"));
        Assert.Equal(ErrorIds.InvalidConnection, missing.ErrorId);
        await Task.CompletedTask;
    }
}

using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Engine.Tests;

/// <summary>Secretless pulls: the identity with AcrPull on one registry, and the checks a deployment with it makes first.</summary>
public sealed class PullIdentityTests(EngineFixture fx) : IClassFixture<EngineFixture>
{
    const string HelloWorld = "mcr.microsoft.com/azuredocs/aci-helloworld:latest";

    PullIdentityOperations Identities => new(fx.Connection);
    ContainerInstanceOperations Instances => new(fx.Connection);

    async Task<AcrRegistry> RegistryWithImageAsync()
    {
        var registry = await fx.NewRegistryAsync();
        await new ImageOperations(fx.Connection).ImportAsync(registry,
            new ImageImportRequest { Source = HelloWorld, Target = "aci-helloworld:v1" }, OperationContext.None);
        return registry;
    }

    static ContainerInstanceRequest Request(AcrRegistry registry, string identityId, string image = "aci-helloworld:v1") => new()
    {
        Name = "aci-" + Guid.NewGuid().ToString("N")[..8], ResourceGroupName = registry.ResourceGroupName, Image = image,
        PullIdentityId = identityId,
    };

    bool Mutated() => fx.ArmRequests.Any(r => r.Method is "PUT" or "PATCH" or "DELETE" || r.Method == "POST" && r.Path.StartsWith("/subscriptions/"));

    [Fact]
    public async Task The_identity_gets_AcrPull_on_the_registry_alone_and_a_second_run_changes_nothing()
    {
        var registry = await fx.NewRegistryAsync();
        var identity = await Identities.CreateAsync(registry, "pull-id", registry.ResourceGroupName, null, OperationContext.None);

        Assert.Equal("AcrPull", identity.Role);
        Assert.Equal(registry.Id, identity.Scope);
        Assert.Equal(registry.Location, identity.Location);
        Assert.EndsWith("/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull-id", identity.Id);
        Assert.NotNull(identity.RoleAssignedOn);

        fx.ClearLog();
        var again = await Identities.CreateAsync(registry, "pull-id", registry.ResourceGroupName, null, OperationContext.None);
        Assert.Equal((identity.PrincipalId, identity.RoleAssignmentId), (again.PrincipalId, again.RoleAssignmentId));
        Assert.False(Mutated());
    }

    [Fact]
    public async Task Lists_the_identities_with_a_pull_role_on_the_registry_and_the_groups_that_pull_with_each()
    {
        var registry = await RegistryWithImageAsync();
        var other = await fx.NewRegistryAsync();
        var used = await Identities.CreateAsync(registry, "listed-used", registry.ResourceGroupName, null, OperationContext.None);
        var idle = await Identities.CreateAsync(registry, "listed-idle", registry.ResourceGroupName, null, OperationContext.None);
        await Identities.CreateAsync(other, "elsewhere", registry.ResourceGroupName, null, OperationContext.None);
        var group = await Instances.CreateAsync(registry, Request(registry, used.Id), OperationContext.None);
        fx.ClearLog();

        var listed = await Identities.ListAsync(registry, null, null, OperationContext.None);

        Assert.Equal(["listed-idle", "listed-used"], listed.Select(i => i.Name));
        Assert.Equal([$"{registry.ResourceGroupName}/{group.Name}"], listed.Single(i => i.Name == "listed-used").ContainerInstances);
        Assert.Empty(listed.Single(i => i.Name == "listed-idle").ContainerInstances);
        Assert.Equal(idle.RoleAssignmentId, listed.Single(i => i.Name == "listed-idle").RoleAssignmentId);
        // The registry found, then three lists, however many identities.
        Assert.Equal(3, fx.ArmRequests.Count);
        Assert.False(Mutated());

        Assert.Equal("listed-idle", Assert.Single(await Identities.ListAsync(registry, "LISTED-IDLE", registry.ResourceGroupName, OperationContext.None)).Name);
        var missing = await Assert.ThrowsAsync<AcrGeoException>(() => Identities.ListAsync(registry, "elsewhere", null, OperationContext.None));
        Assert.Equal(ErrorIds.PullIdentityNotFound, missing.ErrorId);
    }

    [Fact]
    public async Task Removing_an_identity_a_group_pulls_with_is_refused_until_forced_and_then_role_and_identity_go()
    {
        var registry = await RegistryWithImageAsync();
        var identity = await Identities.CreateAsync(registry, "removed-id", registry.ResourceGroupName, null, OperationContext.None);
        var group = await Instances.CreateAsync(registry, Request(registry, identity.Id), OperationContext.None);
        fx.ClearLog();

        var inUse = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Identities.RemoveAsync(registry, "removed-id", registry.ResourceGroupName, false, false, OperationContext.None));
        Assert.Equal(ErrorIds.PullIdentityInUse, inUse.ErrorId);
        Assert.Contains(group.Name, inUse.Message);
        Assert.False(Mutated());

        await Identities.RemoveAsync(registry, "removed-id", registry.ResourceGroupName, false, true, OperationContext.None);

        Assert.Empty(await Identities.ListAsync(registry, null, null, OperationContext.None));
        Assert.Contains(fx.ArmRequests, r => r.Method == "DELETE" && r.Path.Contains("/roleAssignments/", StringComparison.Ordinal));
        Assert.Contains(fx.ArmRequests, r => r.Method == "DELETE" && r.Path.EndsWith("/userAssignedIdentities/removed-id", StringComparison.Ordinal));
        var again = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Identities.RemoveAsync(registry, "removed-id", registry.ResourceGroupName, false, true, OperationContext.None));
        Assert.Equal(ErrorIds.PullIdentityNotFound, again.ErrorId);
    }

    [Fact]
    public async Task KeepIdentity_takes_only_the_role_and_running_it_again_changes_nothing()
    {
        var registry = await fx.NewRegistryAsync();
        var identity = await Identities.CreateAsync(registry, "kept-id", registry.ResourceGroupName, null, OperationContext.None);

        await Identities.RemoveAsync(registry, "kept-id", registry.ResourceGroupName, true, false, OperationContext.None);
        fx.ClearLog();
        await Identities.RemoveAsync(registry, "kept-id", registry.ResourceGroupName, true, false, OperationContext.None);

        Assert.False(Mutated());
        Assert.Empty(await Identities.ListAsync(registry, null, null, OperationContext.None));
        // The identity is still there: making it again keeps it (same principal) and only gives the role back.
        var back = await Identities.CreateAsync(registry, "kept-id", registry.ResourceGroupName, null, OperationContext.None);
        Assert.Equal(identity.PrincipalId, back.PrincipalId);
        Assert.NotEqual(identity.RoleAssignmentId, back.RoleAssignmentId);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("-lead")]
    [InlineData("trailing\n")]
    public async Task A_bad_identity_name_is_refused_before_any_request(string name)
    {
        var registry = await fx.NewRegistryAsync();
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Identities.CreateAsync(registry, name, registry.ResourceGroupName, null, OperationContext.None));
        Assert.Equal(ErrorIds.InvalidIdentityName, error.ErrorId);
        Assert.Empty(fx.ArmRequests);
    }

    [Theory]
    [InlineData("pull-id")]
    [InlineData("/subscriptions/x/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull-id")]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers/Microsoft.KeyVault/vaults/pull-id")]
    public void A_pull_identity_that_is_not_an_identity_id_is_refused_before_any_request(string id)
    {
        var error = Assert.Throws<AcrGeoException>(() => ContainerInstanceOperations.Check(new ContainerInstanceRequest
        {
            Name = "aci-check", ResourceGroupName = "g", Image = "aci-helloworld:v1", PullIdentityId = id,
        }));
        Assert.Equal(ErrorIds.InvalidPullIdentity, error.ErrorId);
    }

    [Fact]
    public async Task A_group_pulls_with_the_identity_no_password_sent()
    {
        var registry = await RegistryWithImageAsync();
        var identity = await Identities.CreateAsync(registry, "aci-pull", registry.ResourceGroupName, null, OperationContext.None);

        var group = await Instances.CreateAsync(registry, Request(registry, identity.Id), OperationContext.None);

        Assert.Equal("Running", group.State);
        Assert.Equal(identity.Id, group.PullIdentityId);
        Assert.Null(group.RegistryUserName);
        var pull = fx.Emulator.Pulls.Snapshot().Last();
        Assert.Equal(("Identity", true), (pull.Credential, pull.Succeeded));
    }

    [Fact]
    public async Task An_identity_that_does_not_exist_is_told_apart_before_anything_is_created()
    {
        var registry = await RegistryWithImageAsync();
        var missing = $"/subscriptions/{fx.Emulator.Identity.SubscriptionId}/resourceGroups/{registry.ResourceGroupName}" +
                      "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/never-made";
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() => Instances.CreateAsync(registry, Request(registry, missing), OperationContext.None));
        Assert.Equal(ErrorIds.PullIdentityNotFound, error.ErrorId);
        Assert.False(Mutated());
    }

    [Fact]
    public async Task An_identity_without_a_pull_role_is_told_apart_before_anything_is_created()
    {
        var registry = await RegistryWithImageAsync();
        var other = await fx.NewRegistryAsync();
        var identity = await Identities.CreateAsync(other, "other-pull", registry.ResourceGroupName, null, OperationContext.None);
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() => Instances.CreateAsync(registry, Request(registry, identity.Id), OperationContext.None));
        Assert.Equal(ErrorIds.PullIdentityRoleMissing, error.ErrorId);
        Assert.False(Mutated());
    }

    [Fact]
    public async Task An_image_the_registry_does_not_have_is_told_apart_for_an_identity_too()
    {
        var registry = await RegistryWithImageAsync();
        var identity = await Identities.CreateAsync(registry, "img-pull", registry.ResourceGroupName, null, OperationContext.None);
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Instances.CreateAsync(registry, Request(registry, identity.Id, "aci-helloworld:v9"), OperationContext.None));
        Assert.Equal(ErrorIds.ImageNotFound, error.ErrorId);
        Assert.False(Mutated());
    }

    [Fact]
    public async Task A_role_that_has_not_reached_the_registry_yet_is_waited_for()
    {
        var registry = await RegistryWithImageAsync();
        fx.Emulator.Settings.RoleAssignmentPropagationDelay = TimeSpan.FromSeconds(2);
        try
        {
            var identity = await Identities.CreateAsync(registry, "fresh-pull", registry.ResourceGroupName, null, OperationContext.None);
            fx.Emulator.Pulls.Clear();

            var group = await Instances.CreateAsync(registry, Request(registry, identity.Id), OperationContext.None);

            Assert.Equal("Running", group.State);
            var pulls = fx.Emulator.Pulls.Snapshot();
            Assert.True(pulls.Count >= 2, "the first PUT should have been refused while the role propagated");
            Assert.False(pulls[0].Succeeded);
            Assert.True(pulls[^1].Succeeded);
        }
        finally
        {
            fx.Emulator.Settings.RoleAssignmentPropagationDelay = TimeSpan.Zero;
        }
    }
}

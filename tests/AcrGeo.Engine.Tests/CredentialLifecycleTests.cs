using System.Net;
using System.Security;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Engine.Tests;

/// <summary>
/// The life of a pull password: which ones expire soon and who uses them, and a rotation that redeploys the container
/// groups with the new password and retires the old one only when every group is back.
/// </summary>
public sealed class CredentialLifecycleTests(EngineFixture fx) : IClassFixture<EngineFixture>
{
    const string HelloWorld = "mcr.microsoft.com/azuredocs/aci-helloworld:latest";

    PullPrincipalOperations Principals => new(fx.Connection);
    ContainerInstanceOperations Instances => new(fx.Connection);

    /// <summary>A registry with the hello-world image, a vault, and a pull principal whose password expires at <paramref name="expires"/>.</summary>
    async Task<(AcrRegistry Registry, AcrVault Vault, string User, SecureString Password)> PrincipalAsync(DateTimeOffset? expires = null)
    {
        var registry = await fx.NewRegistryAsync();
        await new ImageOperations(fx.Connection).ImportAsync(registry,
            new ImageImportRequest { Source = HelloWorld, Target = "aci-helloworld:v1" }, OperationContext.None);
        var vault = await new VaultOperations(fx.Connection).CreateAsync(new VaultRequest
        {
            Name = "kv" + Guid.NewGuid().ToString("N")[..12], ResourceGroupName = registry.ResourceGroupName, Location = "westus",
        }, OperationContext.None);
        await Principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest { EndDate = expires }, OperationContext.None);
        var (user, password) = await Principals.GetCredentialAsync(registry, vault.Name, "AcrPull", OperationContext.None);
        return (registry, vault, user, password);
    }

    async Task<AcrContainerInstance> GroupAsync(AcrRegistry registry, string user, SecureString password,
        IDictionary<string, SecureString>? secureEnvironment = null) =>
        await Instances.CreateAsync(registry, new ContainerInstanceRequest
        {
            Name = "aci-" + Guid.NewGuid().ToString("N")[..8], ResourceGroupName = registry.ResourceGroupName, Image = "aci-helloworld:v1",
            RegistryUserName = user, RegistryPassword = password, SecureEnvironment = secureEnvironment,
        }, OperationContext.None);

    static string Reveal(SecureString secret) => new NetworkCredential("", secret).Password;

    [Fact]
    public async Task The_sweep_lists_the_principals_expiring_within_the_window_with_the_groups_that_use_them_and_their_vault()
    {
        var (soon, soonVault, soonUser, soonPassword) = await PrincipalAsync(DateTimeOffset.UtcNow.AddDays(10));
        var (later, _, _, _) = await PrincipalAsync();
        var group = await GroupAsync(soon, soonUser, soonPassword);

        var swept = await Principals.SweepAsync(null, TimeSpan.FromDays(30), OperationContext.None);

        var expiring = Assert.Single(swept, p => p.RegistryName == soon.Name);
        Assert.Equal(soonUser, expiring.AppId);
        Assert.Equal(soonVault.Name, expiring.VaultName);
        Assert.Equal([$"{group.ResourceGroupName}/{group.Name}"], expiring.ContainerInstances);
        Assert.DoesNotContain(swept, p => p.RegistryName == later.Name);

        var everything = await Principals.SweepAsync(new[] { later }, null, OperationContext.None);
        Assert.Equal(later.Name, Assert.Single(everything).RegistryName);
        Assert.Empty(everything[0].ContainerInstances);
    }

    [Fact]
    public async Task A_negative_window_is_refused_before_any_request()
    {
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() => Principals.SweepAsync(null, TimeSpan.FromDays(-1), OperationContext.None));
        Assert.Equal(ErrorIds.InvalidExpiryWindow, error.ErrorId);
        Assert.Empty(fx.ArmRequests);
    }

    [Fact]
    public async Task A_rotation_redeploys_every_group_with_the_new_password_then_retires_the_old_with_no_failed_pull()
    {
        var (registry, vault, user, oldPassword) = await PrincipalAsync();
        var first = await GroupAsync(registry, user, oldPassword);
        var second = await GroupAsync(registry, user, oldPassword);
        fx.Emulator.Pulls.Clear();

        var (rotation, errors) = await Principals.ResetCredentialWithContainerInstancesAsync(registry, vault.Name, null, "AcrPull",
            TimeSpan.FromMinutes(1), OperationContext.None);

        Assert.Empty(errors);
        Assert.True(rotation.PreviousCredentialRemoved);
        Assert.Equal(new[] { first.Name, second.Name }.OrderBy(n => n), rotation.Updated.Select(g => g.Name).OrderBy(n => n));
        Assert.All(rotation.Updated, g => Assert.Equal("Running", g.State));
        var (_, newPassword) = await Principals.GetCredentialAsync(registry, vault.Name, "AcrPull", OperationContext.None);
        Assert.Equal(HttpStatusCode.OK, (await fx.SignInAsync(user, Reveal(newPassword))).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await fx.SignInAsync(user, Reveal(oldPassword))).Status);

        // The groups now hold the new password: they pull again on restart.
        foreach (var group in new[] { first, second })
            Assert.Equal("Running", (await Instances.RestartAsync(group.ResourceGroupName, group.Name, false, TimeSpan.FromMinutes(1),
                OperationContext.None)).State);
        var pulls = fx.Emulator.Pulls.Snapshot();
        Assert.Equal(4, pulls.Count);
        Assert.All(pulls, p => Assert.True(p.Succeeded, $"{p.ContainerGroup}: {p.Result}"));
    }

    [Fact]
    public async Task A_group_that_cannot_come_back_is_reported_and_the_old_password_kept_so_it_still_pulls()
    {
        var (registry, vault, user, oldPassword) = await PrincipalAsync();
        var plain = await GroupAsync(registry, user, oldPassword);
        var withSecret = await GroupAsync(registry, user, oldPassword,
            new Dictionary<string, SecureString> { ["API_KEY"] = EngineFixture.Secure("not-returned-by-azure") });

        var (rotation, errors) = await Principals.ResetCredentialWithContainerInstancesAsync(registry, vault.Name, null, "AcrPull",
            TimeSpan.FromMinutes(1), OperationContext.None);

        var error = Assert.Single(errors);
        Assert.Equal(ErrorIds.ContainerInstanceNotRedeployable, error.ErrorId);
        Assert.Contains("API_KEY", error.Message);
        Assert.False(rotation.PreviousCredentialRemoved);
        Assert.Equal([$"{withSecret.ResourceGroupName}/{withSecret.Name}"], rotation.Failed);
        Assert.Equal(plain.Name, Assert.Single(rotation.Updated).Name);
        Assert.Equal(HttpStatusCode.OK, (await fx.SignInAsync(user, Reveal(oldPassword))).Status);
        fx.Emulator.Pulls.Clear();
        await Instances.RestartAsync(withSecret.ResourceGroupName, withSecret.Name, false, TimeSpan.FromMinutes(1), OperationContext.None);
        Assert.True(Assert.Single(fx.Emulator.Pulls.Snapshot()).Succeeded);
    }

    [Fact]
    public async Task A_plain_reset_warns_about_the_groups_the_old_password_leaves_behind()
    {
        var (registry, vault, user, password) = await PrincipalAsync();
        var group = await GroupAsync(registry, user, password);
        var warnings = new List<string>();

        await Principals.ResetCredentialAsync(registry, vault.Name, null, "AcrPull", new OperationContext { Warning = warnings.Add });

        Assert.Contains($"{group.ResourceGroupName}/{group.Name}", Assert.Single(warnings));
        Assert.Contains("-UpdateContainerInstance", warnings[0]);
    }

    [Fact]
    public async Task A_group_is_stopped_started_and_restarted_and_shows_its_events_on_request()
    {
        var (registry, _, user, password) = await PrincipalAsync();
        var group = await GroupAsync(registry, user, password);

        var stopped = await Instances.StopAsync(group.ResourceGroupName, group.Name, OperationContext.None);
        Assert.Equal("Stopped", stopped.State);
        var listed = await Instances.ListAsync(group.ResourceGroupName, n => n == group.Name, OperationContext.None);
        Assert.Equal("Stopped", Assert.Single(listed).State);
        Assert.Empty(listed[0].Events);

        var started = await Instances.StartAsync(group.ResourceGroupName, group.Name, false, TimeSpan.FromMinutes(1), OperationContext.None);
        Assert.Equal("Running", started.State);
        var withEvents = await Instances.GetAsync(group.ResourceGroupName, group.Name, OperationContext.None, includeEvents: true);
        Assert.Contains(withEvents.Events, e => e.Name == "Pulled" && e.Container == group.Name);
        Assert.Contains(withEvents.Events, e => e.Name == "Started");

        var missing = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Instances.RestartAsync(group.ResourceGroupName, "no-such-group", false, TimeSpan.FromMinutes(1), OperationContext.None));
        Assert.Equal(ErrorIds.ContainerInstanceNotFound, missing.ErrorId);
    }
}

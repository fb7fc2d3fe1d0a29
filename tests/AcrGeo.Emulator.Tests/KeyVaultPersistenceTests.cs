using System.Net;

namespace AcrGeo.Emulator.Tests;

public sealed class KeyVaultPersistenceTests(PersistentEmulatorFixture fx) : IClassFixture<PersistentEmulatorFixture>
{
    [Fact]
    public async Task Vaults_their_secret_versions_and_deletions_survive_a_restart()
    {
        var (rg, vault) = await fx.VaultAsync();
        var (otherRg, deletedVault) = await fx.VaultAsync();
        var token = await fx.VaultTokenAsync();
        string firstVersion;
        using (var data = new VaultClient(fx.Emulator))
        {
            firstVersion = ((string)(await data.SendAsync(HttpMethod.Put, vault, "/secrets/pwd", token, new { value = "one" })).Body!["id"]!).Split('/')[^1];
            await data.SendAsync(HttpMethod.Put, vault, "/secrets/pwd", token, new { value = "two", tags = new { kept = "yes" } });
            await data.SendAsync(HttpMethod.Put, vault, "/secrets/old", token, new { value = "gone" });
            await data.SendAsync(HttpMethod.Delete, vault, "/secrets/old", token);
        }
        await fx.Arm.DeleteAsync(VaultPaths.Vault(fx.Subscription, otherRg, deletedVault));
        var vaultBefore = (await fx.Arm.GetAsync(VaultPaths.Vault(fx.Subscription, rg, vault))).Text;

        await fx.RestartAsync();

        Assert.Equal(vaultBefore, (await fx.Arm.GetAsync(VaultPaths.Vault(fx.Subscription, rg, vault))).Text);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(VaultPaths.DeletedVault(fx.Subscription, "westus", deletedVault))).Status);
        using var after = new VaultClient(fx.Emulator);
        var current = await after.SendAsync(HttpMethod.Get, vault, "/secrets/pwd", token);
        Assert.Equal("two", (string?)current.Body!["value"]);
        Assert.Equal("yes", (string?)current.Body["tags"]!["kept"]);
        Assert.Equal("one", (string?)(await after.SendAsync(HttpMethod.Get, vault, $"/secrets/pwd/{firstVersion}", token)).Body!["value"]);
        Assert.Equal(HttpStatusCode.OK, (await after.SendAsync(HttpMethod.Get, vault, "/deletedsecrets/old", token)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await after.SendAsync(HttpMethod.Put, vault, "/secrets/old", token, new { value = "x" })).Status);
    }
}

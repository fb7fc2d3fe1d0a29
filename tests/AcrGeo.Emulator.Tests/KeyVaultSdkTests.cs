using Azure;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace AcrGeo.Emulator.Tests;

/// <summary>
/// The real Key Vault SDK against the emulator, with nothing relaxed: a real-looking vault URL, challenge
/// authentication with its resource check, a client-secret credential whose authority is the emulator. Only the
/// transport is local: it dials the emulator for every host name and trusts exactly its certificate.
/// </summary>
public sealed class KeyVaultSdkTests(KeyVaultFixture fx) : IClassFixture<KeyVaultFixture>, IDisposable
{
    readonly HttpClient http = new(VaultClient.Handler(fx.Emulator));

    public void Dispose() => http.Dispose();

    SecretClient ClientFor(string vault)
    {
        var transport = new HttpClientTransport(http);
        var identity = fx.Emulator.Identity;
        var credential = new ClientSecretCredential(identity.TenantId, identity.ClientId, identity.ClientSecret,
            new ClientSecretCredentialOptions { AuthorityHost = fx.Emulator.BaseUri, DisableInstanceDiscovery = true, Transport = transport });
        return new SecretClient(new Uri($"https://{vault}.vault.azure.net/"), credential,
            new SecretClientOptions { Transport = transport, Retry = { MaxRetries = 0 } });
    }

    [Fact]
    public async Task SecretClient_sets_gets_lists_and_deletes_secrets_after_the_challenge()
    {
        var (_, vault) = await fx.VaultAsync();
        var client = ClientFor(vault);
        var expires = DateTimeOffset.FromUnixTimeSeconds(fx.Clock.GetUtcNow().AddDays(365).ToUnixTimeSeconds());

        KeyVaultSecret set = await client.SetSecretAsync(new KeyVaultSecret("myregistry-pull-pwd", "p@ss w0rd")
        {
            Properties = { ContentType = "text/plain", ExpiresOn = expires, Tags = { ["registry"] = "myregistry" } },
        });
        await client.SetSecretAsync("myregistry-pull-usr", "00000000-0000-0000-0000-000000000001");

        Assert.Equal("p@ss w0rd", set.Value);
        Assert.Equal(new Uri($"https://{vault}.vault.azure.net/"), set.Properties.VaultUri);
        KeyVaultSecret got = await client.GetSecretAsync("myregistry-pull-pwd");
        Assert.Equal("p@ss w0rd", got.Value);
        Assert.Equal(set.Properties.Version, got.Properties.Version);
        Assert.Equal(expires, got.Properties.ExpiresOn);
        Assert.Equal("myregistry", got.Properties.Tags["registry"]);
        Assert.Equal("Recoverable+Purgeable", got.Properties.RecoveryLevel);

        var names = new List<string>();
        await foreach (var properties in client.GetPropertiesOfSecretsAsync()) names.Add(properties.Name);
        Assert.Equal(["myregistry-pull-pwd", "myregistry-pull-usr"], names.Order());

        var delete = await client.StartDeleteSecretAsync("myregistry-pull-pwd");
        await delete.WaitForCompletionAsync();
        Assert.NotNull(delete.Value.RecoveryId);
        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("myregistry-pull-pwd"));
        Assert.Equal(404, gone.Status);
        Assert.Equal("SecretNotFound", gone.ErrorCode);
        DeletedSecret deleted = await client.GetDeletedSecretAsync("myregistry-pull-pwd");
        Assert.Equal(set.Properties.Version, deleted.Properties.Version);
        await client.PurgeDeletedSecretAsync("myregistry-pull-pwd");

        // The challenge: the SDK's first request went without a token (and without its body), then again with one.
        var requests = fx.Emulator.Requests.Snapshot().Where(r => r.Host == $"{vault}.vault.azure.net").ToList();
        Assert.Equal(("PUT", 401), (requests[0].Method, requests[0].Status));
        Assert.Equal(("PUT", 200), (requests[1].Method, requests[1].Status));
        Assert.Equal("2026-04-01", requests[0].ApiVersion);
        Assert.Single(requests, r => r.Status == 401);
    }

    [Fact]
    public async Task SecretClient_sees_Key_Vault_refusals_as_request_failures_with_their_codes()
    {
        var (_, vault) = await fx.VaultAsync(rbac: true);
        var client = ClientFor(vault);

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync("pwd", "v"));

        Assert.Equal(403, refused.Status);
        Assert.Equal("Forbidden", refused.ErrorCode);
        Assert.Contains("Microsoft.KeyVault/vaults/secrets/setSecret/action", refused.Message);
    }
}

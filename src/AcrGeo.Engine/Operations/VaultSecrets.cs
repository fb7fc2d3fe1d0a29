using System;
using System.Collections.Generic;
using System.Security;
using System.Threading.Tasks;
using AcrGeo.Connection;
using AcrGeo.Models;
using Azure;
using Azure.Security.KeyVault.Secrets;

namespace AcrGeo.Operations;

/// <summary>One vault's secrets through the Key Vault SDK, with its failures as the engine's errors.</summary>
sealed class VaultSecrets
{
    readonly SecretClient client;
    readonly AcrVault vault;
    readonly Uri vaultUri;
    readonly int retries;

    public VaultSecrets(AcrGeoConnection connection, AcrVault vault)
    {
        this.vault = vault;
        vaultUri = vault.VaultUri ?? new Uri($"https://{vault.Name}{connection.Cloud.KeyVaultSuffix}/");
        retries = connection.Settings.MaxRetries;
        client = connection.Secrets(vaultUri);
    }

    /// <summary>The secret, or null when the vault has none by that name.</summary>
    public async Task<KeyVaultSecret?> GetAsync(string name, OperationContext context)
    {
        try
        {
            return (await client.GetSecretAsync(name, cancellationToken: context.Cancellation).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (Exception e) when (Refused(e, name) is { } refused)
        {
            throw refused;
        }
    }

    public Task SetAsync(string name, string value, DateTimeOffset? expiresOn, IDictionary<string, string> tags, OperationContext context) =>
        SetAsync(name, value, expiresOn, tags, context, name);

    /// <summary>Stores a secret held in a SecureString: it is revealed only for the call, and cleared right after.</summary>
    public Task SetAsync(string name, SecureString value, DateTimeOffset? expiresOn, IDictionary<string, string> tags,
        OperationContext context) =>
        SetAsync(name, SecureText.Reveal(value), expiresOn, tags, context, name);

    async Task SetAsync(string name, string value, DateTimeOffset? expiresOn, IDictionary<string, string> tags, OperationContext context,
        string target)
    {
        var secret = new KeyVaultSecret(name, value);
        secret.Properties.ContentType = "text/plain";
        secret.Properties.ExpiresOn = expiresOn;
        foreach (var tag in tags) secret.Properties.Tags[tag.Key] = tag.Value;
        try
        {
            try
            {
                await client.SetSecretAsync(secret, context.Cancellation).ConfigureAwait(false);
            }
            // Key Vault says so with code Conflict and the inner error ObjectIsDeletedButRecoverable.
            catch (RequestFailedException e) when (e.Status == 409 && e.Message.Contains("ObjectIsDeletedButRecoverable"))
            {
                // A soft-deleted secret of that name (an earlier removal or roll-back) blocks the name until it is
                // recovered or purged; recovering needs no purge right and works under purge protection.
                context.Log($"Secret '{name}' was deleted earlier; recovering it before storing the new value.");
                var recovery = await client.StartRecoverDeletedSecretAsync(name, context.Cancellation).ConfigureAwait(false);
                await recovery.WaitForCompletionAsync(TimeSpan.FromSeconds(1), context.Cancellation).ConfigureAwait(false);
                await client.SetSecretAsync(secret, context.Cancellation).ConfigureAwait(false);
            }
            context.Log($"Stored secret '{name}' in vault '{vault.Name}'.");
        }
        catch (Exception e) when (Refused(e, target) is { } refused)
        {
            throw refused;
        }
    }

    /// <summary>Deletes a secret (soft-deleted where the vault keeps deleted secrets); a missing one counts as deleted.</summary>
    public async Task DeleteAsync(string name, OperationContext context)
    {
        try
        {
            await client.StartDeleteSecretAsync(name, context.Cancellation).ConfigureAwait(false);
            context.Log($"Deleted secret '{name}' from vault '{vault.Name}'.");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
        catch (Exception e) when (Refused(e, name) is { } refused)
        {
            throw refused;
        }
    }

    /// <summary>
    /// What the SDK threw as the engine's error: Key Vault unavailable (transport, throttling, server errors after the
    /// retries, sign-in), or its refusal with its code, never a secret value and no request details. Null for the
    /// caller's own cancellation.
    /// </summary>
    AcrGeoException? Refused(Exception e, string secretName) =>
        ServiceFailure.From(e, Service.KeyVault, vaultUri, retries, secretName) is { } unavailable ? unavailable
        : e is RequestFailedException refused ? new AcrGeoException(
            refused.Status == 403 ? ErrorIds.VaultAccessDenied : ErrorIds.ArmPrefix + (refused.ErrorCode ?? refused.Status.ToString()),
            refused.Status == 403 ? AcrErrorCategory.PermissionDenied : AcrErrorCategory.InvalidOperation,
            $"Key vault '{vault.Name}' refused the operation on secret '{secretName}' ({refused.ErrorCode ?? "HTTP " + refused.Status}).", secretName,
            null, refused.ErrorCode, refused.Status)
        : null;
}

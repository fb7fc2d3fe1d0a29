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

    public VaultSecrets(AcrGeoConnection connection, AcrVault vault)
    {
        this.vault = vault;
        client = connection.Secrets(vault.VaultUri ?? new Uri($"https://{vault.Name}{connection.Cloud.KeyVaultSuffix}/"));
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
        catch (RequestFailedException e)
        {
            throw Refused(e, name);
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
        catch (RequestFailedException e)
        {
            throw Refused(e, target);
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
        catch (RequestFailedException e)
        {
            throw Refused(e, name);
        }
    }

    /// <summary>The service's refusal: its message (which never holds a secret value) and code, no request details.</summary>
    AcrGeoException Refused(RequestFailedException e, string secretName) => new(
        e.Status == 403 ? ErrorIds.VaultAccessDenied : ErrorIds.ArmPrefix + (e.ErrorCode ?? e.Status.ToString()),
        e.Status == 403 ? AcrErrorCategory.PermissionDenied : AcrErrorCategory.InvalidOperation,
        $"Key vault '{vault.Name}' refused the operation on secret '{secretName}' ({e.ErrorCode ?? "HTTP " + e.Status}).", secretName,
        null, e.ErrorCode, e.Status);
}

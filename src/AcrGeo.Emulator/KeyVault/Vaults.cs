using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.KeyVault;

/// <summary>
/// Key vaults as stored: active vaults are <c>Microsoft.KeyVault/vaults</c> records under their resource group (their
/// secrets in the record's private bag); a soft-deleted vault is a subscription-level record at its deleted-vault id,
/// holding the vault's properties and secrets until it is recovered, purged, or its retention ends.
/// </summary>
static partial class Vaults
{
    public const string Namespace = "Microsoft.KeyVault";
    public const string VaultType = Namespace + "/vaults";
    /// <summary>The record type of a soft-deleted vault; rendered as <c>Microsoft.KeyVault/deletedVaults</c>. Nested, so
    /// generic resource lists leave it out, as ARM does.</summary>
    public const string DeletedVaultRecordType = Namespace + "/locations/deletedVaults";
    public const string DeletedVaultType = Namespace + "/deletedVaults";
    public const string DnsSuffix = ".vault.azure.net";

    /// <summary>Vault names: 3-24 letters, digits and hyphens; a letter first; a letter or digit last; no "--".</summary>
    public static bool IsValidName(string name) => VaultName().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal);

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]\\z")]
    private static partial Regex VaultName();

    public static string InvalidNameMessage(string name) =>
        $"The vault name '{name}' is invalid. A vault's name must be between 3-24 alphanumeric characters. The name must begin " +
        "with a letter, end with a letter or digit, and not contain consecutive hyphens. Follow this link for more information: " +
        "https://go.microsoft.com/fwlink/?linkid=2147742";

    // Azure's own wording, spelling included.
    public static string NameInUseMessage(string name) =>
        $"The vault name '{name}' is already in use. Vault names are globaly unique so it is possible that the name is already " +
        "taken. If you are sure that the vault name was not taken then it is possible that a vault with the same name was " +
        "recently deleted but not purged after being placed in a recoverable state. If the vault is in a recoverable state then " +
        "the vault will need to be purged before reusing the name. For more information on VaultAlreadyExists, soft delete and " +
        "purging a vault follow this link https://go.microsoft.com/fwlink/?linkid=2147740.";

    public const string DeletedStateMessage =
        "A vault with the same name already exists in deleted state. You need to either recover or purge existing key vault. " +
        "Follow this link https://go.microsoft.com/fwlink/?linkid=2149745 for more information on soft delete.";

    /// <summary>The data-plane URI; DNS names are case-insensitive and Azure writes them in lower case.</summary>
    public static string VaultUri(string name) => $"https://{name.ToLowerInvariant()}{DnsSuffix}/";

    /// <summary>The vault a data-plane host name stands for ("name.vault.azure.net", any port), or null.</summary>
    public static string? NameFromHost(string host)
    {
        if (!host.EndsWith(DnsSuffix, StringComparison.OrdinalIgnoreCase)) return null;
        var label = host[..^DnsSuffix.Length];
        return label.Length > 0 && !label.Contains('.') ? label : null;
    }

    public static ResourceRecord? FindActive(EmulatorState state, string name) =>
        state.Resources.Values.FirstOrDefault(r => r.Type == VaultType && r.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A soft-deleted vault by name, while its retention lasts (a purge under way still holds the name).</summary>
    public static ResourceRecord? FindDeleted(EmulatorState state, string name, DateTimeOffset now) =>
        state.Resources.Values.FirstOrDefault(r => r.Type == DeletedVaultRecordType
                                                   && r.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
                                                   && !(r.DeletingUntil <= now));

    public static string DeletedVaultId(string subscriptionId, string location, string name) =>
        $"/subscriptions/{subscriptionId}/providers/{Namespace}/locations/{location}/deletedVaults/{name}";

    public static bool RbacEnabled(ResourceRecord vault) => ArmHttp.ReadBool(vault.Properties, "enableRbacAuthorization") == true;

    public static bool PurgeProtected(ResourceRecord vault) => ArmHttp.ReadBool(vault.Properties, "enablePurgeProtection") == true;

    public static int RetentionDays(ResourceRecord vault) => (int?)vault.Properties["softDeleteRetentionInDays"] ?? 90;

    /// <summary>
    /// What Key Vault reports as the recovery level of objects in the vault: every vault soft-deletes; a retention
    /// shorter than 90 days is "Customized"; purge protection takes away "+Purgeable".
    /// </summary>
    public static string RecoveryLevel(ResourceRecord vault) =>
        (RetentionDays(vault) < 90 ? "CustomizedRecoverable" : "Recoverable") + (PurgeProtected(vault) ? "" : "+Purgeable");

    /// <summary>
    /// Moves a vault to the deleted vaults, with its secrets, and removes it and everything below it (its role
    /// assignments go, as they do in Azure). The deleted vault is purged by itself when its retention ends.
    /// </summary>
    public static ResourceRecord SoftDelete(EmulatorState state, ResourceRecord vault, DateTimeOffset when)
    {
        var location = vault.Location ?? "global";
        var purgeAt = when.AddDays(RetentionDays(vault));
        var deleted = new ResourceRecord
        {
            Id = DeletedVaultId(ArmIds.SubscriptionOf(vault.Id), location, vault.Name),
            Type = DeletedVaultRecordType,
            Name = vault.Name,
            Location = location,
            Tags = new Dictionary<string, string>(vault.Tags),
            Properties = (JsonObject)vault.Properties.DeepClone(),
            Private = (JsonObject)vault.Private.DeepClone(),
            CreatedAt = vault.CreatedAt,
            ModifiedAt = when,
            CreatedBy = vault.CreatedBy,
            ProvisionedAt = when,
            DeletingUntil = purgeAt,
        };
        deleted.Private["vaultId"] = vault.Id;
        deleted.Private["deletionDate"] = ArmHttp.Time(when);
        deleted.Private["scheduledPurgeDate"] = ArmHttp.Time(purgeAt);
        foreach (var gone in state.SubtreeOf(vault.Id).ToList())
            state.Resources.Remove(gone.Id);
        state.Resources[deleted.Id] = deleted;
        return deleted;
    }

    /// <summary>
    /// Called before the emulator removes everything below a resource whose delete has finished (a resource group):
    /// as in Azure, the vaults in it are soft-deleted, not destroyed.
    /// </summary>
    public static void SoftDeleteVaultsWithin(EmulatorState state, string scopeId, DateTimeOffset when)
    {
        foreach (var vault in state.SubtreeOf(scopeId).Where(r => r.Type == VaultType).ToList())
            SoftDelete(state, vault, when);
    }

    public static ArmException DeletedVaultNotFound(string name) =>
        new(HttpStatusCode.NotFound, "ResourceNotFound",
            $"The Resource '{DeletedVaultType}/{name}' under resource group '<null>' was not found. For more details please go to " +
            "https://aka.ms/ARMResourceNotFoundFix");
}

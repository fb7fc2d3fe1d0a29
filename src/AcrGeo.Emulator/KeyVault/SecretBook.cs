using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.KeyVault;

/// <summary>One version of a secret: its value and the attributes Key Vault keeps per version.</summary>
public sealed class SecretVersion
{
    public required string Version { get; set; }
    public required string Value { get; set; }
    public string? ContentType { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>Not-before and expiry, in Unix seconds as the wire has them.</summary>
    public long? NotBefore { get; set; }
    public long? Expires { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset Updated { get; set; }
}

/// <summary>A secret: its versions in the order they were made (the last is the current one), and its deletion.</summary>
public sealed class StoredSecret
{
    public required string Name { get; set; }
    public List<SecretVersion> Versions { get; set; } = [];
    public DateTimeOffset? DeletedOn { get; set; }
    public DateTimeOffset? ScheduledPurge { get; set; }

    public SecretVersion Current => Versions[^1];

    public bool IsDeleted => DeletedOn is not null;
}

/// <summary>
/// The secrets of one vault, kept in the vault record's private bag (persisted with the state; never rendered by ARM).
/// Names are case-insensitive, as Key Vault's are. Load, change, <see cref="Save"/> inside one state write.
/// </summary>
public sealed class SecretBook
{
    const string Key = "secrets";
    readonly ResourceRecord vault;
    readonly Dictionary<string, StoredSecret> secrets;

    SecretBook(ResourceRecord vault, Dictionary<string, StoredSecret> secrets)
    {
        this.vault = vault;
        this.secrets = secrets;
    }

    public static SecretBook Of(ResourceRecord vault)
    {
        var stored = vault.Private[Key]?.Deserialize<Dictionary<string, StoredSecret>>();
        return new SecretBook(vault, new Dictionary<string, StoredSecret>(stored ?? new(), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Secrets whose soft-delete retention has ended are gone, whether or not anything removed them yet.</summary>
    public StoredSecret? Find(string name, DateTimeOffset now) =>
        secrets.TryGetValue(name, out var secret) && !(secret.ScheduledPurge <= now) ? secret : null;

    public IEnumerable<StoredSecret> All(DateTimeOffset now) =>
        secrets.Values.Where(s => !(s.ScheduledPurge <= now)).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase);

    public void Put(StoredSecret secret) => secrets[secret.Name] = secret;

    public void Remove(string name) => secrets.Remove(name);

    public void Save(DateTimeOffset now)
    {
        foreach (var expired in secrets.Values.Where(s => s.ScheduledPurge <= now).ToList())
            secrets.Remove(expired.Name);
        vault.Private[Key] = JsonSerializer.SerializeToNode(secrets);
    }

    public static string NewVersion() => Guid.NewGuid().ToString("N");
}

/// <summary>Renders secrets the way the Key Vault data plane writes them.</summary>
static class SecretJson
{
    public static string BaseUrl(string vaultName) => Vaults.VaultUri(vaultName).TrimEnd('/');

    public static string Id(string vaultName, string secret, string? version = null) =>
        $"{BaseUrl(vaultName)}/secrets/{secret}" + (version is null ? "" : "/" + version);

    public static JsonObject Attributes(SecretVersion version, ResourceRecord vault)
    {
        var attributes = new JsonObject { ["enabled"] = version.Enabled };
        if (version.NotBefore is { } nbf) attributes["nbf"] = nbf;
        if (version.Expires is { } exp) attributes["exp"] = exp;
        attributes["created"] = version.Created.ToUnixTimeSeconds();
        attributes["updated"] = version.Updated.ToUnixTimeSeconds();
        attributes["recoveryLevel"] = Vaults.RecoveryLevel(vault);
        attributes["recoverableDays"] = Vaults.RetentionDays(vault);
        return attributes;
    }

    /// <summary>A SecretBundle; the value only where the operation returns it (get, set).</summary>
    public static JsonObject Bundle(ResourceRecord vault, StoredSecret secret, SecretVersion version, bool withValue)
    {
        var body = new JsonObject();
        if (withValue) body["value"] = version.Value;
        body["id"] = Id(vault.Name, secret.Name, version.Version);
        AddCommon(body, vault, version);
        return body;
    }

    /// <summary>A list item: no value; the secret's id alone in a list of secrets, with the version in a list of versions.</summary>
    public static JsonObject Item(ResourceRecord vault, StoredSecret secret, SecretVersion version, bool withVersion)
    {
        var body = new JsonObject { ["id"] = Id(vault.Name, secret.Name, withVersion ? version.Version : null) };
        AddCommon(body, vault, version);
        return body;
    }

    /// <summary>A DeletedSecretBundle or DeletedSecretItem: no value, with the recovery id and dates.</summary>
    public static JsonObject Deleted(ResourceRecord vault, StoredSecret secret, bool item)
    {
        var body = new JsonObject
        {
            ["recoveryId"] = $"{BaseUrl(vault.Name)}/deletedsecrets/{secret.Name}",
            ["deletedDate"] = secret.DeletedOn?.ToUnixTimeSeconds(),
            ["scheduledPurgeDate"] = secret.ScheduledPurge?.ToUnixTimeSeconds(),
        };
        body["id"] = Id(vault.Name, secret.Name, item ? null : secret.Current.Version);
        AddCommon(body, vault, secret.Current);
        return body;
    }

    static void AddCommon(JsonObject body, ResourceRecord vault, SecretVersion version)
    {
        if (version.ContentType is not null) body["contentType"] = version.ContentType;
        body["attributes"] = Attributes(version, vault);
        if (version.Tags is { Count: > 0 } tags)
            body["tags"] = new JsonObject(tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.Graph;

/// <summary>
/// The tenant's Entra ID directory as Microsoft Graph manages it: app registrations and their service principals.
/// The emulator's own service principal and managed identity are not stored here; they follow from the emulator's
/// identity (<see cref="BuiltInServicePrincipals"/>), so state files from before the directory existed keep working.
/// </summary>
public sealed class DirectoryState
{
    public List<DirectoryApplication> Applications { get; set; } = [];
    public List<DirectoryServicePrincipal> ServicePrincipals { get; set; } = [];
    /// <summary>Ids of deleted applications and service principals, until they are deleted for good (deletedItems).</summary>
    public List<string> DeletedObjectIds { get; set; } = [];

    /// <summary>The emulator's own app registration (it has no password here: its secret is the emulator's identity).</summary>
    public static DirectoryApplication BuiltInApplication(EmulatorIdentity identity) => new()
    {
        Id = DerivedId("application", identity.ClientId),
        AppId = identity.ClientId,
        DisplayName = "AcrGeo Emulator",
        CreatedDateTime = DateTimeOffset.UnixEpoch,
        BuiltIn = true,
    };

    public static IEnumerable<DirectoryServicePrincipal> BuiltInServicePrincipals(EmulatorIdentity identity) =>
    [
        new()
        {
            Id = identity.PrincipalObjectId,
            AppId = identity.ClientId,
            DisplayName = "AcrGeo Emulator",
            ServicePrincipalNames = [identity.ClientId],
            AppOwnerOrganizationId = identity.TenantId,
            CreatedDateTime = DateTimeOffset.UnixEpoch,
            BuiltIn = true,
        },
        new()
        {
            Id = identity.ManagedIdentityObjectId,
            AppId = identity.ManagedIdentityClientId,
            DisplayName = "acrgeo-emulator-identity",
            ServicePrincipalType = "ManagedIdentity",
            ServicePrincipalNames = [identity.ManagedIdentityClientId],
            // Managed identities belong to Microsoft's first-party tenant, as in Azure.
            AppOwnerOrganizationId = "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
            CreatedDateTime = DateTimeOffset.UnixEpoch,
            BuiltIn = true,
        },
    ];

    public IEnumerable<DirectoryApplication> AllApplications(EmulatorIdentity identity) =>
        Applications.Prepend(BuiltInApplication(identity));

    public IEnumerable<DirectoryServicePrincipal> AllServicePrincipals(EmulatorIdentity identity) =>
        BuiltInServicePrincipals(identity).Concat(ServicePrincipals);

    public DirectoryApplication? ApplicationByAppId(EmulatorIdentity identity, string appId) =>
        AllApplications(identity).FirstOrDefault(a => a.AppId.Equals(appId, StringComparison.OrdinalIgnoreCase));

    public DirectoryServicePrincipal? ServicePrincipalByAppId(EmulatorIdentity identity, string appId) =>
        AllServicePrincipals(identity).FirstOrDefault(p => p.AppId.Equals(appId, StringComparison.OrdinalIgnoreCase));

    public DirectoryServicePrincipal? ServicePrincipalById(EmulatorIdentity identity, string objectId) =>
        AllServicePrincipals(identity).FirstOrDefault(p => p.Id.Equals(objectId, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The ARM principal type of a directory object, as role assignments see it: null when unknown. Entra ID
    /// replicates a new object to the role-assignment service with a delay; a lookup that does not
    /// <paramref name="skipReplication"/> (because the caller named the principal type) misses objects younger than it.
    /// </summary>
    public string? PrincipalType(EmulatorIdentity identity, string objectId, DateTimeOffset now, TimeSpan replicationDelay,
        bool skipReplication)
    {
        var principal = ServicePrincipalById(identity, objectId);
        if (principal is null) return null;
        return skipReplication || principal.CreatedDateTime + replicationDelay <= now ? "ServicePrincipal" : null;
    }

    /// <summary>A stable id for an object derived from the emulator's identity, the same across restarts.</summary>
    static string DerivedId(string kind, string seed) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + seed))[..16]).ToString();
}

/// <summary>An app registration: the identity an application signs in as, with its client secrets.</summary>
public sealed class DirectoryApplication
{
    public required string Id { get; set; }
    public required string AppId { get; set; }
    public required string DisplayName { get; set; }
    public DateTimeOffset CreatedDateTime { get; set; }
    /// <summary>The other writable properties, as Graph shapes them (description, tags, identifierUris, web...).</summary>
    public JsonObject Properties { get; set; } = new();
    public List<PasswordCredential> PasswordCredentials { get; set; } = [];
    [JsonIgnore]
    public bool BuiltIn { get; init; }
}

/// <summary>An application's instance in the tenant: what role assignments name and tokens speak for.</summary>
public sealed class DirectoryServicePrincipal
{
    public required string Id { get; set; }
    public required string AppId { get; set; }
    public required string DisplayName { get; set; }
    public string ServicePrincipalType { get; set; } = "Application";
    public bool AccountEnabled { get; set; } = true;
    public List<string> ServicePrincipalNames { get; set; } = [];
    public string AppOwnerOrganizationId { get; set; } = "";
    /// <summary>Not a Graph property of service principals; kept for the directory's replication delay.</summary>
    public DateTimeOffset CreatedDateTime { get; set; }
    public JsonObject Properties { get; set; } = new();
    [JsonIgnore]
    public bool BuiltIn { get; init; }
}

/// <summary>
/// A client secret. Only a salted SHA-256 hash of it is kept: the text is shown once, in the addPassword
/// response, and is never written to the state file.
/// </summary>
public sealed class PasswordCredential
{
    public required string KeyId { get; set; }
    public string? DisplayName { get; set; }
    public required string Hint { get; set; }
    public DateTimeOffset StartDateTime { get; set; }
    public DateTimeOffset EndDateTime { get; set; }
    public required string Salt { get; set; }
    public required string Hash { get; set; }

    /// <summary>A new credential and its secret text, which the caller returns once and forgets.</summary>
    public static (PasswordCredential Credential, string SecretText) Create(string? displayName, DateTimeOffset start, DateTimeOffset end)
    {
        var secret = EmulatorIdentity.NewSecret();
        var salt = RandomNumberGenerator.GetBytes(16);
        return (new PasswordCredential
        {
            KeyId = Guid.NewGuid().ToString(),
            DisplayName = displayName,
            Hint = secret[..3],
            StartDateTime = start,
            EndDateTime = end,
            Salt = Convert.ToBase64String(salt),
            Hash = Convert.ToBase64String(HashOf(salt, secret)),
        }, secret);
    }

    /// <summary>Whether <paramref name="secret"/> is this credential's, compared in constant time.</summary>
    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(HashOf(Convert.FromBase64String(Salt), secret), Convert.FromBase64String(Hash));

    static byte[] HashOf(byte[] salt, string secret) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(secret)]);
}

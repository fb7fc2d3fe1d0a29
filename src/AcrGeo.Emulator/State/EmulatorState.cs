using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AcrGeo.Emulator.State;

/// <summary>Everything the emulator knows; what <c>--state FILE</c> persists.</summary>
public sealed class EmulatorState
{
    public EmulatorIdentity Identity { get; set; } = EmulatorIdentity.CreateNew();

    /// <summary>ARM resources of every type, keyed by resource id (ARM ids are case-insensitive).</summary>
    public Dictionary<string, ResourceRecord> Resources { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Long-running operations, keyed by operation id, so polls survive a restart.</summary>
    public Dictionary<string, OperationRecord> Operations { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The tenant's Entra ID directory (Microsoft Graph): app registrations and service principals.</summary>
    public Graph.DirectoryState Directory { get; set; } = new();

    /// <summary>Subscriptions beyond the identity's own (admin API, <c>--subscriptions</c>): for fleets that span several.</summary>
    public List<EmulatorSubscription> AdditionalSubscriptions { get; set; } = new();

    /// <summary>Every subscription of the tenant, the identity's own first.</summary>
    public IEnumerable<EmulatorSubscription> Subscriptions =>
        AdditionalSubscriptions.Prepend(new EmulatorSubscription(Identity.SubscriptionId, Identity.SubscriptionName));

    /// <summary>The subscription with this id (ids are GUIDs, compared without regard to case), or null.</summary>
    public EmulatorSubscription? FindSubscription(string id) =>
        Subscriptions.FirstOrDefault(s => s.Id.Equals(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The resource and everything nested below it (child resources share the id as a prefix).</summary>
    public IEnumerable<ResourceRecord> SubtreeOf(string id) =>
        Resources.Values.Where(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase)
                                    || r.Id.StartsWith(id + "/", StringComparison.OrdinalIgnoreCase));

    public IEnumerable<ResourceRecord> ChildrenOf(string parentId, string type) =>
        Resources.Values.Where(r => r.Type.Equals(type, StringComparison.OrdinalIgnoreCase)
                                    && r.Id.StartsWith(parentId + "/", StringComparison.OrdinalIgnoreCase));

    public ResourceRecord? Find(string id) => Resources.GetValueOrDefault(id);
}

/// <summary>A subscription of the emulator's tenant.</summary>
public sealed record EmulatorSubscription(string Id, string DisplayName);

/// <summary>The tenant, subscription and principals the emulator answers as and for.</summary>
public sealed class EmulatorIdentity
{
    public required string TenantId { get; set; }
    public required string SubscriptionId { get; set; }
    public string SubscriptionName { get; set; } = "AcrGeo Emulator";
    public required string ClientId { get; set; }
    public required string ClientSecret { get; set; }
    public required string PrincipalObjectId { get; set; }
    public required string ManagedIdentityClientId { get; set; }
    public required string ManagedIdentityObjectId { get; set; }
    public required string IdentityHeader { get; set; }
    /// <summary>HMAC key that signs the tokens; kept so tokens stay valid across a restart.</summary>
    public required string SigningKey { get; set; }

    public static EmulatorIdentity CreateNew() => new()
    {
        TenantId = Guid.NewGuid().ToString(),
        SubscriptionId = Guid.NewGuid().ToString(),
        ClientId = Guid.NewGuid().ToString(),
        ClientSecret = NewSecret(),
        PrincipalObjectId = Guid.NewGuid().ToString(),
        ManagedIdentityClientId = Guid.NewGuid().ToString(),
        ManagedIdentityObjectId = Guid.NewGuid().ToString(),
        IdentityHeader = Guid.NewGuid().ToString("N"),
        SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    };

    /// <summary>A secret shaped like Entra ID's: 40 characters, URL-safe.</summary>
    public static string NewSecret() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(30))
            .Replace('+', '~').Replace('/', '_');
}

/// <summary>
/// One ARM resource. Generic on purpose: ids, tags, SKU and properties are stored as ARM shapes them;
/// time-dependent fields (provisioning state, sync status) are derived from the timestamps when rendered, so
/// a resource moves through its states with no timers, and does so across restarts.
/// </summary>
public sealed class ResourceRecord
{
    public required string Id { get; set; }
    public required string Type { get; set; }
    public required string Name { get; set; }
    public string? Location { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new();
    public JsonObject? Sku { get; set; }
    public JsonObject Properties { get; set; } = new();
    /// <summary>What the service keeps but never returns in the resource body (passwords, webhook URIs, events).</summary>
    public JsonObject Private { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public string? CreatedBy { get; set; }

    /// <summary>Until then the resource reports <see cref="PendingState"/> (Creating or Updating).</summary>
    public DateTimeOffset ProvisionedAt { get; set; }
    public string PendingState { get; set; } = "Creating";
    /// <summary>Until then a replica reports Syncing; after, Ready.</summary>
    public DateTimeOffset SyncedAt { get; set; }
    /// <summary>Set when the last long-running operation on the resource ended Failed.</summary>
    public ArmErrorRecord? ProvisioningError { get; set; }
    /// <summary>Set while a delete is under way; the resource disappears at this time.</summary>
    public DateTimeOffset? DeletingUntil { get; set; }

    [JsonIgnore]
    public string ResourceGroup => ArmIds.ResourceGroupOf(Id);

    public string ProvisioningState(DateTimeOffset now) =>
        DeletingUntil is not null ? "Deleting"
        : now < ProvisionedAt ? PendingState
        : ProvisioningError is not null ? "Failed"
        : "Succeeded";
}

public sealed record ArmErrorRecord(string Code, string Message);

/// <summary>A long-running operation: its outcome is fixed when it starts, its end is a point in time.</summary>
public sealed class OperationRecord
{
    public required string Id { get; set; }
    public required string ResourceId { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset CompletesAt { get; set; }
    public ArmErrorRecord? Error { get; set; }

    public string Status(DateTimeOffset now) =>
        now < CompletesAt ? "InProgress" : Error is null ? "Succeeded" : "Failed";
}

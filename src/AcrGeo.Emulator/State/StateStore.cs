using System.Text.Json;
using AcrGeo.Emulator.Identity;

namespace AcrGeo.Emulator.State;

/// <summary>
/// Serialises every access to the emulator's state behind one lock, settles time-based transitions first,
/// and, when a state file was given, writes the whole state atomically (temp file, then rename) after each
/// change, so a kill at any moment leaves either the old or the new file, never half of one.
/// </summary>
public sealed class StateStore
{
    static readonly JsonSerializerOptions FileFormat = new() { WriteIndented = true };

    readonly object gate = new();
    readonly string? path;
    readonly TimeProvider clock;
    readonly List<Func<EmulatorState, DateTimeOffset, bool>> settleSteps = [];
    EmulatorState state;

    public StateStore(string? path, TimeProvider clock)
    {
        this.path = path;
        this.clock = clock;
        state = path is not null && File.Exists(path) ? Load(path) : Bootstrap(clock.GetUtcNow());
        if (path is not null) Save();
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    public EmulatorIdentity Identity
    {
        get { lock (gate) return state.Identity; }
    }

    /// <summary>
    /// Adds a step to the settling every access begins with: it applies what time has made due in a service's own data
    /// (registry content reaching a replica, and its webhook events) and says whether it changed anything.
    /// </summary>
    public void AddSettleStep(Func<EmulatorState, DateTimeOffset, bool> step)
    {
        lock (gate) settleSteps.Add(step);
    }

    public T Read<T>(Func<EmulatorState, T> read)
    {
        lock (gate)
        {
            if (Settle()) Save();
            return read(state);
        }
    }

    public T Write<T>(Func<EmulatorState, T> change)
    {
        lock (gate)
        {
            Settle();
            try
            {
                return change(state);
            }
            finally
            {
                // Saved even when the change threw midway: what was applied stays consistent with memory.
                Save();
            }
        }
    }

    /// <summary>Applies what time has made due: finished deletes remove their resources, old operations go.</summary>
    bool Settle()
    {
        var now = Now;
        var changed = false;
        foreach (var deleted in state.Resources.Values.Where(r => r.DeletingUntil <= now).ToList())
        {
            // Key vaults inside a deleted resource group are soft-deleted (recoverable), not destroyed.
            KeyVault.Vaults.SoftDeleteVaultsWithin(state, deleted.Id, deleted.DeletingUntil!.Value);
            foreach (var gone in state.SubtreeOf(deleted.Id).ToList())
                state.Resources.Remove(gone.Id);
            changed = true;
        }
        foreach (var stale in state.Operations.Values.Where(o => o.CompletesAt < now.AddHours(-1)).ToList())
        {
            state.Operations.Remove(stale.Id);
            changed = true;
        }
        foreach (var step in settleSteps)
            changed |= step(state, now);
        return changed;
    }

    void Save()
    {
        if (path is null) return;
        // The state holds the emulator's credential and signing key: owner-only, like the key file.
        EmulatorCertificate.WriteAtomically(path, JsonSerializer.Serialize(state, FileFormat), ownerOnly: true);
    }

    /// <summary>A new emulator: its own service principal and managed identity are Owners of its subscription.</summary>
    static EmulatorState Bootstrap(DateTimeOffset now)
    {
        var state = new EmulatorState();
        GrantOwners(state, state.Identity.SubscriptionId, now);
        return state;
    }

    /// <summary>
    /// Adds a subscription to the tenant, with the emulator's own service principal and managed identity as its Owners (so
    /// they see it, as an identity sees every subscription it holds a role in).
    /// </summary>
    public EmulatorSubscription AddSubscription(string? displayName) => Write(state =>
    {
        var id = Guid.NewGuid().ToString();
        var subscription = new EmulatorSubscription(id, string.IsNullOrWhiteSpace(displayName)
            ? $"AcrGeo Emulator {state.AdditionalSubscriptions.Count + 2}"
            : displayName!);
        state.AdditionalSubscriptions.Add(subscription);
        GrantOwners(state, id, Now);
        return subscription;
    });

    static void GrantOwners(EmulatorState state, string subscriptionId, DateTimeOffset now)
    {
        var identity = state.Identity;
        foreach (var principal in new[] { identity.PrincipalObjectId, identity.ManagedIdentityObjectId })
            Authorization.Rbac.Assign(state, ArmIds.Subscription(subscriptionId), Guid.NewGuid().ToString(),
                Authorization.Rbac.DefinitionId(subscriptionId, Authorization.Rbac.Owner), principal, "ServicePrincipal", now, null);
    }

    static EmulatorState Load(string path)
    {
        var loaded = JsonSerializer.Deserialize<EmulatorState>(File.ReadAllText(path), FileFormat)
                     ?? throw new InvalidDataException($"The state file '{path}' is empty.");
        // Dictionaries come back with the default comparer; ARM ids must stay case-insensitive.
        loaded.Resources = new(loaded.Resources, StringComparer.OrdinalIgnoreCase);
        loaded.Operations = new(loaded.Operations, StringComparer.OrdinalIgnoreCase);
        return loaded;
    }
}

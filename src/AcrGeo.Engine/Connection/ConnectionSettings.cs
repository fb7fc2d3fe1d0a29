using System;
using System.Security;

namespace AcrGeo.Connection;

/// <summary>How the engine signs in.</summary>
public enum CredentialKind
{
    /// <summary>DefaultAzureCredential: environment, workload identity, managed identity (Azure Automation), CLI, ...</summary>
    Default,
    ServicePrincipal,
    ManagedIdentity,
}

/// <summary>Everything needed to open a connection; validated by <see cref="AcrGeoConnection.Open"/> before use.</summary>
public sealed class ConnectionSettings
{
    public string? SubscriptionId { get; set; }
    public string? TenantId { get; set; }
    public CredentialKind Credential { get; set; } = CredentialKind.Default;
    /// <summary>The application (client) id of a service principal, or of a user-assigned managed identity.</summary>
    public string? ClientId { get; set; }
    public SecureString? ClientSecret { get; set; }
    public CloudEndpoints Cloud { get; set; } = CloudEndpoints.AzureCloud;
    /// <summary>PEM certificate the server must present (the emulator's); pinned by thumbprint, nothing else trusted.</summary>
    public string? TrustedCertificatePath { get; set; }
    /// <summary>The least time between two polls of a long-running operation; a longer Retry-After wins.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>
    /// At most this many independent long-running operations at once (1 to 1000); null (the default) sets no fixed
    /// number: they all start, and their requests go out as fast as ARM's request budget (what its answers say is left)
    /// allows.
    /// </summary>
    public int? MaxParallelOperations { get; set; }
    /// <summary>
    /// Retries of throttled (429) and transient (5xx, dropped connection) requests, 0 to 10. Six with the default delay
    /// ride out about a minute of trouble; a fault that outlasts them ends in the service's Unavailable error.
    /// </summary>
    public int MaxRetries { get; set; } = 6;
    /// <summary>
    /// How long, in all, one request may wait out ARM's throttling (429 with Retry-After) before the 429 is reported
    /// (0 to 3600 s): Azure's budgets refill within seconds, so a burst only ever waits.
    /// </summary>
    public TimeSpan ThrottlingWaitLimit { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>The first retry delay (0 to 60 s); later ones back off exponentially, up to 30 s (a service's Retry-After wins).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);
    /// <summary>Where requests go instead of the network: recorded Azure traffic, in the replay tests.</summary>
    internal Azure.Core.Pipeline.HttpPipelineTransport? Transport { get; set; }
}

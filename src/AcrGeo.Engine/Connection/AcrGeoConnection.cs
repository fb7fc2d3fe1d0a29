using System;
using System.IO;
using System.Net.Http;
using System.Security;
using System.Text.RegularExpressions;
using AcrGeo.Arm;
using AcrGeo.Input;
using AcrGeo.Operations;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace AcrGeo.Connection;

/// <summary>
/// One signed-in session with a subscription: the credential, the ARM client (authentication, retries,
/// transport), and the settings every operation uses. Opening it sends nothing; the first call signs in.
/// </summary>
public sealed class AcrGeoConnection : IDisposable
{
    /// <summary>No single wait between retries is longer (a longer Retry-After from the service still wins).</summary>
    static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    readonly HttpClient? pinnedClient;
    readonly object gate = new();
    System.Threading.Tasks.Task<Caller>? caller;
    HttpPipeline? graph;
    HttpPipeline? unauthenticated;

    AcrGeoConnection(ConnectionSettings settings, TokenCredential credential, HttpClient? pinnedClient)
    {
        Settings = settings;
        Credential = credential;
        this.pinnedClient = pinnedClient;
        SubscriptionId = settings.SubscriptionId!;
        Cloud = settings.Cloud;
        // ARM's pipeline: the credential's bearer token for the ARM audience, retries, the throttling policy, the transport.
        // Built with Azure.Core alone (as Graph's is): Azure.ResourceManager's ArmClient would add nothing the engine uses,
        // only its loading on the way to the first answer.
        var options = Retrying(Quiet(new ArmOptions(), Transport(settings, pinnedClient)), settings);
        options.AddPolicy(new ArmThrottlingPolicy(settings.ThrottlingWaitLimit), HttpPipelinePosition.PerRetry);
        Rest = new ArmRest(HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, settings.Cloud.ResourceManagerAudience + "/.default")),
            settings.Cloud.ResourceManager, Budget, settings.MaxRetries);
        Regions = new RegionCatalog(this);
        ReplicaFeeds = new ReplicaFeeds(this);
    }

    public ConnectionSettings Settings { get; }
    public string SubscriptionId { get; }
    public CloudEndpoints Cloud { get; }
    /// <summary>Who this connection signs in as, for display; never a secret.</summary>
    public string Identity => Settings.Credential switch
    {
        CredentialKind.ServicePrincipal => $"ServicePrincipal {Settings.ClientId}",
        CredentialKind.ManagedIdentity => Settings.ClientId is null ? "ManagedIdentity (system-assigned)" : $"ManagedIdentity {Settings.ClientId}",
        _ => "DefaultAzureCredential",
    };

    internal ArmRest Rest { get; }
    /// <summary>ARM's request budgets as last heard: every command on this connection sends within them.</summary>
    internal ArmBudget Budget { get; } = new();
    /// <summary>The replica lists every wait on replicas shares.</summary>
    internal ReplicaFeeds ReplicaFeeds { get; }
    /// <summary>The subscription's own path, where every other ARM path starts.</summary>
    internal ArmPath SubscriptionPath => ArmPath.Subscription(SubscriptionId);
    internal TokenCredential Credential { get; }

    /// <summary>Who the credential signs in as (object id, app id, tenant), read from its ARM token once.</summary>
    internal System.Threading.Tasks.Task<Caller> GetCallerAsync(OperationContext context)
    {
        lock (gate)
        {
            if (caller is null || caller.IsFaulted || caller.IsCanceled) caller = ReadCallerAsync(context);
            return caller;
        }
    }

    async System.Threading.Tasks.Task<Caller> ReadCallerAsync(OperationContext context)
    {
        AccessToken token;
        try
        {
            token = await Credential.GetTokenAsync(
                new TokenRequestContext(new[] { Cloud.ResourceManagerAudience + "/.default" }), context.Cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (ServiceFailure.From(e, Service.ResourceManager, Cloud.AuthorityHost, Settings.MaxRetries, null) is { } failure)
        {
            // The one translation: a sign-in service that kept failing is not a credential it refused.
            throw failure;
        }
        return Caller.FromToken(token.Token);
    }

    /// <summary>Microsoft Graph on the same credential and transport: a few REST calls, no Graph SDK.</summary>
    internal HttpPipeline Graph
    {
        get
        {
            lock (gate)
                return graph ??= HttpPipelineBuilder.Build(ClientOptionsFor(new GraphClientOptions()),
                    new BearerTokenAuthenticationPolicy(Credential, "https://graph.microsoft.com/.default"));
        }
    }

    /// <summary>A pipeline with retries and transport but no credential, for services that take their own tokens (registries).</summary>
    internal HttpPipeline UnauthenticatedPipeline
    {
        get
        {
            lock (gate) return unauthenticated ??= HttpPipelineBuilder.Build(ClientOptionsFor(new GraphClientOptions()));
        }
    }

    /// <summary>A Key Vault secrets client for one vault, on this connection's credential and transport.</summary>
    internal Azure.Security.KeyVault.Secrets.SecretClient Secrets(Uri vaultUri) =>
        new(vaultUri, Credential, ClientOptionsFor(new Azure.Security.KeyVault.Secrets.SecretClientOptions()));

    /// <summary>A credential for another service principal in the same cloud and tenant (to prove a new password works).</summary>
    internal TokenCredential CredentialFor(string tenantId, string clientId, SecureString secret) =>
        new ClientSecretCredential(tenantId, clientId, SecureText.Reveal(secret),
            Quiet(new ClientSecretCredentialOptions { AuthorityHost = Cloud.AuthorityHost, DisableInstanceDiscovery = Cloud.IsEmulator },
                Transport(Settings, pinnedClient)));

    /// <summary>Retries and transport as for ARM; against the emulator, Azure host names are dialled at the emulator.</summary>
    T ClientOptionsFor<T>(T options) where T : ClientOptions
    {
        Retrying(Quiet(options, Transport(Settings, pinnedClient)), Settings);
        if (Cloud.IsEmulator) options.AddPolicy(new EmulatorHostPolicy(Cloud.ResourceManager), HttpPipelinePosition.BeforeTransport);
        return options;
    }

    /// <summary>The test's transport, else the emulator's pinned client, else null (Azure.Core's shared one).</summary>
    static HttpPipelineTransport? Transport(ConnectionSettings settings, HttpClient? pinnedClient) =>
        settings.Transport ?? (pinnedClient is null ? null : new HttpClientTransport(pinnedClient));

    /// <summary>The connection's retries, for the clients of Azure's services (the credentials keep their own).</summary>
    static T Retrying<T>(T options, ConnectionSettings settings) where T : ClientOptions
    {
        options.Retry.MaxRetries = settings.MaxRetries;
        options.Retry.Delay = settings.RetryDelay;
        options.Retry.MaxDelay = MaxRetryDelay;
        options.Retry.Mode = RetryMode.Exponential;
        return options;
    }

    /// <summary>
    /// What every client of a connection, credentials included, shares: the transport, and no Azure SDK logging or tracing.
    /// The SDK's event sources live in the module's private load context, where nothing in a PowerShell session can listen to
    /// them, so they would only cost time (about 15 ms of a cold Connect-AcrGeo); the module says what it does through -Verbose.
    /// </summary>
    static T Quiet<T>(T options, HttpPipelineTransport? transport) where T : ClientOptions
    {
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        if (transport is not null) options.Transport = transport;
        return options;
    }

    sealed class GraphClientOptions : ClientOptions
    {
    }

    sealed class ArmOptions : ClientOptions
    {
    }

    /// <summary>Signs in and reads the subscription: proves the credential and the subscription work. Returns its name.</summary>
    public async System.Threading.Tasks.Task<string?> VerifyAsync(OperationContext context)
    {
        var subscription = await Rest.GetAsync(SubscriptionPath, ApiVersions.Subscriptions, context, SubscriptionId)
            .ConfigureAwait(false);
        return (string?)subscription["displayName"];
    }
    internal RegionCatalog Regions { get; }

    /// <summary>Checks the settings and builds the connection; fails with a specific error before any request.</summary>
    public static AcrGeoConnection Open(ConnectionSettings settings)
    {
        if (settings.SubscriptionId is null)
            throw new AcrGeoException(ErrorIds.InvalidSubscriptionId, AcrErrorCategory.InvalidArgument,
                "A subscription id is required: give -SubscriptionId or set AZURE_SUBSCRIPTION_ID.", null);
        InputRules.SubscriptionId(settings.SubscriptionId);
        if (settings.TenantId is not null) InputRules.TenantId(settings.TenantId);
        if (settings.ClientId is not null) InputRules.ClientId(settings.ClientId);
        InputRules.Seconds(settings.PollInterval.TotalSeconds, 0, 300, ErrorIds.InvalidConnectionSetting, "poll interval");
        if (settings.MaxParallelOperations is { } cap)
            InputRules.Count(cap, 1, 1000, ErrorIds.InvalidConnectionSetting, "number of parallel operations");
        InputRules.Count(settings.MaxRetries, 0, 10, ErrorIds.InvalidConnectionSetting, "number of retries");
        InputRules.Seconds(settings.RetryDelay.TotalSeconds, 0, 60, ErrorIds.InvalidConnectionSetting, "retry delay");
        InputRules.Seconds(settings.ThrottlingWaitLimit.TotalSeconds, 0, 3600, ErrorIds.InvalidConnectionSetting, "throttling wait");
        if (!string.Equals(settings.Cloud.ResourceManager.Scheme, "https", StringComparison.OrdinalIgnoreCase))
            throw Invalid("Azure Resource Manager must be reached over https.", settings.Cloud.ResourceManager);

        TrustStore.StartReading();
        var pinnedClient = settings.TrustedCertificatePath is null ? null : PinnedHttpClient.Create(settings.TrustedCertificatePath);
        var transport = Transport(settings, pinnedClient);
        TokenCredential credential;
        switch (settings.Credential)
        {
            case CredentialKind.ServicePrincipal:
                if (settings.TenantId is null || settings.ClientId is null || settings.ClientSecret is null)
                    throw Invalid("A service principal sign-in needs the tenant id, the client id and the client secret.", settings.ClientId);
                var spOptions = Quiet(new ClientSecretCredentialOptions { AuthorityHost = settings.Cloud.AuthorityHost, DisableInstanceDiscovery = settings.Cloud.IsEmulator },
                    transport);
                credential = new ClientSecretCredential(settings.TenantId, settings.ClientId, SecureText.Reveal(settings.ClientSecret), spOptions);
                break;
            case CredentialKind.ManagedIdentity:
                var miOptions = new ManagedIdentityCredentialOptions(settings.ClientId is null
                    ? ManagedIdentityId.SystemAssigned
                    : ManagedIdentityId.FromUserAssignedClientId(settings.ClientId));
                Quiet(miOptions, transport);
                credential = new ManagedIdentityCredential(miOptions);
                break;
            default:
                var defaultOptions = new DefaultAzureCredentialOptions { AuthorityHost = settings.Cloud.AuthorityHost };
                if (settings.TenantId is not null) defaultOptions.TenantId = settings.TenantId;
                Quiet(defaultOptions, transport);
                credential = new DefaultAzureCredential(defaultOptions);
                break;
        }
        return new AcrGeoConnection(settings, credential, pinnedClient);
    }

    static AcrGeoException Invalid(string message, object? target) =>
        new(ErrorIds.InvalidConnection, AcrErrorCategory.InvalidArgument, message, target);

    public void Dispose() => pinnedClient?.Dispose();
}

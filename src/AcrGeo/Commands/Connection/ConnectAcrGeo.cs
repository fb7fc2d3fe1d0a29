using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Connection;
using AcrGeo.Input;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Chooses the subscription, credential and cloud that AcrGeo uses for the rest of the session.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "AcrGeo", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(AcrGeoContext))]
public sealed class ConnectAcrGeoCommand : AsyncCmdlet
{
    const string DefaultSet = "DefaultCredential";
    const string ServicePrincipalSet = "ServicePrincipal";
    const string ManagedIdentitySet = "ManagedIdentity";
    const string EmulatorSet = "Emulator";

    [Parameter(ParameterSetName = DefaultSet, Position = 0)]
    [Parameter(ParameterSetName = ServicePrincipalSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = ManagedIdentitySet, Position = 0)]
    [Parameter(ParameterSetName = EmulatorSet, Position = 0)]
    public string? SubscriptionId { get; set; }

    [Parameter(ParameterSetName = DefaultSet)]
    [Parameter(ParameterSetName = ServicePrincipalSet, Mandatory = true)]
    public string? TenantId { get; set; }

    [Parameter(ParameterSetName = ServicePrincipalSet, Mandatory = true)]
    public SwitchParameter ServicePrincipal { get; set; }

    /// <summary>The application (client) id as user name, the client secret as password.</summary>
    [Parameter(ParameterSetName = ServicePrincipalSet, Mandatory = true)]
    [Credential]
    public PSCredential Credential { get; set; } = PSCredential.Empty;

    [Parameter(ParameterSetName = ManagedIdentitySet, Mandatory = true)]
    public SwitchParameter Identity { get; set; }

    /// <summary>A user-assigned managed identity's client id; leave out for the system-assigned identity.</summary>
    [Parameter(ParameterSetName = ManagedIdentitySet)]
    public string? ClientId { get; set; }

    /// <summary>Use the local AcrGeo Azure emulator that is running on this machine.</summary>
    [Parameter(ParameterSetName = EmulatorSet, Mandatory = true)]
    public SwitchParameter Emulator { get; set; }

    /// <summary>Where the emulator keeps its data (its connection file); default: the emulator's own default.</summary>
    [Parameter(ParameterSetName = EmulatorSet)]
    public string? EmulatorDataDirectory { get; set; }

    /// <summary>The least time between two polls of a long-running operation, 0 to 300 seconds.</summary>
    [Parameter]
    public double PollIntervalSeconds { get; set; } = 2;

    /// <summary>A fixed cap on operations at once, 1 to 1000; left out, ARM's request budget paces them.</summary>
    [Parameter]
    public int? MaxParallelOperations { get; set; }

    /// <summary>Retries of a throttled, failed or dropped request before it counts as failed, 0 to 10.</summary>
    [Parameter]
    public int MaxRetries { get; set; } = new ConnectionSettings().MaxRetries;

    /// <summary>The first wait before a retry, 0 to 60 seconds; later waits double (a service's Retry-After wins).</summary>
    [Parameter]
    public double RetryDelaySeconds { get; set; } = new ConnectionSettings().RetryDelay.TotalSeconds;

    /// <summary>How long, in all, one request waits out ARM's throttling (429 with Retry-After) before it counts as throttled, 0 to 3600 seconds.</summary>
    [Parameter]
    public double ThrottlingWaitSeconds { get; set; } = new ConnectionSettings().ThrottlingWaitLimit.TotalSeconds;

    protected override async Task ProcessRecordAsync()
    {
        var settings = ParameterSetName switch
        {
            EmulatorSet => EmulatorInfo.Read(EmulatorDataDirectory).ToSettings(),
            ServicePrincipalSet => new ConnectionSettings
            {
                Credential = CredentialKind.ServicePrincipal,
                ClientId = Credential.UserName,
                ClientSecret = Credential.Password,
                TenantId = TenantId,
            },
            ManagedIdentitySet => new ConnectionSettings { Credential = CredentialKind.ManagedIdentity, ClientId = ClientId },
            _ => new ConnectionSettings { TenantId = TenantId },
        };
        // The emulator's tenant may have several subscriptions: -SubscriptionId picks one, its own is the default.
        if (ParameterSetName == EmulatorSet && SubscriptionId is not null) settings.SubscriptionId = SubscriptionId;
        settings.SubscriptionId ??= SubscriptionId ?? Environment.GetEnvironmentVariable(AcrGeoSession.SubscriptionVariable);
        // Seconds become TimeSpans through the engine's rule, which refuses NaN and out-of-range values before TimeSpan could.
        settings.PollInterval = InputRules.Seconds(PollIntervalSeconds, 0, 300, ErrorIds.InvalidConnectionSetting, "poll interval");
        settings.MaxParallelOperations = MaxParallelOperations;
        settings.MaxRetries = MaxRetries;
        settings.RetryDelay = InputRules.Seconds(RetryDelaySeconds, 0, 60, ErrorIds.InvalidConnectionSetting, "retry delay");
        settings.ThrottlingWaitLimit = InputRules.Seconds(ThrottlingWaitSeconds, 0, 3600, ErrorIds.InvalidConnectionSetting, "throttling wait");

        Emit(await AcrGeoSession.ConnectAsync(settings, Context).ConfigureAwait(false));
    }
}

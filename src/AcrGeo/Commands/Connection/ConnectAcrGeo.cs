using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Connection;

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
    [ValidatePattern("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")]
    public string? SubscriptionId { get; set; }

    [Parameter(ParameterSetName = DefaultSet)]
    [Parameter(ParameterSetName = ServicePrincipalSet, Mandatory = true)]
    [ValidatePattern("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")]
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

    [Parameter]
    [ValidateRange(0.0, 300.0)]
    public double PollIntervalSeconds { get; set; } = 2;

    /// <summary>A fixed cap on operations at once; left out, ARM's request budget paces them.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int? MaxParallelOperations { get; set; }

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
        settings.PollInterval = TimeSpan.FromSeconds(PollIntervalSeconds);
        settings.MaxParallelOperations = MaxParallelOperations;

        Emit(await AcrGeoSession.ConnectAsync(settings, Context).ConfigureAwait(false));
    }
}

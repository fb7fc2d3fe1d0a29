using System;
using System.Threading.Tasks;
using AcrGeo.Connection;

namespace AcrGeo;

/// <summary>
/// The connection the cmdlets use, chosen once per session with Connect-AcrGeo. Without it, an Azure Automation
/// runbook (or any host with a managed identity or Azure environment variables) works with no login step:
/// DefaultAzureCredential and the subscription in AZURE_SUBSCRIPTION_ID.
/// </summary>
static class AcrGeoSession
{
    public const string SubscriptionVariable = "AZURE_SUBSCRIPTION_ID";
    /// <summary>
    /// A running emulator's data folder: the no-login connection then goes to that emulator (trusting its certificate) and
    /// still signs in with DefaultAzureCredential, so a runbook is tested against the emulator's managed-identity endpoint
    /// exactly as it runs in Azure Automation.
    /// </summary>
    public const string EmulatorVariable = "ACRGEO_EMULATOR_DATA_DIR";
    static readonly object Gate = new();
    static AcrGeoConnection? current;

    public static AcrGeoConnection Current
    {
        get
        {
            lock (Gate)
            {
                if (current is not null) return current;
                var subscription = Environment.GetEnvironmentVariable(SubscriptionVariable);
                if (string.IsNullOrEmpty(subscription))
                    throw new AcrGeoException(ErrorIds.NotConnected, AcrErrorCategory.AuthenticationError,
                        "AcrGeo is not connected. Run Connect-AcrGeo (-SubscriptionId, and -ServicePrincipal, -Identity or -Emulator as " +
                        $"needed), or set {SubscriptionVariable} to use DefaultAzureCredential with no login step.", null);
                var settings = new ConnectionSettings { SubscriptionId = subscription };
                if (Environment.GetEnvironmentVariable(EmulatorVariable) is { Length: > 0 } emulatorDirectory)
                {
                    var emulator = EmulatorInfo.Read(emulatorDirectory);
                    settings.Cloud = CloudEndpoints.Emulator(emulator.BaseUri);
                    settings.TrustedCertificatePath = emulator.CertificatePath;
                    settings.TenantId = emulator.TenantId;
                }
                return current = AcrGeoConnection.Open(settings);
            }
        }
    }

    public static AcrGeoConnection? TryCurrent
    {
        get
        {
            lock (Gate) return current;
        }
    }

    /// <summary>
    /// Opens a connection, proves it by reading the subscription (its name is returned), and makes it the session's.
    /// A connection that fails the proof is dropped, and the session keeps the one it had.
    /// </summary>
    public static async Task<AcrGeoContext> ConnectAsync(ConnectionSettings settings, OperationContext context)
    {
        var connection = AcrGeoConnection.Open(settings);
        try
        {
            var name = await connection.VerifyAsync(context).ConfigureAwait(false);
            lock (Gate)
            {
                current?.Dispose();
                current = connection;
            }
            return new AcrGeoContext(connection, name);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Forgets the connection if it is to the emulator at <paramref name="baseUrl"/>; true when it was.</summary>
    public static bool DisconnectFrom(Uri baseUrl)
    {
        lock (Gate)
        {
            if (current is not { Cloud.IsEmulator: true } connection || connection.Cloud.ResourceManager != baseUrl) return false;
            connection.Dispose();
            current = null;
            return true;
        }
    }

    public static void Disconnect()
    {
        lock (Gate)
        {
            current?.Dispose();
            current = null;
        }
    }
}

using System;

namespace AcrGeo.Models;

/// <summary>
/// A local AcrGeo emulator started in the background (Start-AcrGeoEmulator): where it listens, where it keeps its
/// files, and whom it serves. Never a secret: the credential stays in the owner-only connection.json.
/// </summary>
public sealed class AcrGeoEmulator
{
    public int ProcessId { get; init; }
    public Uri BaseUrl { get; init; } = null!;
    public int Port => BaseUrl.Port;
    /// <summary>The HTTP CONNECT proxy to vault and registry host names, for clients such as the Azure CLI.</summary>
    public Uri? ProxyUrl { get; init; }
    public string DataDirectory { get; init; } = "";
    /// <summary>True when Start-AcrGeoEmulator made the data folder, so Stop-AcrGeoEmulator removes it.</summary>
    public bool DataDirectoryIsTemporary { get; init; }
    /// <summary>The state file that keeps every resource across restarts, or null when state is kept in memory.</summary>
    public string? StatePath { get; init; }
    /// <summary>The emulator's self-signed certificate (PEM), the one clients pin.</summary>
    public string CertificatePath { get; init; } = "";
    /// <summary>The connection file with the emulator's credential, readable by its owner only.</summary>
    public string ConnectionFile { get; init; } = "";
    public string SubscriptionId { get; init; } = "";
    public string TenantId { get; init; } = "";
    /// <summary>The application id of the emulator's own service principal (its secret is in the connection file).</summary>
    public string ClientId { get; init; } = "";
    /// <summary>The managed-identity endpoint (IDENTITY_ENDPOINT); its header is in the connection file.</summary>
    public Uri IdentityEndpoint { get; init; } = null!;
    public string? Version { get; init; }
    public string ExecutablePath { get; init; } = "";
    /// <summary>The emulator's standard output and error, in its data folder.</summary>
    public string OutputLogPath { get; init; } = "";
    public string ErrorLogPath { get; init; } = "";
    public DateTime StartTime { get; init; }
}

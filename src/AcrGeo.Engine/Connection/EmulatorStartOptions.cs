using System;

namespace AcrGeo.Connection;

/// <summary>What Start-AcrGeoEmulator asks for; paths are already full paths (PowerShell resolves them first).</summary>
public sealed class EmulatorStartOptions
{
    /// <summary>The emulator's executable, its .dll, or a folder holding one; null to search for the tool.</summary>
    public string? Path { get; set; }
    /// <summary>0 lets the emulator take any free port.</summary>
    public int Port { get; set; }
    /// <summary>Null for a new temporary folder that stopping the emulator removes.</summary>
    public string? DataDirectory { get; set; }
    public string? StatePath { get; set; }
    public double? ProvisioningDelaySeconds { get; set; }
    public double? SyncDelaySeconds { get; set; }
    /// <summary>The Retry-After of its long-running operations; null leaves the emulator's default (10 s, as Azure).</summary>
    public int? RetryAfterSeconds { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}

namespace AcrGeo.Emulator.Hosting;

public sealed class EmulatorOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Port on 127.0.0.1 of the HTTP CONNECT proxy that tunnels vault and registry host names to the emulator (for clients
    /// that resolve those names themselves, such as the Azure CLI with HTTPS_PROXY); 0 picks a free one, null (the default)
    /// runs no proxy.
    /// </summary>
    public int? ProxyPort { get; set; }

    /// <summary>JSON file that holds every resource across restarts; null keeps state in memory.</summary>
    public string? StatePath { get; set; }

    /// <summary>Where the certificate lives; default: beside the state file, else the user's data folder.</summary>
    public string? DataDirectory { get; set; }

    public EmulatorSettings Settings { get; set; } = new();

    /// <summary>How many subscriptions the tenant has at start, the identity's own included (more through the admin API).</summary>
    public int Subscriptions { get; set; } = 1;

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public string ResolveDataDirectory() =>
        DataDirectory
        ?? (StatePath is not null ? Path.GetDirectoryName(Path.GetFullPath(StatePath))! : null)
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolderOption.Create), "AcrGeo", "emulator");
}

using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Connection;
using AcrGeo.Models;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Starts the local AcrGeo Azure emulator in the background, waits until it is healthy, and connects the session to it.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "AcrGeoEmulator", SupportsShouldProcess = true)]
[OutputType(typeof(AcrGeoEmulator))]
public sealed class StartAcrGeoEmulatorCommand : AsyncCmdlet
{
    /// <summary>The emulator's executable, its .dll, or a folder holding it (a --tool-path folder); default: the tool, searched for.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The port on 127.0.0.1; 0 (the default) takes any free port.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>Where the emulator keeps its certificate, connection file and logs; default: a new temporary folder.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DataDirectory { get; set; }

    /// <summary>A file that keeps every resource across restarts; default: state in memory only.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatePath { get; set; }

    [Parameter]
    [ValidateRange(0.0, 3600.0)]
    public double? ProvisioningDelaySeconds { get; set; }

    [Parameter]
    [ValidateRange(0.0, 3600.0)]
    public double? SyncDelaySeconds { get; set; }

    /// <summary>
    /// The Retry-After its long-running operations answer with: 1 s by default so that tests run quickly; Azure sends
    /// 10, which a runbook can rehearse with -RetryAfterSeconds 10.
    /// </summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;

    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>The poll interval of the connection made to the emulator, as Connect-AcrGeo's.</summary>
    [Parameter]
    [ValidateRange(0.0, 300.0)]
    public double PollIntervalSeconds { get; set; } = 2;

    /// <summary>Start it, but leave the session's connection as it is.</summary>
    [Parameter]
    public SwitchParameter NoConnect { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var options = new EmulatorStartOptions
        {
            Path = Resolve(Path),
            Port = Port,
            DataDirectory = Resolve(DataDirectory),
            StatePath = Resolve(StatePath),
            ProvisioningDelaySeconds = ProvisioningDelaySeconds,
            SyncDelaySeconds = SyncDelaySeconds,
            RetryAfterSeconds = RetryAfterSeconds,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
        };
        var launch = await EmulatorProcess.PlanAsync(options, Context).ConfigureAwait(false);
        var where = launch.Port == 0 ? "127.0.0.1 (a free port)" : $"127.0.0.1:{launch.Port}";
        if (!Confirm($"AcrGeo emulator on {where}", $"Start {launch.Description}")) return;

        var emulator = await EmulatorProcess.StartAsync(launch, Context).ConfigureAwait(false);
        if (!NoConnect)
        {
            try
            {
                var settings = EmulatorInfo.Read(emulator.Emulator.DataDirectory).ToSettings();
                settings.PollInterval = TimeSpan.FromSeconds(PollIntervalSeconds);
                var connected = await AcrGeoSession.ConnectAsync(settings, Context).ConfigureAwait(false);
                Verbose($"Connected to the emulator's subscription {connected.SubscriptionId} as {connected.Identity}.");
            }
            catch
            {
                // Started and connected is one step: an emulator the session cannot use is not left running.
                await emulator.StopAsync(Context).ConfigureAwait(false);
                throw;
            }
        }
        StartedEmulators.Add(emulator);
        Emit(emulator.Emulator);
    }

    /// <summary>Relative to PowerShell's current location, which is not the process's working directory.</summary>
    string? Resolve(string? path) => path is null ? null : GetUnresolvedProviderPathFromPSPath(path);
}

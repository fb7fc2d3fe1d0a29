using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Connection;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Stops local AcrGeo emulators: those Start-AcrGeoEmulator started in this session, or the ones piped in or named by process id.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "AcrGeoEmulator", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class StopAcrGeoEmulatorCommand : AsyncCmdlet
{
    /// <summary>
    /// The emulators' process ids; AcrGeoEmulator objects from Start-AcrGeoEmulator bind here from the pipeline.
    /// Without it, every emulator this session started.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public int[] ProcessId { get; set; } = Array.Empty<int>();

    protected override async Task ProcessRecordAsync()
    {
        if (!MyInvocation.BoundParameters.ContainsKey(nameof(ProcessId)))
        {
            var started = StartedEmulators.TakeAll();
            if (started.Count == 0) Verbose("No emulator started by this session is running.");
            foreach (var emulator in started)
            {
                if (Confirm(Describe(emulator.Emulator.ProcessId, emulator.Emulator.BaseUrl), "Stop")) await StopAsync(emulator).ConfigureAwait(false);
                else StartedEmulators.Add(emulator);
            }
            return;
        }
        foreach (var processId in ProcessId)
        {
            var started = StartedEmulators.Take(processId);
            if (!Confirm(Describe(processId, started?.Emulator.BaseUrl), "Stop"))
            {
                if (started is not null) StartedEmulators.Add(started);
                continue;
            }
            if (started is not null) await StopAsync(started).ConfigureAwait(false);
            else await StopOtherAsync(processId).ConfigureAwait(false);
        }
    }

    async Task StopAsync(EmulatorProcess emulator)
    {
        await emulator.StopAsync(Context).ConfigureAwait(false);
        if (AcrGeoSession.DisconnectFrom(emulator.Emulator.BaseUrl))
            Verbose($"Disconnected: the session was connected to the emulator at {emulator.Emulator.BaseUrl}.");
    }

    /// <summary>One not started here: a process that is no emulator is an error for that id alone, and the others go on.</summary>
    async Task StopOtherAsync(int processId)
    {
        try
        {
            await EmulatorProcess.StopAsync(processId, Context).ConfigureAwait(false);
        }
        catch (AcrGeoException e) when (e.ErrorId == ErrorIds.NotAnEmulator)
        {
            EmitError(e);
        }
    }

    static string Describe(int processId, Uri? baseUrl) =>
        baseUrl is null ? $"AcrGeo emulator (process {processId})" : $"AcrGeo emulator at {baseUrl} (process {processId})";
}

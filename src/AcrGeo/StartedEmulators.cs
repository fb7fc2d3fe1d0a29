using System;
using System.Collections.Generic;
using System.Linq;
using AcrGeo.Connection;

namespace AcrGeo;

/// <summary>
/// The emulators Start-AcrGeoEmulator started in this PowerShell process, which Stop-AcrGeoEmulator stops by default.
/// None outlives the module: removing it (OnRemove) or PowerShell exiting stops them all and removes their temporary
/// folders; should PowerShell be killed outright, each emulator stops itself as its owner process is gone.
/// </summary>
static class StartedEmulators
{
    static readonly object Gate = new();
    static readonly List<EmulatorProcess> Running = new();

    static StartedEmulators() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    public static void Add(EmulatorProcess emulator)
    {
        lock (Gate) Running.Add(emulator);
    }

    /// <summary>Takes the started emulator with this process id out of the list; null when this process did not start it.</summary>
    public static EmulatorProcess? Take(int processId)
    {
        lock (Gate)
        {
            var found = Running.FirstOrDefault(e => e.Emulator.ProcessId == processId);
            if (found is not null) Running.Remove(found);
            return found;
        }
    }

    public static IReadOnlyList<EmulatorProcess> TakeAll()
    {
        lock (Gate)
        {
            var all = Running.ToList();
            Running.Clear();
            return all;
        }
    }

    public static void StopAll()
    {
        foreach (var emulator in TakeAll())
        {
            try
            {
                emulator.StopAsync(OperationContext.None).GetAwaiter().GetResult();
            }
            catch (AcrGeoException)
            {
                // On the way out nothing can report it; the emulator still ends by itself once its owner is gone.
            }
            AcrGeoSession.DisconnectFrom(emulator.Emulator.BaseUrl);
        }
    }
}

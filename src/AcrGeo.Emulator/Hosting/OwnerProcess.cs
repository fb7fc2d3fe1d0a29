using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AcrGeo.Emulator.Hosting;

/// <summary>
/// <c>--owner-pid</c>: the emulator belongs to another process (the PowerShell session that ran Start-AcrGeoEmulator)
/// rather than to a terminal. It leaves the terminal's session, so Ctrl+C pressed to stop a command in that
/// PowerShell, or the terminal hanging up, does not stop it too; and it stops when its owner ends, however the owner
/// ends, so a crashed or closed session leaves no emulator behind.
/// </summary>
static class OwnerProcess
{
    /// <summary>A task that ends when the owner does; null when no such process runs.</summary>
    public static Task? Attach(int processId)
    {
        Process owner;
        try
        {
            owner = Process.GetProcessById(processId);
        }
        catch (ArgumentException)
        {
            return null;
        }
        // On Windows the starter gives the emulator no console to share, so the console's Ctrl+C never reaches it.
        if (!OperatingSystem.IsWindows()) _ = setsid();
        return owner.WaitForExitAsync();
    }

    // A new session and process group with no controlling terminal: the terminal's signals go to the old group only.
    [DllImport("libc", SetLastError = true)]
    static extern int setsid();
}

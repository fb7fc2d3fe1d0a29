using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AcrGeo.Models;

namespace AcrGeo.Connection;

/// <summary>
/// The local emulator as a background process of this one (Start-AcrGeoEmulator, Stop-AcrGeoEmulator): finding it,
/// starting it on its own port with its own data folder, waiting until it is healthy, and stopping it. The emulator
/// is another program; all the engine knows of it is its command line, its exit codes, its connection file and
/// <c>/health</c>. No secret is ever on its command line: it makes its own credential and keeps it in that file.
/// </summary>
public sealed class EmulatorProcess
{
    public const string ToolCommand = "acrgeo-emulator";
    public const string PathVariable = "ACRGEO_EMULATOR_PATH";
    public const string InstallCommand = "dotnet tool install --global AcrGeo.Emulator";

    /// <summary>The emulator program's exit code when a port it needs is taken.</summary>
    const int PortInUseExitCode = 3;
    const string OutputLogName = "emulator.out.log";
    const string ErrorLogName = "emulator.err.log";
    const int ProgressActivity = 1;
    const int LogTailLines = 15;
    static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);
    static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(15);
    static readonly TimeSpan LogDrainWait = TimeSpan.FromSeconds(5);
    static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
    /// <summary>The process names the emulator runs under: the tool's command, or the program built from source.</summary>
    static readonly string[] ProcessNames = { ToolCommand, "AcrGeo.Emulator" };

    readonly Process process;
    readonly Task logsWritten;

    EmulatorProcess(Process process, Task logsWritten, AcrGeoEmulator emulator)
    {
        this.process = process;
        this.logsWritten = logsWritten;
        Emulator = emulator;
    }

    public AcrGeoEmulator Emulator { get; }

    /// <summary>
    /// Finds the emulator and checks the port and data folder, changing nothing: an explicit path, else
    /// ACRGEO_EMULATOR_PATH, else acrgeo-emulator on PATH, else in ~/.dotnet/tools.
    /// </summary>
    public static async Task<EmulatorLaunch> PlanAsync(EmulatorStartOptions options, OperationContext context)
    {
        var executable = Locate(options.Path);
        EnsurePortFree(options.Port);
        var temporary = options.DataDirectory is null;
        var dataDirectory = options.DataDirectory
            ?? Path.Combine(Path.GetTempPath(), "acrgeo-emulator-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        if (!temporary) await EnsureDataDirectoryFreeAsync(dataDirectory, context).ConfigureAwait(false);

        var arguments = new List<string> { "--port", options.Port.ToString(CultureInfo.InvariantCulture), "--data-dir", dataDirectory };
        if (options.StatePath is not null) arguments.AddRange(new[] { "--state", options.StatePath });
        if (options.ProvisioningDelaySeconds is { } provisioning)
            arguments.AddRange(new[] { "--provisioning-delay", provisioning.ToString(CultureInfo.InvariantCulture) });
        if (options.SyncDelaySeconds is { } sync) arguments.AddRange(new[] { "--sync-delay", sync.ToString(CultureInfo.InvariantCulture) });
        if (options.RetryAfterSeconds is { } retryAfter)
            arguments.AddRange(new[] { "--retry-after", retryAfter.ToString(CultureInfo.InvariantCulture) });
        // The emulator stops when this process ends, however it ends, and Ctrl+C here does not reach it.
        arguments.AddRange(new[] { "--owner-pid", CurrentProcessId.ToString(CultureInfo.InvariantCulture) });

        var fileName = executable;
        if (executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            fileName = DotnetHost();
            arguments.Insert(0, executable);
        }
        return new EmulatorLaunch(executable, fileName, arguments, options.Port, dataDirectory, temporary, options.StatePath, options.Timeout);
    }

    /// <summary>Starts the planned emulator and waits, with progress, until its connection file exists and /health answers.</summary>
    public static async Task<EmulatorProcess> StartAsync(EmulatorLaunch launch, OperationContext context)
    {
        Directory.CreateDirectory(launch.DataDirectory);
        if (launch.StatePath is not null) Directory.CreateDirectory(Path.GetDirectoryName(launch.StatePath)!);
        var connectionFile = EmulatorInfo.PathIn(launch.DataDirectory);
        // A hard-killed emulator leaves its file behind; only a new one may tell that this one listens.
        File.Delete(connectionFile);
        var outputLog = Path.Combine(launch.DataDirectory, OutputLogName);
        var errorLog = Path.Combine(launch.DataDirectory, ErrorLogName);

        context.Log($"Starting {launch.Description}");
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(launch.FileName, CommandLine.Join(launch.Arguments))
            {
                UseShellExecute = false,
                // Its own hidden console on Windows, so the console's Ctrl+C does not reach it; no terminal input anywhere.
                CreateNoWindow = true,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = launch.DataDirectory,
            },
        };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            RemoveDataDirectory(launch);
            throw StartFailed($"'{launch.ExecutablePath}' could not be started: {e.Message}", launch.ExecutablePath, e);
        }
        process.StandardInput.Close();
        var logsWritten = Task.WhenAll(
            CopyToLogAsync(process.StandardOutput.BaseStream, outputLog),
            CopyToLogAsync(process.StandardError.BaseStream, errorLog));

        EmulatorInfo info;
        try
        {
            info = await WaitUntilHealthyAsync(process, launch, context).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            await StopAsync(process, logsWritten).ConfigureAwait(false);
            // Why it failed is in what it wrote; read that before its temporary folder goes.
            var explained = failure is AcrGeoException { ErrorId: ErrorIds.EmulatorStartFailed }
                ? failure.Message + LogTail(outputLog, errorLog)
                : null;
            RemoveDataDirectory(launch);
            if (explained is not null) throw StartFailed(explained, launch.ExecutablePath, null);
            throw;
        }
        finally
        {
            context.Report(new OperationProgress(ProgressActivity, "Starting the AcrGeo emulator", "Done", 100, completed: true));
        }

        context.Log($"The emulator (process {process.Id}, version {info.Version}) is healthy at {info.BaseUri}.");
        return new EmulatorProcess(process, logsWritten, new AcrGeoEmulator
        {
            ProcessId = process.Id,
            BaseUrl = info.BaseUri,
            ProxyUrl = info.ProxyUri,
            DataDirectory = launch.DataDirectory,
            DataDirectoryIsTemporary = launch.DataDirectoryIsTemporary,
            StatePath = launch.StatePath,
            CertificatePath = info.CertificatePath,
            ConnectionFile = connectionFile,
            SubscriptionId = info.SubscriptionId,
            TenantId = info.TenantId,
            ClientId = info.ClientId,
            IdentityEndpoint = info.IdentityEndpoint,
            Version = info.Version,
            ExecutablePath = launch.ExecutablePath,
            OutputLogPath = outputLog,
            ErrorLogPath = errorLog,
            StartTime = process.StartTime,
        });
    }

    /// <summary>
    /// Stops this emulator (its whole process tree) and waits for it to exit; removes its connection file and the
    /// temporary data folder it was given. Returns false when it had already stopped.
    /// </summary>
    public async Task<bool> StopAsync(OperationContext context)
    {
        var wasRunning = !process.HasExited;
        context.Log(wasRunning
            ? $"Stopping the emulator (process {Emulator.ProcessId}) at {Emulator.BaseUrl}."
            : $"The emulator (process {Emulator.ProcessId}) had already stopped.");
        await StopAsync(process, logsWritten).ConfigureAwait(false);
        // Killed, it could not remove its connection file itself; a file another emulator wrote since is left alone.
        if (File.Exists(Emulator.ConnectionFile) && ProcessIdIn(Emulator.ConnectionFile) == Emulator.ProcessId)
            File.Delete(Emulator.ConnectionFile);
        if (Emulator.DataDirectoryIsTemporary)
        {
            context.Log($"Removing the temporary data folder {Emulator.DataDirectory}.");
            DeleteDirectory(Emulator.DataDirectory);
        }
        process.Dispose();
        return wasRunning;
    }

    /// <summary>
    /// Stops an emulator this process did not start, by its process id: nothing else is removed. Returns false when
    /// no such process runs; refuses a process that is not an emulator.
    /// </summary>
    public static async Task<bool> StopAsync(int processId, OperationContext context)
    {
        Process other;
        try
        {
            other = Process.GetProcessById(processId);
        }
        catch (ArgumentException)
        {
            context.Log($"No process {processId} is running; there is no emulator to stop.");
            return false;
        }
        using (other)
        {
            string name;
            try
            {
                name = other.ProcessName;
            }
            catch (InvalidOperationException)
            {
                context.Log($"Process {processId} has just ended.");
                return false;
            }
            if (!ProcessNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new AcrGeoException(ErrorIds.NotAnEmulator, AcrErrorCategory.InvalidArgument,
                    $"Process {processId} ({name}) is not an AcrGeo emulator (those run as {string.Join(" or ", ProcessNames)}); " +
                    "nothing was stopped.", processId);
            context.Log($"Stopping the emulator (process {processId}).");
            await StopAsync(other, Task.CompletedTask).ConfigureAwait(false);
            return true;
        }
    }

    static async Task<EmulatorInfo> WaitUntilHealthyAsync(Process process, EmulatorLaunch launch, OperationContext context)
    {
        var elapsed = Stopwatch.StartNew();
        HttpClient? client = null;
        try
        {
            while (true)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                if (process.HasExited)
                {
                    if (process.ExitCode == PortInUseExitCode) throw PortInUse(launch.Port);
                    throw StartFailed($"The emulator exited with code {process.ExitCode} before it was ready.", launch.ExecutablePath, null);
                }
                if (elapsed.Elapsed > launch.Timeout)
                    throw StartFailed($"The emulator did not become healthy within {launch.Timeout.TotalSeconds:0.#} s.", launch.ExecutablePath, null);

                var status = "Waiting for its connection file";
                // Any file there now is this emulator's (a stale one was removed, a live one refused by the plan).
                if (TryReadConnectionFile(launch.DataDirectory) is { } info && (info.ProcessId is null || info.ProcessId == process.Id))
                {
                    client ??= PinnedHttpClient.Create(info.CertificatePath);
                    if (await IsHealthyAsync(client, info.BaseUri, context.Cancellation).ConfigureAwait(false)) return info;
                    status = $"Waiting for {info.BaseUri}health";
                }
                var percent = (int)Math.Min(99, elapsed.Elapsed.TotalMilliseconds * 100 / launch.Timeout.TotalMilliseconds);
                context.Report(new OperationProgress(ProgressActivity, "Starting the AcrGeo emulator", status, percent));
                await Task.Delay(ProbeInterval, context.Cancellation).ConfigureAwait(false);
            }
        }
        finally
        {
            client?.Dispose();
        }
    }

    static async Task<bool> IsHealthyAsync(HttpClient client, Uri baseUri, CancellationToken cancellation)
    {
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        probe.CancelAfter(ProbeTimeout);
        try
        {
            using var response = await client.GetAsync(new Uri(baseUri, "/health"), probe.Token).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellation.IsCancellationRequested))
        {
            // Not listening yet, or not answering in time: the caller asks again until its deadline.
            return false;
        }
    }

    /// <summary>The connection file in a data folder, or null when there is none (or none readable: a foreign or broken one).</summary>
    static EmulatorInfo? TryReadConnectionFile(string dataDirectory)
    {
        if (!File.Exists(EmulatorInfo.PathIn(dataDirectory))) return null;
        try
        {
            return EmulatorInfo.Read(dataDirectory);
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException
                                  or UriFormatException or UnauthorizedAccessException or AcrGeoException)
        {
            return null;
        }
    }

    /// <summary>The process id a connection file names, or null when it names none or cannot be read yet.</summary>
    static int? ProcessIdIn(string connectionFile)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(connectionFile));
            return document.RootElement.TryGetProperty("processId", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt32() : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    static async Task StopAsync(Process process, Task logsWritten)
    {
        if (!process.HasExited) KillTree(process);
        if (!await Task.Run(() => process.WaitForExit((int)ExitWait.TotalMilliseconds)).ConfigureAwait(false))
            throw new AcrGeoException(ErrorIds.OperationFailed, AcrErrorCategory.OperationTimeout,
                $"The emulator (process {process.Id}) did not exit within {ExitWait.TotalSeconds:0} s of being killed.", process.Id);
        // Its output ends with it; the log files are complete (and closed, so the folder can go) soon after.
        await Task.WhenAny(logsWritten, Task.Delay(LogDrainWait)).ConfigureAwait(false);
    }

    /// <summary>
    /// The emulator runs in its own process, but a wrapper (a shell script on PATH, say) may stand between: end the
    /// whole tree where the runtime can (.NET Core 3 and later); Windows PowerShell's .NET Framework ends the process.
    /// </summary>
    static void KillTree(Process process)
    {
        try
        {
            if (KillEntireTree is { } kill) kill.Invoke(process, new object[] { true });
            else process.Kill();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception
                                  || e.InnerException is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It ended on its own meanwhile; the wait that follows tells.
        }
    }

    static readonly MethodInfo? KillEntireTree = typeof(Process).GetMethod(nameof(Process.Kill), new[] { typeof(bool) });

    static int CurrentProcessId
    {
        get
        {
            using var current = Process.GetCurrentProcess();
            return current.Id;
        }
    }

    static async Task CopyToLogAsync(Stream output, string path)
    {
        try
        {
            // Unbuffered, so the log holds everything the emulator said even while it still runs.
            using var log = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            await output.CopyToAsync(log, 4096).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The log is for diagnosis only; a folder removed under it must not fault the emulator's handle.
        }
    }

    /// <summary>The last lines of the emulator's output for an error message, without any line that could carry a credential.</summary>
    static string LogTail(string outputLog, string errorLog)
    {
        var lines = new[] { outputLog, errorLog }
            .Where(File.Exists)
            .SelectMany(ReadShared)
            .Where(line => line.Trim().Length > 0 && !CouldCarryCredential(line))
            .ToList();
        return lines.Count == 0
            ? " It wrote nothing."
            : $" The last lines it wrote:{Environment.NewLine}{string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Count - LogTailLines)))}";
    }

    static bool CouldCarryCredential(string line) =>
        new[] { "secret", "password", "token", "identityheader", "identity_header", "bearer" }
            .Any(word => line.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);

    static IEnumerable<string> ReadShared(string path)
    {
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        var text = reader.ReadToEnd();
        return text.Split(new[] { "\r\n", "\n" }, StringSplitOptions.None);
    }

    static string Locate(string? path)
    {
        if (!string.IsNullOrEmpty(path))
            return Resolve(path!) ?? throw NotFound(
                $"-Path '{path}' is not the AcrGeo emulator: no such file, and no {ToolCommand} in such a folder.", path!);
        var variable = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(variable))
            return Resolve(variable!) ?? throw NotFound(
                $"{PathVariable} is '{variable}', which is not the AcrGeo emulator: no such file, and no {ToolCommand} in such a folder.", variable!);
        var toolName = ToolCommand + (IsWindows ? ".exe" : "");
        var searched = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries)
            .Append(DotnetToolsDirectory);
        foreach (var directory in searched)
        {
            var candidate = Path.Combine(directory, toolName);
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        throw NotFound($"The AcrGeo emulator was not found: no -Path, no {PathVariable}, and no {ToolCommand} on PATH or in " +
            $"{DotnetToolsDirectory}. Install it with: {InstallCommand} (add --add-source <folder> for a package you built), " +
            $"or give -Path.", ToolCommand);
    }

    static string DotnetToolsDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools");

    /// <summary>A file as it is, or the emulator in a folder (a tool path, or a build output).</summary>
    static string? Resolve(string path)
    {
        if (File.Exists(path)) return Path.GetFullPath(path);
        if (!Directory.Exists(path)) return null;
        var suffix = IsWindows ? ".exe" : "";
        return new[] { ToolCommand + suffix, "AcrGeo.Emulator" + suffix, "AcrGeo.Emulator.dll" }
            .Select(name => Path.Combine(path, name))
            .Where(File.Exists)
            .Select(Path.GetFullPath)
            .FirstOrDefault();
    }

    /// <summary>The dotnet host that runs an emulator given as its .dll: the one running the SDK, else on PATH.</summary>
    static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host!;
        var name = IsWindows ? "dotnet.exe" : "dotnet";
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists)
            ?? throw NotFound("The emulator was given as a .dll, which needs the dotnet host, and dotnet is not on PATH. " +
                $"Install the tool instead: {InstallCommand}.", name);
    }

    static void EnsurePortFree(int port)
    {
        if (port == 0) return;
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
        }
        catch (SocketException)
        {
            throw PortInUse(port);
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Two emulators must not share a data folder: the second would replace the first one's connection file.</summary>
    static async Task EnsureDataDirectoryFreeAsync(string dataDirectory, OperationContext context)
    {
        if (TryReadConnectionFile(dataDirectory) is not { } running) return;
        if (!File.Exists(running.CertificatePath)) return;
        using var client = PinnedHttpClient.Create(running.CertificatePath);
        if (!await IsHealthyAsync(client, running.BaseUri, context.Cancellation).ConfigureAwait(false)) return;
        throw new AcrGeoException(ErrorIds.EmulatorDataDirectoryInUse, AcrErrorCategory.ResourceExists,
            $"An emulator{(running.ProcessId is { } id ? $" (process {id})" : "")} already runs at {running.BaseUri} with the data folder " +
            $"'{dataDirectory}'. Stop it first (Stop-AcrGeoEmulator), connect to it (Connect-AcrGeo -Emulator -EmulatorDataDirectory), " +
            "or give another -DataDirectory.", dataDirectory);
    }

    static void RemoveDataDirectory(EmulatorLaunch launch)
    {
        if (launch.DataDirectoryIsTemporary) DeleteDirectory(launch.DataDirectory);
    }

    static void DeleteDirectory(string directory)
    {
        // Windows may hold a file of a process that has just exited for a moment longer.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(200);
            }
        }
    }

    static AcrGeoException NotFound(string message, string target) =>
        new(ErrorIds.EmulatorNotFound, AcrErrorCategory.ObjectNotFound, message, target);

    static AcrGeoException PortInUse(int port) =>
        new(ErrorIds.EmulatorPortInUse, AcrErrorCategory.ResourceUnavailable,
            $"Port {port} on 127.0.0.1 is in use. Give another -Port, or leave it out (0) to let the emulator take a free one.", port);

    static AcrGeoException StartFailed(string message, string executable, Exception? inner) =>
        new(ErrorIds.EmulatorStartFailed, AcrErrorCategory.InvalidOperation, message, executable, inner);
}

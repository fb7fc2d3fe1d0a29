using System;
using System.Collections.Generic;
using System.Linq;

namespace AcrGeo.Connection;

/// <summary>
/// A checked plan to start the emulator (<see cref="EmulatorProcess.PlanAsync"/>): every check has passed and nothing
/// has been created yet, so a cmdlet can ask ShouldProcess with <see cref="Description"/> before
/// <see cref="EmulatorProcess.StartAsync"/> carries it out.
/// </summary>
public sealed class EmulatorLaunch
{
    internal EmulatorLaunch(string executablePath, string fileName, IReadOnlyList<string> arguments, int port,
        string dataDirectory, bool dataDirectoryIsTemporary, string? statePath, TimeSpan timeout)
    {
        ExecutablePath = executablePath;
        FileName = fileName;
        Arguments = arguments;
        Port = port;
        DataDirectory = dataDirectory;
        DataDirectoryIsTemporary = dataDirectoryIsTemporary;
        StatePath = statePath;
        Timeout = timeout;
    }

    /// <summary>The emulator found: the tool's command, the program, or its .dll.</summary>
    public string ExecutablePath { get; }
    public int Port { get; }
    public string DataDirectory { get; }
    public bool DataDirectoryIsTemporary { get; }
    public string? StatePath { get; }
    /// <summary>The whole command line; it holds no secret (the emulator makes its own credential).</summary>
    public string Description =>
        $"{CommandLine.Join(new[] { FileName }.Concat(Arguments))}" + (DataDirectoryIsTemporary ? " (a new temporary data folder)" : "");

    /// <summary>What is started: the executable itself, or the dotnet host for a .dll.</summary>
    internal string FileName { get; }
    internal IReadOnlyList<string> Arguments { get; }
    internal TimeSpan Timeout { get; }
}

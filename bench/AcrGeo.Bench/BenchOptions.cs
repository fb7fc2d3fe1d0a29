using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace AcrGeo.Bench;

sealed class BenchOptions
{
    public const string HomeRegion = "westus";

    /// <summary>Regions that offer Container Registry in the emulator's catalogue, none of them the home region.</summary>
    public static readonly string[] Regions =
    [
        "japaneast", "eastus", "westeurope", "canadacentral", "australiaeast",
        "uksouth", "northeurope", "southeastasia", "brazilsouth", "koreacentral",
    ];

    public static readonly int[] Counts = [1, 2, 5, 10];

    public const string Usage =
        "dotnet run -c Release --project bench/AcrGeo.Bench -- [--provisioning-delay SECONDS (3)] [--runs R (3)] " +
        "[--poll-interval SECONDS (1)] [--sync-delay SECONDS (0.5)] [--skip-cli] [--cli-max-n N (5; 10 adds the N=10 CLI run)] " +
        "[--output FILE (e.g. docs/benchmarks.md)] [--label NAME (main): which report block of FILE to replace]";

    public TimeSpan ProvisioningDelay { get; private set; } = TimeSpan.FromSeconds(3);
    public TimeSpan SyncDelay { get; private set; } = TimeSpan.FromSeconds(0.5);
    public int RetryAfterSeconds { get; } = 1;
    public TimeSpan PollInterval { get; private set; } = TimeSpan.FromSeconds(1);
    public int MaxParallelOperations { get; } = 10;
    public int Runs { get; private set; } = 3;
    public bool SkipCli { get; private set; }
    public int CliMaxN { get; private set; } = 5;
    public string? Output { get; private set; }
    public string Label { get; private set; } = "main";
    public bool Help { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            double Seconds(double max)
            {
                var text = Value();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) || s < 0 || s > max)
                    throw new ArgumentException($"{name}: '{text}' is not a number of seconds between 0 and {max}.");
                return s;
            }
            int Count(int min, int max)
            {
                var text = Value();
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
                    throw new ArgumentException($"{name}: '{text}' is not a whole number from {min} to {max}.");
                return n;
            }
            switch (name)
            {
                // Bounded so that the whole benchmark stays within minutes.
                case "--provisioning-delay": o.ProvisioningDelay = TimeSpan.FromSeconds(Seconds(30)); break;
                case "--sync-delay": o.SyncDelay = TimeSpan.FromSeconds(Seconds(60)); break;
                case "--poll-interval": o.PollInterval = TimeSpan.FromSeconds(Seconds(10)); break;
                case "--runs": o.Runs = Count(1, 10); break;
                case "--cli-max-n": o.CliMaxN = Count(0, 10); break;
                case "--skip-cli": o.SkipCli = true; break;
                case "--output": o.Output = Value(); break;
                case "--label":
                    o.Label = Value();
                    if (!System.Text.RegularExpressions.Regex.IsMatch(o.Label, "^[A-Za-z0-9._=-]{1,40}$"))
                        throw new ArgumentException("--label: letters, digits and . _ = - only (at most 40).");
                    break;
                case "-h" or "--help": o.Help = true; break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }
        return o;
    }
}

/// <summary>What the report says about the machine it ran on.</summary>
sealed record MachineInfo(string Nproc, string DotnetSdk, string Runtime, string Os, string Cpu, DateTimeOffset Date)
{
    public static MachineInfo Read() => new(
        Run("nproc") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        Run("dotnet", "--version") ?? "?",
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        CpuModel(),
        DateTimeOffset.UtcNow);

    static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?[(line.IndexOf(':') + 1)..].Trim() ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }

    /// <summary>The first line a small command prints, or null if it is missing or fails.</summary>
    static string? Run(string file, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in arguments) start.ArgumentList.Add(a);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? output.Split('\n')[0].Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

/// <summary>The built module's size: what Import-Module has to load from disk.</summary>
sealed record ModuleInfo(string Path, int Files, long Bytes, int Assemblies)
{
    public static ModuleInfo? Read(string? repoRoot)
    {
        if (repoRoot is null) return null;
        var dir = System.IO.Path.Combine(repoRoot, "out", "AcrGeo");
        if (!Directory.Exists(dir)) return null;
        var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList();
        return new ModuleInfo("out/AcrGeo", files.Count, files.Sum(f => f.Length),
            files.Count(f => f.Extension.Equals(".dll", StringComparison.OrdinalIgnoreCase)));
    }
}

static class RepoRoot
{
    /// <summary>The nearest directory, from the working directory up, that holds AcrGeo.sln.</summary>
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AcrGeo.sln"))) return dir.FullName;
        return null;
    }
}

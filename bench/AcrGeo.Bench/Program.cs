using System.Diagnostics;
using System.Globalization;
using AcrGeo.Bench;
using AcrGeo.Emulator.Hosting;

// dotnet run -c Release --project bench/AcrGeo.Bench -- [--provisioning-delay SECONDS (3)] [--runs R (3)]
//   [--poll-interval SECONDS (1)] [--sync-delay SECONDS (0.5)] [--skip-cli] [--cli-max-n N (5)] [--output FILE]
//   [--label NAME (main)]
//
// Times creating N geo-replicas (N = 1, 2, 5, 10) with the engine (PlanAsync + CreateAsync, in parallel) and with
// the Azure CLI (one `az acr replication create` after another), both against an in-process emulator on
// 127.0.0.1, and counts the requests each sends from the emulator's log. Prints a markdown report; with --output,
// writes it into that file between the report markers of its label (text outside them is kept; a new label's
// report is appended).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

void Progress(string line) => Console.Error.WriteLine(line);

var machine = MachineInfo.Read();
var results = new BenchResults(options, machine);
var total = Stopwatch.StartNew();

await using (var emu = await BenchEmulator.StartAsync(new EmulatorSettings
{
    ProvisioningDelay = options.ProvisioningDelay,
    SyncDelay = options.SyncDelay,
    RetryAfterSeconds = options.RetryAfterSeconds,
}))
{
    Progress($"emulator on {emu.Emulator.BaseUri} (provisioning delay {options.ProvisioningDelay.TotalSeconds:0.###} s, " +
             $"Retry-After {options.RetryAfterSeconds} s)");

    // JIT, connection pools, the emulator's first requests: one untimed run first.
    var warm = await EngineBench.RunOnceAsync(emu, options, 2);
    Progress($"engine warm-up (N=2, not counted): {warm.WallSeconds:0.000} s");

    // Round-robin over N, so a slow moment of the machine does not land on one N only.
    for (var run = 1; run <= options.Runs; run++)
    {
        foreach (var n in BenchOptions.Counts)
        {
            var r = await EngineBench.RunOnceAsync(emu, options, n);
            results.Engine.Add(r);
            Progress($"engine N={n,2} run {run}/{options.Runs}: {r.WallSeconds:0.000} s (first PUT at {r.BeforeFirstPutSeconds:0.000} s, " +
                     $"{r.Requests.Total} requests + {r.Requests.Token} token; most polls for one replica {r.MaxPollsPerReplica}, " +
                     $"{r.ReplicasWithExtraPoll} needed an extra one; earliest deciding poll {r.EarliestDecidingPollSeconds:0.0000} s after its PUT)");
        }
    }

    if (options.SkipCli)
    {
        results.CliNote = "skipped (--skip-cli)";
    }
    else if (CliBench.FindAz() is not { } az)
    {
        results.CliNote = "skipped: `az` was not found on PATH (install Debian's azure-cli package to include it)";
        Progress("az not found on PATH: the Azure CLI comparison is skipped");
    }
    else
    {
        try
        {
            using var cli = await CliBench.SetUpAsync(emu, az);
            results.CliVersion = cli.Version;
            Progress($"az {cli.Version}: cloud registered, signed in");
            await cli.WarmUpAsync();
            Progress("az warm-up (one replica, not counted) done");
            foreach (var n in BenchOptions.Counts.Where(n => n <= options.CliMaxN))
            {
                var r = await cli.RunOnceAsync(n, Progress);
                results.Cli.Add(r);
                Progress($"az N={n,2}: {r.WallSeconds:0.000} s ({r.MeanCommandSeconds:0.00} s per command, {r.Requests.Total} requests + {r.Requests.Token} token)");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.Text.Json.JsonException
                                   or System.ComponentModel.Win32Exception)
        {
            results.CliNote = "failed: " + e.Message;
            Progress("Azure CLI comparison failed: " + e.Message);
        }
    }
}

results.Module = ModuleInfo.Read(RepoRoot.Find());
results.TotalSeconds = total.Elapsed.TotalSeconds;
var report = Report.Markdown(results);
Console.WriteLine(report);
if (options.Output is { } output)
{
    Report.WriteInto(output, options.Label, report);
    Progress($"written into {output}");
}
return 0;

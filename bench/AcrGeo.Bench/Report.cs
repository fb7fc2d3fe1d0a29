using System.Globalization;
using System.Text;

namespace AcrGeo.Bench;

sealed class BenchResults(BenchOptions options, MachineInfo machine)
{
    public BenchOptions Options { get; } = options;
    public MachineInfo Machine { get; } = machine;
    public List<EngineRun> Engine { get; } = [];
    public List<CliRun> Cli { get; } = [];
    public string? CliVersion { get; set; }
    /// <summary>Why there are no (or not all) CLI numbers, if so.</summary>
    public string? CliNote { get; set; }
    public ModuleInfo? Module { get; set; }
    public double TotalSeconds { get; set; }
}

/// <summary>The markdown report: printed to stdout and written between markers into the output file.</summary>
static class Report
{
    static string BeginPrefix(string label) => $"<!-- bench:results:begin {label} ";
    static string Begin(string label) => BeginPrefix(label) + "— written by bench/AcrGeo.Bench; text outside these markers is kept -->";
    static string End(string label) => $"<!-- bench:results:end {label} -->";

    static string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);

    public static string Markdown(BenchResults r)
    {
        var o = r.Options;
        var m = r.Machine;
        var sb = new StringBuilder();
        sb.AppendLine(Begin(o.Label));
        sb.AppendLine($"## Results: T = {F(o.ProvisioningDelay.TotalSeconds, "0.###")} s, engine PollInterval {F(o.PollInterval.TotalSeconds, "0.###")} s" +
                      (o.Label == "main" ? "" : $" ({o.Label})"));
        sb.AppendLine();
        sb.AppendLine($"- Machine: {m.Nproc} cores (`nproc`), {m.Cpu}; {m.Os}");
        sb.AppendLine($"- .NET SDK {m.DotnetSdk} (`dotnet --version`), runtime {m.Runtime}");
        sb.AppendLine($"- Date: {m.Date:yyyy-MM-dd HH:mm} UTC; the whole benchmark took {F(r.TotalSeconds, "0")} s");
        sb.AppendLine($"- Emulator: in-process on 127.0.0.1; provisioning delay **T = {F(o.ProvisioningDelay.TotalSeconds, "0.###")} s**, " +
                      $"sync delay {F(o.SyncDelay.TotalSeconds, "0.###")} s, Retry-After {o.RetryAfterSeconds} s on every long-running reply");
        sb.AppendLine($"- Engine: `ReplicaOperations.PlanAsync` + `CreateAsync`, **PollInterval {F(o.PollInterval.TotalSeconds, "0.###")} s** " +
                      $"(the product's default is 2 s), MaxParallelOperations {o.MaxParallelOperations}; a fresh connection per run, so " +
                      $"sign-in and the region catalogue are inside the timing; **R = {o.Runs} runs** per N (median, min–max beside it), " +
                      "N values interleaved, after one untimed warm-up run");
        sb.AppendLine(r.CliNote is null || r.Cli.Count > 0
            ? $"- Azure CLI {r.CliVersion ?? "?"}: one `az acr replication create -r R -g G -l REGION` after another (what users do today), " +
              "1 run per N, signed in and warmed up (one untimed command) beforehand"
            : $"- Azure CLI: {r.CliNote}");
        sb.AppendLine($"- Each run: a fresh Premium registry in {BenchOptions.HomeRegion} (set-up untimed); regions are the first N of " +
                      string.Join(", ", BenchOptions.Regions));
        sb.AppendLine();

        var engine = BenchOptions.Counts.Select(n => (n, runs: r.Engine.Where(e => e.N == n).ToList())).Where(x => x.runs.Count > 0)
            .ToDictionary(x => x.n, x => x.runs);
        var cli = r.Cli.ToDictionary(c => c.N);
        double EngineMedian(int n) => Stats.Median(engine[n].Select(e => e.WallSeconds));

        sb.AppendLine("### Wall time to create N replicas (until every one is provisioned)");
        sb.AppendLine();
        sb.AppendLine("| N | Engine median (s) | Engine min–max (s) | Engine ratio to N=1 | Azure CLI, sequential (s) | CLI ratio to N=1 | Engine speed-up vs CLI |");
        sb.AppendLine("|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var n in BenchOptions.Counts)
        {
            var cells = new List<string> { n.ToString(CultureInfo.InvariantCulture) };
            if (engine.ContainsKey(n))
            {
                var med = EngineMedian(n);
                cells.Add(F(med));
                cells.Add($"{F(engine[n].Min(e => e.WallSeconds))}–{F(engine[n].Max(e => e.WallSeconds))}");
                cells.Add(engine.ContainsKey(1) ? F(med / EngineMedian(1)) : "–");
            }
            else cells.AddRange(["–", "–", "–"]);
            if (cli.TryGetValue(n, out var c))
            {
                cells.Add(F(c.WallSeconds));
                cells.Add(cli.TryGetValue(1, out var c1) ? F(c.WallSeconds / c1.WallSeconds) : "–");
                cells.Add(engine.ContainsKey(n) ? F(c.WallSeconds / EngineMedian(n), "0.0") + "×" : "–");
            }
            else
            {
                var why = r.CliNote is not null && r.Cli.Count == 0 ? "skipped" : $"not run (add `--cli-max-n {n}`)";
                cells.AddRange([why, "–", "–"]);
            }
            sb.AppendLine("| " + string.Join(" | ", cells) + " |");
        }
        sb.AppendLine();
        if (engine.ContainsKey(1) && engine.ContainsKey(10))
        {
            var ratio = EngineMedian(10) / EngineMedian(1);
            sb.AppendLine($"Goal stated by the product: engine time at N = 10 at most 1.2 × the time at N = 1. Measured: **{F(ratio)}** — " +
                          (ratio <= 1.2 ? "**met**." : "**not met**."));
            sb.AppendLine();
        }

        sb.AppendLine("### Requests per run (from the emulator's log; token and sign-in requests counted apart)");
        sb.AppendLine();
        var rows = new List<(string client, int n, RequestCounts c)>();
        foreach (var (n, runs) in engine) rows.Add(("Engine", n, RequestCounts.Median(runs.Select(e => e.Requests).ToList())));
        foreach (var (n, c) in cli) rows.Add(("Azure CLI", n, c.Requests));
        var showOther = rows.Any(x => x.c.Other > 0);
        sb.AppendLine("| Client | N | Total | Per replica | PUT | Status polls | Final GETs | Other GETs |" + (showOther ? " Other |" : "") + " Token/sign-in |");
        sb.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|" + (showOther ? "--:|" : "") + "--:|");
        foreach (var (client, n, c) in rows)
        {
            string Per(int v) => $"{v} ({F((double)v / n, "0.#")})";
            sb.AppendLine($"| {client} | {n} | {c.Total} | {F((double)c.Total / n, "0.0")} | {Per(c.Put)} | {Per(c.Polls)} | {Per(c.FinalGets)} | " +
                          $"{Per(c.OtherGets)} |" + (showOther ? $" {Per(c.Other)} |" : "") + $" {c.Token} |");
        }
        sb.AppendLine();
        var failed = r.Engine.Sum(e => e.Requests.Failed) + r.Cli.Sum(c => c.Requests.Failed);
        sb.AppendLine("Cells are \"count (per replica)\"; engine counts are the median over its runs. Status polls are GETs of the " +
                      "Azure-AsyncOperation URL; final GETs read the replica once its operation succeeded; other GETs are the " +
                      "registry, the replica list, the region list and the provider. " +
                      $"Replies with an error status (or none) in all timed runs: {failed}.");
        sb.AppendLine();

        sb.AppendLine("### Where the engine's time goes (medians, seconds)");
        sb.AppendLine();
        var best = EngineBench.BestPolls(o);
        sb.AppendLine("| N | Start → first PUT answered (sign-in, regions, provider, replica list) | First → last PUT | Last PUT → all provisioned (polls + final GETs) " +
                      $"| Runs where some replica needed more than {best} polls | Replicas that did, over all runs |");
        sb.AppendLine("|--:|--:|--:|--:|--:|--:|");
        foreach (var (n, runs) in engine)
            sb.AppendLine($"| {n} | {F(Stats.Median(runs.Select(e => e.BeforeFirstPutSeconds)), "0.000")} | " +
                          $"{F(Stats.Median(runs.Select(e => e.PutSpreadSeconds)), "0.000")} | {F(Stats.Median(runs.Select(e => e.AfterLastPutSeconds)), "0.000")} | " +
                          $"{runs.Count(e => e.MaxPollsPerReplica > best)} of {runs.Count} | {runs.Sum(e => e.ReplicasWithExtraPoll)} of {runs.Sum(e => e.N)} |");
        sb.AppendLine();
        var step = Math.Max(o.PollInterval.TotalSeconds, o.RetryAfterSeconds);
        var floor = step > 0 ? Math.Ceiling(o.ProvisioningDelay.TotalSeconds / step - 1e-9) * step : o.ProvisioningDelay.TotalSeconds;
        sb.AppendLine($"Floor: the engine polls every max(PollInterval, Retry-After) = {F(step, "0.###")} s after each PUT, so it sees " +
                      $"Succeeded at the first poll after T: ⌈T / {F(step, "0.###")} s⌉ × {F(step, "0.###")} s = {F(floor, "0.###")} s after " +
                      "the PUT at best, plus one final GET.");
        if (cli.Count > 0)
            sb.AppendLine($"The Azure CLI's mean time per command was {F(r.Cli.Average(c => c.MeanCommandSeconds))} s " +
                          $"(process start, reading the registry, the PUT, polls every Retry-After = {o.RetryAfterSeconds} s, the final GET).");
        sb.AppendLine();

        sb.AppendLine("### Module size (what Import-Module reads)");
        sb.AppendLine();
        sb.AppendLine(r.Module is { } mod
            ? $"`{mod.Path}`: {mod.Files} files ({mod.Assemblies} assemblies), {F(mod.Bytes / 1024.0 / 1024.0, "0.0")} MiB."
            : "`out/AcrGeo` was not built when this ran; not measured.");
        sb.AppendLine(End(o.Label));
        return sb.ToString();
    }

    /// <summary>Puts the report between the markers of an existing file (keeping everything else), or starts the file.</summary>
    public static void WriteInto(string path, string label, string report)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (File.Exists(full))
        {
            var text = File.ReadAllText(full);
            var begin = text.IndexOf(BeginPrefix(label), StringComparison.Ordinal);
            var end = text.IndexOf(End(label), StringComparison.Ordinal);
            if (begin >= 0 && end > begin)
            {
                File.WriteAllText(full, text[..begin] + report.TrimEnd('\n') + text[(end + End(label).Length)..]);
                return;
            }
            // A report of another label goes after what is there.
            File.WriteAllText(full, text.TrimEnd('\n') + "\n\n" + report);
            return;
        }
        File.WriteAllText(full, "# Benchmarks\n\n" + report);
    }
}

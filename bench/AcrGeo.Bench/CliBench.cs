using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AcrGeo.Bench;

/// <summary>One timed Azure CLI run: N `az acr replication create` commands, one after another, on a fresh registry.</summary>
sealed record CliRun(int N, double WallSeconds, double MeanCommandSeconds, RequestCounts Requests);

/// <summary>The result of one process: exit code, output, and how long it took.</summary>
sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, double Seconds);

/// <summary>
/// The real Azure CLI against the emulator, the way tests/conformance/az-conformance.sh drives it: its own config
/// directory, the emulator's certificate as CA bundle, a registered cloud, a service-principal login, no phone-home.
/// Every process is started with an argument list (never a shell string). The emulator's client secret goes to
/// `az login` on standard input (`-p @-`, az's "read the value from a file" syntax): never in an argument, never printed.
/// </summary>
sealed class CliBench : IDisposable
{
    const string CloudName = "AcrGeoBench";
    static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    readonly BenchEmulator emu;
    readonly string az;
    readonly string configRoot;
    readonly Dictionary<string, string?> environment;

    CliBench(BenchEmulator emu, string az, string configRoot)
    {
        this.emu = emu;
        this.az = az;
        this.configRoot = configRoot;
        var configDir = Path.Combine(configRoot, "azure");
        environment = new()
        {
            ["AZURE_CONFIG_DIR"] = configDir,
            ["REQUESTS_CA_BUNDLE"] = emu.Emulator.CertificatePath,
            ["AZURE_CORE_COLLECT_TELEMETRY"] = "false",
            ["AZURE_CORE_ERROR_RECOMMENDATION"] = "off",
            ["AZURE_EXTENSION_USE_DYNAMIC_INSTALL"] = "no",
            ["AZURE_CORE_DISABLE_CONFIRM_PROMPT"] = "true",
            ["AZURE_CORE_ONLY_SHOW_ERRORS"] = "true",
            ["AZURE_CORE_NO_COLOR"] = "true",
            ["AZURE_CORE_SURVEY_MESSAGE"] = "false",
            // Loopback only: no proxy the environment may name is ever used.
            ["NO_PROXY"] = "127.0.0.1,localhost",
            ["no_proxy"] = "127.0.0.1,localhost",
            ["HTTP_PROXY"] = null, ["HTTPS_PROXY"] = null, ["ALL_PROXY"] = null,
            ["http_proxy"] = null, ["https_proxy"] = null, ["all_proxy"] = null,
        };
    }

    public string Version { get; private set; } = "?";

    /// <summary>The az executable on PATH, or null.</summary>
    public static string? FindAz()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "az");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Registers the emulator's cloud and logs in once; nothing of this is timed.</summary>
    public static async Task<CliBench> SetUpAsync(BenchEmulator emu, string az)
    {
        var root = Path.Combine(emu.DataDirectory, "az");
        // The config dir will hold az's copy of the service principal's secret and its token cache: owner only.
        OwnerOnlyDirectory(root);
        var cli = new CliBench(emu, az, root);
        var configDir = cli.environment["AZURE_CONFIG_DIR"]!;
        OwnerOnlyDirectory(configDir);
        // A current update_time skips az's version probe (it would go to the internet).
        await File.WriteAllTextAsync(Path.Combine(configDir, "versionCheck.json"),
            JsonSerializer.Serialize(new Dictionary<string, string> { ["update_time"] = DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss.ffffff") }));
        var baseUrl = emu.Emulator.BaseUri.ToString().TrimEnd('/');
        var cloudFile = Path.Combine(root, "cloud.json");
        await File.WriteAllTextAsync(cloudFile, JsonSerializer.Serialize(new
        {
            endpoints = new Dictionary<string, string>
            {
                ["resourceManager"] = baseUrl + "/",
                ["activeDirectory"] = baseUrl + "/adfs",
                ["activeDirectoryResourceId"] = baseUrl + "/",
                ["activeDirectoryGraphResourceId"] = baseUrl + "/",
                ["microsoftGraphResourceId"] = baseUrl + "/",
            },
            suffixes = new Dictionary<string, string> { ["acrLoginServerEndpoint"] = ".azurecr.io", ["keyvaultDns"] = ".vault.azure.net" },
        }));

        var version = await cli.AzAsync(["version", "-o", "json"]);
        cli.Check(version, "az version");
        try
        {
            cli.Version = JsonDocument.Parse(version.Stdout).RootElement.GetProperty("azure-cli").GetString() ?? "?";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            cli.Version = "?";
        }

        cli.Check(await cli.AzAsync(["cloud", "register", "-n", CloudName, "--cloud-config", "@" + cloudFile]), "az cloud register");
        cli.Check(await cli.AzAsync(["cloud", "set", "-n", CloudName]), "az cloud set");
        var identity = emu.Emulator.Identity;
        cli.Check(await cli.AzAsync(["login", "--service-principal", "-u", identity.ClientId, "-p", "@-", "--tenant", identity.TenantId, "-o", "none"],
            stdin: identity.ClientSecret), "az login --service-principal");
        var account = await cli.AzAsync(["account", "show", "--query", "id", "-o", "tsv"]);
        cli.Check(account, "az account show");
        if (account.Stdout.Trim() != identity.SubscriptionId)
            throw new InvalidOperationException($"az is signed in to '{account.Stdout.Trim()}', not the emulator's subscription.");
        return cli;
    }

    static void OwnerOnlyDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>One untimed `az acr replication create`, so the timed runs do not pay for a cold disk cache.</summary>
    public async Task WarmUpAsync()
    {
        var registry = await emu.NewRegistryAsync(BenchOptions.HomeRegion);
        await CreateReplicaAsync(registry.Name, registry.ResourceGroupName, BenchOptions.Regions[0]);
    }

    public async Task<CliRun> RunOnceAsync(int n, Action<string> progress)
    {
        var registry = await emu.NewRegistryAsync(BenchOptions.HomeRegion);
        emu.ClearLog();
        var watch = Stopwatch.StartNew();
        var perCommand = new List<double>();
        foreach (var region in BenchOptions.Regions.Take(n))
        {
            perCommand.Add(await CreateReplicaAsync(registry.Name, registry.ResourceGroupName, region));
            progress($"  az acr replication create -l {region}: {perCommand[^1]:0.00} s");
        }
        watch.Stop();
        return new CliRun(n, watch.Elapsed.TotalSeconds, perCommand.Average(), RequestCounts.From(emu.Log()));
    }

    async Task<double> CreateReplicaAsync(string registry, string group, string region)
    {
        var result = await AzAsync(["acr", "replication", "create", "-r", registry, "-g", group, "-l", region, "-o", "json"]);
        Check(result, $"az acr replication create -l {region}");
        using var json = JsonDocument.Parse(result.Stdout);
        var state = json.RootElement.TryGetProperty("provisioningState", out var p) ? p.GetString() : null;
        if (state != "Succeeded")
            throw new InvalidOperationException($"az acr replication create -l {region} returned provisioningState '{state}'.");
        return result.Seconds;
    }

    void Check(ProcessResult result, string what)
    {
        if (result.ExitCode == 0) return;
        throw new InvalidOperationException($"{what} failed (exit {result.ExitCode}): {Redact(Truncate(result.Stderr.Length > 0 ? result.Stderr : result.Stdout))}");
    }

    static string Truncate(string text) => text.Length > 600 ? text[..600] + "..." : text;

    /// <summary>Keeps the client secret and any token out of anything printed.</summary>
    string Redact(string text)
    {
        var secret = emu.Emulator.Identity.ClientSecret;
        if (secret.Length > 0) text = text.Replace(secret, "<redacted>", StringComparison.Ordinal);
        return Regex.Replace(text, @"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*", "<token>");
    }

    async Task<ProcessResult> AzAsync(IReadOnlyList<string> arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo(az)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = configRoot,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("az did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Only this process (and the children it started), by its handle.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"az {arguments[0]} {(arguments.Count > 1 ? arguments[1] : "")} took longer than {CommandTimeout.TotalSeconds} s.");
        }
        watch.Stop();
        return new ProcessResult(process.ExitCode, await stdout, await stderr, watch.Elapsed.TotalSeconds);
    }

    public void Dispose()
    {
        // az's config dir holds the service principal's secret: it goes with the benchmark.
        try
        {
            Directory.Delete(configRoot, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

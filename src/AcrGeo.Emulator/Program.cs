using System.Net.Sockets;
using AcrGeo.Emulator.Hosting;
using Microsoft.AspNetCore.Connections;

// acrgeo-emulator (the .NET tool) or dotnet run --project src/AcrGeo.Emulator --
//   [--port N] [--proxy-port N] [--state FILE] [--data-dir DIR] [--provisioning-delay SECONDS] [--sync-delay SECONDS]
//   [--retry-after SECONDS] [--arm-throttling on|off] [--subscriptions N] [--owner-pid PID]
// The CONNECT proxy for vault host names is on by default (any free port) so the Azure CLI can reach vaults.
// Exit codes: 0 stopped, 2 bad command line, 3 a port is in use (Start-AcrGeoEmulator tells that one apart).
const int BadCommandLine = 2;
const int PortInUse = 3;

var options = new EmulatorOptions { Port = 5443, ProxyPort = 0 };
int? ownerProcessId = null;
for (var i = 0; i < args.Length; i++)
{
    var option = args[i];
    string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{option} needs a value.");
    try
    {
        switch (option)
        {
            case "--port": options.Port = int.Parse(Value()); break;
            case "--proxy-port": options.ProxyPort = int.Parse(Value()); break;
            case "--state": options.StatePath = Path.GetFullPath(Value()); break;
            case "--data-dir": options.DataDirectory = Path.GetFullPath(Value()); break;
            case "--provisioning-delay": options.Settings.ProvisioningDelay = Seconds(Value()); break;
            case "--sync-delay": options.Settings.SyncDelay = Seconds(Value()); break;
            case "--retry-after": options.Settings.RetryAfterSeconds = int.Parse(Value()); break;
            case "--arm-throttling":
                options.Settings.Throttling.Enabled = Value() switch
                {
                    "on" => true,
                    "off" => false,
                    var other => throw new FormatException($"takes on or off, not '{other}'."),
                };
                break;
            case "--owner-pid": ownerProcessId = int.Parse(Value()); break;
            case "--subscriptions":
                options.Subscriptions = int.Parse(Value());
                if (options.Subscriptions is < 1 or > 1000) throw new FormatException("takes a number from 1 to 1000.");
                break;
            case "-h" or "--help":
                Console.WriteLine("AcrGeo Azure emulator. Options: --port N (default 5443, 0 = any free port), --proxy-port N " +
                                  "(CONNECT proxy to vault host names; default 0 = any free port), --state FILE, " +
                                  "--data-dir DIR, --provisioning-delay SECONDS, --sync-delay SECONDS, --retry-after SECONDS " +
                                  "(Retry-After of long-running operations, default 10 as Azure), --arm-throttling on|off (ARM's " +
                                  "request limits, default on), --subscriptions N (subscriptions in the tenant, default 1), --owner-pid PID (run apart from the terminal and stop when that " +
                                  "process ends).");
                return 0;
            default:
                Console.Error.WriteLine($"Unknown option '{option}'. Use --help.");
                return BadCommandLine;
        }
    }
    catch (FormatException e)
    {
        Console.Error.WriteLine($"{option}: {e.Message} Use --help.");
        return BadCommandLine;
    }
}

var owner = ownerProcessId is { } ownerId ? OwnerProcess.Attach(ownerId) : null;
if (ownerProcessId is not null && owner is null)
{
    Console.Error.WriteLine($"--owner-pid: no process {ownerProcessId} is running.");
    return BadCommandLine;
}

AzureEmulator emulator;
try
{
    emulator = await AzureEmulator.StartAsync(options);
}
catch (Exception e) when (e is IOException { InnerException: AddressInUseException }
                          || e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
{
    Console.Error.WriteLine($"A port the emulator needs is in use ({e.Message}). Choose another with --port (0 = any free port).");
    return PortInUse;
}

await using (emulator)
{
    var identity = emulator.Identity;
    var connectionFile = new ConnectionFile(options.ResolveDataDirectory());
    // Machine-readable lines, one fact each, so scripts can pick them up with grep/cut. The credential is not among
    // them: a terminal, a CI log or a parent process's log file is no place for it. It is in the connection file.
    Console.WriteLine("AcrGeo Azure emulator listening");
    Console.WriteLine($"baseUrl={emulator.BaseUri.ToString().TrimEnd('/')}");
    if (emulator.ProxyUri is { } proxy) Console.WriteLine($"proxy={proxy.ToString().TrimEnd('/')}");
    Console.WriteLine($"certificate={emulator.CertificatePath}");
    Console.WriteLine($"tenantId={identity.TenantId}");
    Console.WriteLine($"subscriptionId={identity.SubscriptionId}");
    Console.WriteLine($"clientId={identity.ClientId}");
    Console.WriteLine($"IDENTITY_ENDPOINT={emulator.BaseUri.ToString().TrimEnd('/')}/msi/token");
    Console.WriteLine($"state={options.StatePath ?? "(memory)"}");
    Console.WriteLine($"connection={connectionFile.Path}");
    Console.Out.Flush();
    connectionFile.Write(emulator);

    var stop = new TaskCompletionSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.TrySetResult();
    };
    AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
    // SIGTERM/SIGINT reach the host's lifetime first, which stops the server and keeps the process from exiting:
    // end here too, or `kill` leaves a process that no longer listens.
    emulator.Stopping.Register(() => stop.TrySetResult());
    owner?.ContinueWith(_ => stop.TrySetResult(), TaskScheduler.Default);
    await stop.Task;
    connectionFile.Delete();
}
return 0;

static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

using AcrGeo.Emulator.Hosting;

// dotnet run --project src/AcrGeo.Emulator -- [--port N] [--proxy-port N] [--state FILE] [--data-dir DIR]
//   [--provisioning-delay SECONDS] [--sync-delay SECONDS] [--retry-after SECONDS] [--arm-throttling on|off]
// The CONNECT proxy for vault host names is on by default (any free port) so the Azure CLI can reach vaults.
var options = new EmulatorOptions { Port = 5443, ProxyPort = 0 };
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--port": options.Port = int.Parse(Value()); break;
        case "--proxy-port": options.ProxyPort = int.Parse(Value()); break;
        case "--state": options.StatePath = Path.GetFullPath(Value()); break;
        case "--data-dir": options.DataDirectory = Path.GetFullPath(Value()); break;
        case "--provisioning-delay": options.Settings.ProvisioningDelay = TimeSpan.FromSeconds(double.Parse(Value())); break;
        case "--sync-delay": options.Settings.SyncDelay = TimeSpan.FromSeconds(double.Parse(Value())); break;
        case "--retry-after": options.Settings.RetryAfterSeconds = int.Parse(Value()); break;
        case "--arm-throttling":
            options.Settings.Throttling.Enabled = Value() switch
            {
                "on" => true,
                "off" => false,
                var other => throw new ArgumentException($"--arm-throttling takes on or off, not '{other}'."),
            };
            break;
        case "-h" or "--help":
            Console.WriteLine("AcrGeo Azure emulator. Options: --port N (default 5443, 0 = any free port), --proxy-port N " +
                              "(CONNECT proxy to vault host names; default 0 = any free port), --state FILE, " +
                              "--data-dir DIR, --provisioning-delay SECONDS, --sync-delay SECONDS, --retry-after SECONDS (Retry-After of " +
                              "long-running operations, default 10 as Azure), --arm-throttling on|off (ARM's request limits, default on).");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown option '{args[i]}'. Use --help.");
            return 2;
    }
}

await using var emulator = await AzureEmulator.StartAsync(options);
var identity = emulator.Identity;
// Machine-readable lines, one fact each, so scripts can pick them up with grep/cut.
Console.WriteLine($"AcrGeo Azure emulator listening");
Console.WriteLine($"baseUrl={emulator.BaseUri.ToString().TrimEnd('/')}");
if (emulator.ProxyUri is { } proxy) Console.WriteLine($"proxy={proxy.ToString().TrimEnd('/')}");
Console.WriteLine($"certificate={emulator.CertificatePath}");
Console.WriteLine($"tenantId={identity.TenantId}");
Console.WriteLine($"subscriptionId={identity.SubscriptionId}");
Console.WriteLine($"clientId={identity.ClientId}");
Console.WriteLine($"clientSecret={identity.ClientSecret}");
Console.WriteLine($"IDENTITY_ENDPOINT={emulator.BaseUri.ToString().TrimEnd('/')}/msi/token");
Console.WriteLine($"IDENTITY_HEADER={identity.IdentityHeader}");
Console.WriteLine($"state={options.StatePath ?? "(memory)"}");
Console.Out.Flush();

// The connection file lets clients (Connect-AcrGeo -Emulator) find and sign in to this emulator with no arguments.
// It holds the emulator's own throwaway credential, so only the owner may read it; it goes when the emulator stops.
var connectionFile = Path.Combine(options.ResolveDataDirectory(), "connection.json");
AcrGeo.Emulator.Identity.EmulatorCertificate.WriteAtomically(connectionFile, System.Text.Json.JsonSerializer.Serialize(new
{
    baseUrl = emulator.BaseUri.ToString().TrimEnd('/'),
    proxy = emulator.ProxyUri?.ToString().TrimEnd('/'),
    certificate = emulator.CertificatePath,
    tenantId = identity.TenantId,
    subscriptionId = identity.SubscriptionId,
    clientId = identity.ClientId,
    clientSecret = identity.ClientSecret,
}), ownerOnly: true);

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
// SIGTERM/SIGINT reach the host's lifetime first, which stops the server and keeps the process from exiting:
// end here too, or `kill` leaves a process that no longer listens.
emulator.Stopping.Register(() => stop.TrySetResult());
await stop.Task;
File.Delete(connectionFile);
return 0;

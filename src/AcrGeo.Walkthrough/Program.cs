using System.Diagnostics;
using System.Security;
using AcrGeo;
using AcrGeo.Connection;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Models;
using AcrGeo.Operations;

// The geo-replication walkthrough of the source documents (Contoso: a registry in West US replicated to East US,
// Canada Central and West Europe, plus Japan East from the training unit) and the container-instance deployment of
// the last document, done by the AcrGeo engine against the embedded Azure emulator: what today takes pages of az commands.
//   dotnet run --project src/AcrGeo.Walkthrough [-- --provisioning-delay 3 --sync-delay 5]
var provisioning = 3.0;
var sync = 5.0;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--provisioning-delay") provisioning = double.Parse(args[i + 1]);
    else if (args[i] == "--sync-delay") sync = double.Parse(args[i + 1]);
    else throw new ArgumentException($"Unknown option '{args[i]}'. Options: --provisioning-delay SECONDS, --sync-delay SECONDS.");
}

var clock = Stopwatch.StartNew();
var dataDirectory = Path.Combine(Path.GetTempPath(), "acrgeo-walkthrough-" + Guid.NewGuid().ToString("N")[..8]);
await using var emulator = await AzureEmulator.StartAsync(new EmulatorOptions
{
    DataDirectory = dataDirectory,
    Settings = new EmulatorSettings
    {
        ProvisioningDelay = TimeSpan.FromSeconds(provisioning), SyncDelay = TimeSpan.FromSeconds(sync), RetryAfterSeconds = 1,
    },
});
Step($"Embedded Azure emulator at {emulator.BaseUri} (provisioning {provisioning} s, sync {sync} s)");

var secret = new SecureString();
foreach (var c in emulator.Identity.ClientSecret) secret.AppendChar(c);
using var connection = AcrGeoConnection.Open(new ConnectionSettings
{
    SubscriptionId = emulator.Identity.SubscriptionId,
    TenantId = emulator.Identity.TenantId,
    Credential = CredentialKind.ServicePrincipal,
    ClientId = emulator.Identity.ClientId,
    ClientSecret = secret,
    Cloud = CloudEndpoints.Emulator(emulator.BaseUri),
    TrustedCertificatePath = emulator.CertificatePath,
    PollInterval = TimeSpan.FromSeconds(1),
});
var context = new OperationContext { Progress = new ConsoleProgress() };
Step($"Signed in as {connection.Identity} to subscription '{await connection.VerifyAsync(context)}'");

var registryName = "contoso" + Guid.NewGuid().ToString("N")[..8];
await new ResourceGroupOperations(connection).EnsureAsync("contoso-acr", "westus", context);
var registry = await new RegistryOperations(connection).CreateAsync(new RegistryRequest
{
    Name = registryName, ResourceGroupName = "contoso-acr", Location = "westus", Sku = "Premium",
}, context);
Step($"Premium registry {registry.LoginServer} in {registry.Location} ({registry.ProvisioningState})");

var replicas = new ReplicaOperations(connection);
var plan = await replicas.PlanAsync(registry, new ReplicaRequest { Locations = ["eastus", "canadacentral", "westeurope", "japaneast"] }, context);
Step($"Replicating to {string.Join(", ", plan.ToCreate)} at once");
var started = clock.Elapsed;
var outcomes = await replicas.CreateAsync(plan, context);
foreach (var failed in outcomes.Where(o => !o.Succeeded)) Console.WriteLine($"  {failed.Target}: {failed.Error!.ErrorId}: {failed.Error.Message}");
Step($"{outcomes.Count(o => o.Succeeded)} replicas provisioned in {(clock.Elapsed - started).TotalSeconds:F1} s (one region takes {provisioning} s)");
PrintTable(await replicas.ListAsync(registry, context));

var ready = await replicas.WaitAsync(registry, null, TimeSpan.FromMinutes(5), context);
Step("Every replica has caught up");
PrintTable(ready);

var map = await new RegionOperations(connection).GetMapAsync(registry, context);
Step("The replication map: " + string.Join(", ", map.GroupBy(r => r.State).Select(g => $"{g.Count()} {g.Key}")));
Console.WriteLine("  Unavailable here: " + string.Join(", ", map.Where(r => r.State == RegionState.Unavailable).Select(r => r.Name)));

var hook = await new WebhookOperations(connection).CreateAsync(registry, new WebhookRequest
{
    Name = "westeuropepush", ServiceUri = new Uri("https://contoso.example/acr-events"), Location = "westeurope", Actions = ["push"],
}, context);
Step($"Regional webhook '{hook.Name}' hears pushes as they land in {hook.Location}");

try
{
    await replicas.RemoveAsync(registry, [registry.Location], context);
}
catch (AcrGeoException e)
{
    Step($"Removing the home replica is refused: {e.ErrorId}");
}
var removed = await replicas.RemoveAsync(registry, ["japaneast"], context);
Step(removed.All(o => o.Succeeded) ? "Removed the japaneast replica (one Premium charge less)" : "Removing japaneast failed");
PrintTable(await replicas.ListAsync(registry, context));

// Source document 004: the registry's first image without Docker, least-privilege pull credentials kept in Key Vault,
// and a container instance that pulls with them from the replica in its own region.
var image = await new ImageOperations(connection).ImportAsync(registry, "mcr.microsoft.com/azuredocs/aci-helloworld:latest",
    "aci-helloworld:v1", force: false, context);
Step($"Imported {image.Reference} without Docker; the replicas sync it");
await replicas.WaitAsync(registry, null, TimeSpan.FromMinutes(5), context);

var vault = await new VaultOperations(connection).CreateAsync(new VaultRequest
{
    Name = "kv" + registryName[7..], ResourceGroupName = "contoso-acr", Location = "westus",
}, context);
var principal = await new PullPrincipalOperations(connection).CreateAsync(registry, vault.Name, new PullPrincipalRequest(), context);
Step($"Service principal {principal.DisplayName} holds {principal.Role} on {registry.Name} only; its credentials are the vault " +
     $"secrets {principal.UsernameSecretName} and {principal.PasswordSecretName} (expiring {principal.ExpiresOn:yyyy-MM-dd})");

var (user, password) = await new PullPrincipalOperations(connection).GetCredentialAsync(registry, vault.Name, "AcrPull", context);
var group = await new ContainerInstanceOperations(connection).CreateAsync(registry, new ContainerInstanceRequest
{
    Name = "aci-demo", ResourceGroupName = "contoso-acr", Image = "aci-helloworld:v1", Location = "eastus",
    RegistryUserName = user, RegistryPassword = password,
}, context);
Step($"Container group {group.Name} is {group.State} in {group.Location}, pulled from the {group.Location} replica");
Console.WriteLine($"  FQDN: {group.Fqdn}");

var requests = emulator.Requests.Snapshot();
Step($"Done in {clock.Elapsed.TotalSeconds:F1} s with {requests.Count(r => !r.Path.Contains("/oauth2/"))} ARM requests " +
     $"and {requests.Count(r => r.Path.Contains("/oauth2/"))} token request(s)");
try
{
    Directory.Delete(dataDirectory, recursive: true);
}
catch (IOException)
{
    // A temp folder left behind is harmless.
}
return outcomes.All(o => o.Succeeded) && removed.All(o => o.Succeeded) ? 0 : 1;

void Step(string text) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,5:F1}s] {text}");

static void PrintTable(IEnumerable<AcrReplica> rows)
{
    var list = rows.ToList();
    Console.WriteLine();
    Console.WriteLine($"  {"NAME",-16}{"LOCATION",-16}{"PROVISIONING STATE",-21}{"STATUS",-9}HOME");
    Console.WriteLine($"  {new string('-', 15),-16}{new string('-', 15),-16}{new string('-', 20),-21}{new string('-', 8),-9}----");
    foreach (var r in list)
        Console.WriteLine($"  {r.Name,-16}{r.Location,-16}{r.ProvisioningState,-21}{r.Status,-9}{(r.IsHome ? "*" : "")}");
    Console.WriteLine();
}

/// <summary>Prints each region's progress when its state changes, one line each, as a log would.</summary>
sealed class ConsoleProgress : IProgress<OperationProgress>
{
    readonly Dictionary<int, string> last = new();

    public void Report(OperationProgress value)
    {
        lock (last)
        {
            if (value.Completed) return;
            var state = value.Status.Split(" (")[0];
            if (last.TryGetValue(value.ActivityId, out var seen) && seen == state) return;
            last[value.ActivityId] = state;
            if (value.ActivityId >= 100) Console.WriteLine($"         {value.Activity}: {state}");
        }
    }
}

using System.Reflection;
using System.Runtime.Loader;
using System.Security;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Hosting;

namespace AcrGeo.Module.Tests;

/// <summary>The shipped loader, as the module's initializer uses it on PowerShell 7.</summary>
static class ShippedLoader
{
    public static Assembly Assembly => System.Reflection.Assembly.LoadFrom(Path.Combine(ModuleLayout.DependencyDirectory, "AcrGeo.LoadContext.dll"));

    public static bool IsInDefaultContext(string assemblyName) =>
        AssemblyLoadContext.Default.Assemblies.Any(a => a.GetName().Name == assemblyName);
}

/// <summary>
/// The engine and the Azure SDK loaded from out/AcrGeo/dependencies into the module's private load context, and
/// driven through reflection only, end to end against the emulator: the isolation PowerShell 7 gets, working.
/// This project does not reference the engine, so nothing here can come from the default context by accident.
/// </summary>
public sealed class PrivateLoadContextTests : IAsyncLifetime
{
    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "acrgeo-module-tests", Guid.NewGuid().ToString("N"));
    AzureEmulator emulator = null!;

    public async Task InitializeAsync() => emulator = await AzureEmulator.StartAsync(new EmulatorOptions
    {
        DataDirectory = dataDirectory,
        Settings = new EmulatorSettings
        {
            ProvisioningDelay = TimeSpan.FromMilliseconds(200),
            SyncDelay = TimeSpan.FromMilliseconds(200),
            RetryAfterSeconds = 0,
        },
    });

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Engine_and_Azure_Core_from_the_dependencies_folder_replicate_a_registry_in_a_private_context()
    {
        var context = (AssemblyLoadContext)Activator.CreateInstance(
            ShippedLoader.Assembly.GetType("AcrGeo.LoadContext.DependencyLoadContext", throwOnError: true)!, ModuleLayout.DependencyDirectory)!;
        var engine = context.LoadFromAssemblyName(new AssemblyName("AcrGeo.Engine"));
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(engine));
        Assert.Equal(Path.Combine(ModuleLayout.DependencyDirectory, "AcrGeo.Engine.dll"), engine.Location);

        var operationContext = Get(engine.GetType("AcrGeo.OperationContext", throwOnError: true)!, "None");
        using var connection = (IDisposable)engine.GetType("AcrGeo.Connection.AcrGeoConnection", throwOnError: true)!
            .GetMethod("Open")!.Invoke(null, [Settings(engine)])!;

        var group = await NewResourceGroupAsync("westus");
        var registry = await CallAsync(New(engine, "AcrGeo.Operations.RegistryOperations", connection), "CreateAsync",
            With(New(engine, "AcrGeo.Operations.RegistryRequest"),
                ("Name", "reg" + Guid.NewGuid().ToString("N")[..12]), ("ResourceGroupName", group), ("Location", "westus"), ("Sku", "Premium")),
            operationContext);
        var replicas = New(engine, "AcrGeo.Operations.ReplicaOperations", connection);
        var plan = await CallAsync(replicas, "PlanAsync", registry,
            With(New(engine, "AcrGeo.Operations.ReplicaRequest"), ("Locations", new[] { "japaneast" })), operationContext);
        Assert.Equal(["japaneast"], (IEnumerable<string>)Get(plan, "ToCreate")!);
        var outcomes = (System.Collections.IEnumerable)await CallAsync(replicas, "CreateAsync", plan, operationContext);
        Assert.All(outcomes.Cast<object>(), outcome => Assert.True((bool)Get(outcome, "Succeeded")!, $"{Get(outcome, "Error")}"));

        var listed = ((System.Collections.IEnumerable)await CallAsync(replicas, "ListAsync", registry, operationContext)).Cast<object>().ToList();
        var japanEast = Assert.Single(listed, replica => (string)Get(replica, "Location")! == "japaneast");
        Assert.Equal("Succeeded", Get(japanEast, "ProvisioningState"));
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(japanEast.GetType().Assembly));

        // The SDK the flow ran on is the shipped copy, in the private context, and the default context never saw it.
        var azureCore = Assert.Single(context.Assemblies, a => a.GetName().Name == "Azure.Core");
        Assert.Same(azureCore, context.LoadFromAssemblyName(engine.GetReferencedAssemblies().Single(r => r.Name == "Azure.Core")));
        Assert.Equal(Path.Combine(ModuleLayout.DependencyDirectory, "Azure.Core.dll"), azureCore.Location);
        Assert.False(ShippedLoader.IsInDefaultContext("Azure.Core"), "Azure.Core was loaded into the default context");
        Assert.False(ShippedLoader.IsInDefaultContext("AcrGeo.Engine"), "AcrGeo.Engine was loaded into the default context");
    }

    object Settings(Assembly engine)
    {
        var secret = new SecureString();
        foreach (var c in emulator.Identity.ClientSecret) secret.AppendChar(c);
        secret.MakeReadOnly();
        var credentialKind = engine.GetType("AcrGeo.Connection.CredentialKind", throwOnError: true)!;
        var cloud = engine.GetType("AcrGeo.Connection.CloudEndpoints", throwOnError: true)!.GetMethod("Emulator")!.Invoke(null, [emulator.BaseUri]);
        return With(New(engine, "AcrGeo.Connection.ConnectionSettings"),
            ("SubscriptionId", emulator.Identity.SubscriptionId),
            ("TenantId", emulator.Identity.TenantId),
            ("Credential", Enum.Parse(credentialKind, "ServicePrincipal")),
            ("ClientId", emulator.Identity.ClientId),
            ("ClientSecret", secret),
            ("Cloud", cloud),
            ("TrustedCertificatePath", emulator.CertificatePath),
            ("PollInterval", TimeSpan.FromMilliseconds(50)),
            ("RetryDelay", TimeSpan.FromMilliseconds(50)));
    }

    /// <summary>Resource groups are outside the module's surface: made with a plain ARM request.</summary>
    async Task<string> NewResourceGroupAsync(string location)
    {
        var group = "rg" + Guid.NewGuid().ToString("N")[..8];
        using var http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == emulator.Certificate.Thumbprint,
        });
        var tokenReply = await http.PostAsync(new Uri(emulator.BaseUri, $"/{emulator.Identity.TenantId}/oauth2/v2.0/token"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = emulator.Identity.ClientId,
                ["client_secret"] = emulator.Identity.ClientSecret, ["scope"] = "https://management.azure.com/.default",
            }));
        var token = (string)JsonNode.Parse(await tokenReply.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["access_token"]!;
        using var request = new HttpRequestMessage(HttpMethod.Put,
            new Uri(emulator.BaseUri, $"/subscriptions/{emulator.Identity.SubscriptionId}/resourcegroups/{group}?api-version=2021-04-01"))
        {
            Content = new StringContent($"{{\"location\":\"{location}\"}}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        return group;
    }

    static object New(Assembly assembly, string typeName, params object?[] arguments) =>
        Activator.CreateInstance(assembly.GetType(typeName, throwOnError: true)!, arguments)!;

    /// <summary>Sets properties by name, init-only ones included (object initializers, late bound).</summary>
    static object With(object target, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values) target.GetType().GetProperty(name)!.SetValue(target, value);
        return target;
    }

    static object? Get(object target, string property) => target.GetType().GetProperty(property)!.GetValue(target);

    static object? Get(Type type, string staticProperty) => type.GetProperty(staticProperty, BindingFlags.Public | BindingFlags.Static)!.GetValue(null);

    static async Task<object> CallAsync(object target, string method, params object?[] arguments)
    {
        var task = (Task)target.GetType().GetMethod(method)!.Invoke(target, arguments)!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task)!;
    }
}

/// <summary>
/// DependencyIsolation.Initialize, as the module's initializer calls it: afterwards a request to the default context
/// for the engine (the cmdlet assembly's reference) is answered from the private context.
/// </summary>
public sealed class DependencyIsolationTests
{
    [Fact]
    public void Initialize_routes_the_default_contexts_engine_requests_to_the_private_context()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        Assert.DoesNotContain(trusted, path => Path.GetFileNameWithoutExtension(path) == "AcrGeo.Engine");
        Assert.Throws<FileNotFoundException>(() => AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("AcrGeo.Engine")));

        var initialize = ShippedLoader.Assembly.GetType("AcrGeo.LoadContext.DependencyIsolation", throwOnError: true)!.GetMethod("Initialize")!;
        var context = (AssemblyLoadContext)initialize.Invoke(null, [ModuleLayout.DependencyDirectory])!;
        var engine = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("AcrGeo.Engine"));

        Assert.NotSame(AssemblyLoadContext.Default, context);
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(engine));
        Assert.Equal(Path.Combine(ModuleLayout.DependencyDirectory, "AcrGeo.Engine.dll"), engine.Location);
        Assert.Same(context, initialize.Invoke(null, [ModuleLayout.DependencyDirectory]));
    }
}

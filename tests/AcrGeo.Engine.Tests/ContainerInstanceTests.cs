using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Admin;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Engine.Tests;

public sealed class ContainerInstanceTests(EngineFixture fx) : IClassFixture<EngineFixture>
{
    const string HelloWorld = "mcr.microsoft.com/azuredocs/aci-helloworld:latest";

    ContainerInstanceOperations Instances => new(fx.Connection);
    ImageOperations Images => new(fx.Connection);

    /// <summary>The seed's setup: a Premium registry in westus with an eastus replica, the hello-world image, a vault and a pull principal.</summary>
    async Task<(AcrRegistry Registry, AcrVault Vault, string User, SecureString Password)> SeedAsync()
    {
        var registry = await fx.NewRegistryAsync(location: "westus");
        var replicas = new ReplicaOperations(fx.Connection);
        await replicas.CreateAsync(await replicas.PlanAsync(registry, new ReplicaRequest { Locations = ["eastus"] }, OperationContext.None),
            OperationContext.None);
        await Images.ImportAsync(registry, new ImageImportRequest { Source = HelloWorld, Target = "aci-helloworld:v1", Force = false }, OperationContext.None);
        await replicas.WaitAsync(registry, null, TimeSpan.FromSeconds(30), OperationContext.None);
        var vault = await new VaultOperations(fx.Connection).CreateAsync(new VaultRequest
        {
            Name = "kv" + Guid.NewGuid().ToString("N")[..12], ResourceGroupName = registry.ResourceGroupName, Location = "westus",
        }, OperationContext.None);
        var principals = new PullPrincipalOperations(fx.Connection);
        await principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest(), OperationContext.None);
        var (user, password) = await principals.GetCredentialAsync(registry, vault.Name, "AcrPull", OperationContext.None);
        return (registry, vault, user, password);
    }

    static ContainerInstanceRequest Request(AcrRegistry registry, string user, SecureString password, string image = "aci-helloworld:v1",
        string? location = null) => new()
    {
        Name = "aci-" + Guid.NewGuid().ToString("N")[..8], ResourceGroupName = registry.ResourceGroupName, Image = image,
        RegistryUserName = user, RegistryPassword = password, Location = location,
    };

    static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        return secure;
    }

    static string Reveal(SecureString secret)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
        try
        {
            return Marshal.PtrToStringUni(pointer)!;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    bool NothingDeployed() => !fx.ArmRequests.Any(r => r.Method == "PUT" && r.Path.Contains("/containerGroups/"));

    [Fact]
    public async Task An_imported_image_is_listed_and_importing_over_a_tag_needs_force()
    {
        var registry = await fx.NewRegistryAsync();
        var imported = await Images.ImportAsync(registry, new ImageImportRequest { Source = HelloWorld, Target = "aci-helloworld:v1", Force = false }, OperationContext.None);
        Assert.Equal($"{registry.LoginServer}/aci-helloworld:v1", imported.Reference);

        var listed = Assert.Single(await Images.ListAsync(registry, null, OperationContext.None));
        Assert.Equal(("aci-helloworld", "v1"), (listed.Repository, listed.Tag));
        Assert.StartsWith("sha256:", listed.Digest);

        await Assert.ThrowsAsync<AcrGeoException>(() => Images.ImportAsync(registry, new ImageImportRequest { Source = HelloWorld, Target = "aci-helloworld:v1", Force = false }, OperationContext.None));
        await Images.ImportAsync(registry, new ImageImportRequest { Source = HelloWorld, Target = "aci-helloworld:v1", Force = true }, OperationContext.None);
    }

    [Theory]
    [InlineData("Aci-HelloWorld:v1")]
    [InlineData("aci helloworld:v1")]
    [InlineData("repo:bad tag")]
    public async Task Bad_image_names_are_refused_before_any_request(string image)
    {
        var registry = await fx.NewRegistryAsync();
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() => Images.ImportAsync(registry, new ImageImportRequest { Source = HelloWorld, Target = image, Force = false }, OperationContext.None));
        Assert.Equal(ErrorIds.InvalidImageName, error.ErrorId);
        Assert.Empty(fx.ArmRequests);
    }

    [Fact]
    public async Task The_seed_flow_deploys_from_the_replica_region_and_hands_back_the_FQDN()
    {
        var (registry, _, user, password) = await SeedAsync();
        var request = Request(registry, user, password, location: "eastus");

        var group = await Instances.CreateAsync(registry, request, OperationContext.None);

        Assert.Equal("Running", group.State);
        Assert.Equal("eastus", group.Location);
        Assert.Matches($"^{request.Name}-[0-9a-f]{{6}}\\.eastus\\.azurecontainer\\.io$", group.Fqdn);
        Assert.False(string.IsNullOrEmpty(group.IPAddress));
        Assert.Equal($"{registry.LoginServer}/aci-helloworld:v1", group.Image);
        Assert.Contains((await Instances.ListAsync(registry.ResourceGroupName, _ => true, OperationContext.None)), g => g.Name == request.Name);
        Assert.False(string.IsNullOrWhiteSpace(await Instances.GetLogsAsync(registry.ResourceGroupName, request.Name, null, OperationContext.None)));

        await Instances.RemoveAsync(registry.ResourceGroupName, request.Name, OperationContext.None);
        await Instances.RemoveAsync(registry.ResourceGroupName, request.Name, OperationContext.None);
        var gone = await Assert.ThrowsAsync<AcrGeoException>(() => Instances.GetAsync(registry.ResourceGroupName, request.Name, OperationContext.None));
        Assert.Equal(ErrorIds.ContainerInstanceNotFound, gone.ErrorId);
    }

    [Fact]
    public async Task Without_a_location_the_group_goes_to_the_replica_nearest_its_resource_group()
    {
        var (registry, _, user, password) = await SeedAsync();
        await new ResourceGroupOperations(fx.Connection).EnsureAsync("nearvirginia", "eastus2", OperationContext.None);
        var request = Request(registry, user, password) with { ResourceGroupName = "nearvirginia" };

        var group = await Instances.CreateAsync(registry, request, OperationContext.None);

        Assert.Equal("eastus", group.Location);
    }

    [Fact]
    public async Task A_tag_the_registry_does_not_have_is_told_apart_before_anything_is_created()
    {
        var (registry, _, user, password) = await SeedAsync();
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Instances.CreateAsync(registry, Request(registry, user, password, "aci-helloworld:v2"), OperationContext.None));
        Assert.Equal(ErrorIds.ImageNotFound, error.ErrorId);
        Assert.True(NothingDeployed());
    }

    [Fact]
    public async Task A_tag_not_yet_in_the_regions_replica_is_told_apart()
    {
        var (registry, _, user, password) = await SeedAsync();
        var saved = fx.Emulator.Settings.SyncDelay;
        fx.Emulator.Settings.SyncDelay = TimeSpan.FromMinutes(5);
        try
        {
            await Images.ImportAsync(registry, new ImageImportRequest { Source = HelloWorld, Target = "aci-helloworld:v3", Force = false }, OperationContext.None);
            fx.ClearLog();
            var error = await Assert.ThrowsAsync<AcrGeoException>(() =>
                Instances.CreateAsync(registry, Request(registry, user, password, "aci-helloworld:v3", "eastus"), OperationContext.None));
            Assert.Equal(ErrorIds.ImageNotReplicated, error.ErrorId);
            Assert.Contains("eastus", error.Message);
            Assert.True(NothingDeployed());
        }
        finally
        {
            fx.Emulator.Settings.SyncDelay = saved;
        }
    }

    [Fact]
    public async Task A_wrong_password_is_told_apart_and_never_shown()
    {
        var (registry, _, user, _) = await SeedAsync();
        var wrong = "not-the-password-" + Guid.NewGuid().ToString("N");
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Instances.CreateAsync(registry, Request(registry, user, Secure(wrong)), OperationContext.None));
        Assert.Equal(ErrorIds.RegistryCredentialRejected, error.ErrorId);
        Assert.DoesNotContain(wrong, error.ToString());
        Assert.True(NothingDeployed());
    }

    [Fact]
    public async Task An_expired_password_is_told_apart()
    {
        var (registry, _, user, _) = await SeedAsync();
        var application = await GraphAsync(HttpMethod.Get, $"/v1.0/applications(appId='{user}')");
        var added = await GraphAsync(HttpMethod.Post, $"/v1.0/applications/{application["id"]}/addPassword",
            new JsonObject { ["passwordCredential"] = new JsonObject { ["endDateTime"] = DateTimeOffset.UtcNow.AddSeconds(2).ToString("o") } });
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var error = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Instances.CreateAsync(registry, Request(registry, user, Secure((string)added["secretText"]!)), OperationContext.None));
        Assert.Equal(ErrorIds.RegistryCredentialExpired, error.ErrorId);
        Assert.Contains("Reset-AcrPullPrincipalCredential", error.Message);
    }

    [Fact]
    public async Task A_principal_without_a_pull_role_is_told_apart()
    {
        var (registry, _, _, _) = await SeedAsync();
        var application = await GraphAsync(HttpMethod.Post, "/v1.0/applications", new JsonObject { ["displayName"] = "no-role-" + Guid.NewGuid().ToString("N")[..6] });
        await GraphAsync(HttpMethod.Post, "/v1.0/servicePrincipals", new JsonObject { ["appId"] = application["appId"]!.ToString() });
        var added = await GraphAsync(HttpMethod.Post, $"/v1.0/applications/{application["id"]}/addPassword", new JsonObject { ["passwordCredential"] = new JsonObject() });
        fx.ClearLog();

        var error = await Assert.ThrowsAsync<AcrGeoException>(() => Instances.CreateAsync(registry,
            Request(registry, (string)application["appId"]!, Secure((string)added["secretText"]!)), OperationContext.None));

        Assert.Equal(ErrorIds.PullRoleMissing, error.ErrorId);
        Assert.Contains("AcrPull", error.Message);
        Assert.True(NothingDeployed());
    }

    [Fact]
    public async Task A_DNS_label_taken_in_the_region_is_refused()
    {
        var (registry, _, user, password) = await SeedAsync();
        var first = await Instances.CreateAsync(registry, Request(registry, user, password, location: "eastus"), OperationContext.None);
        var error = await Assert.ThrowsAsync<AcrGeoException>(() => Instances.CreateAsync(registry,
            Request(registry, user, password, location: "eastus") with { DnsNameLabel = first.DnsNameLabel }, OperationContext.None));
        Assert.Equal(AcrErrorCategory.InvalidArgument, error.Category);
        Assert.Contains(first.DnsNameLabel!, error.Message);
    }

    [Fact]
    public async Task Faults_while_polling_are_retried_and_a_failed_deployment_is_reported()
    {
        var (registry, _, user, password) = await SeedAsync();
        fx.Emulator.Faults.Add(new FaultRule { Method = "GET", Path = "*/Microsoft.ContainerInstance/*", Action = FaultAction.ServiceUnavailable, Count = 2, RetryAfterSeconds = 0 });
        Assert.Equal("Running", (await Instances.CreateAsync(registry, Request(registry, user, password), OperationContext.None)).State);

        fx.Emulator.Faults.Add(new FaultRule { Method = "PUT", Path = "*/containerGroups/*", Action = FaultAction.FailOperation, Count = 1 });
        var error = await Assert.ThrowsAsync<AcrGeoException>(() => Instances.CreateAsync(registry, Request(registry, user, password), OperationContext.None));
        Assert.Equal(ErrorIds.OperationFailed, error.ErrorId);
    }

    [Fact]
    public async Task Credentials_and_secure_variables_appear_in_no_output_log_or_template()
    {
        var (registry, vault, user, password) = await SeedAsync();
        var secretValue = "s3cure-" + Guid.NewGuid().ToString("N");
        var written = new StringBuilder();
        var context = new OperationContext { Verbose = line => { lock (written) written.AppendLine(line); } };
        var request = Request(registry, user, password) with
        {
            SecureEnvironment = new Dictionary<string, SecureString> { ["API_KEY"] = Secure(secretValue) },
            Environment = new Dictionary<string, string> { ["MODE"] = "demo" },
        };

        var group = await Instances.CreateAsync(registry, request, context);
        written.AppendLine(System.Text.Json.JsonSerializer.Serialize(group));
        var (template, parameters) = await Instances.ExportTemplateAsync(registry.ResourceGroupName, request.Name, vault, context);
        written.AppendLine(System.Text.Json.JsonSerializer.Serialize(fx.Emulator.Requests.Snapshot()));
        var json = await fx.ArmTokenAsync() is var token ? await RawGetAsync($"{group.Id}?api-version=2025-09-01", token) : "";

        foreach (var text in new[] { written.ToString(), template, parameters, json })
        {
            Assert.DoesNotContain(Reveal(password), text);
            Assert.DoesNotContain(secretValue, text);
        }
        var parameterFile = JsonNode.Parse(parameters)!;
        Assert.Equal($"{registry.Name}-pull-pwd", (string?)parameterFile["parameters"]!["registryPassword"]!["reference"]!["secretName"]);
        Assert.Equal(vault.Id, (string?)parameterFile["parameters"]!["registryPassword"]!["reference"]!["keyVault"]!["id"]);
        Assert.Equal("[parameters('registryPassword')]",
            (string?)JsonNode.Parse(template)!["resources"]![0]!["properties"]!["imageRegistryCredentials"]![0]!["password"]);
    }

    HttpClient Http() => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.Thumbprint == fx.Emulator.Certificate.Thumbprint,
    }) { BaseAddress = fx.Emulator.BaseUri };

    async Task<string> RawGetAsync(string path, string token)
    {
        using var http = Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await (await http.SendAsync(request)).Content.ReadAsStringAsync();
    }

    async Task<JsonObject> GraphAsync(HttpMethod method, string path, JsonObject? body = null)
    {
        using var http = Http();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await fx.ArmTokenAsync("https://graph.microsoft.com/.default"));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}

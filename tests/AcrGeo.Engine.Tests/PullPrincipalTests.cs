using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Admin;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Engine.Tests;

public sealed class PullPrincipalTests(StatefulEngineFixture fx) : IClassFixture<StatefulEngineFixture>
{
    PullPrincipalOperations Principals => new(fx.Connection);

    async Task<(AcrRegistry Registry, AcrVault Vault)> RegistryAndVaultAsync(bool rbac = true, bool grant = true)
    {
        var registry = await fx.NewRegistryAsync();
        var vault = await new VaultOperations(fx.Connection).CreateAsync(new VaultRequest
        {
            Name = "kv" + Guid.NewGuid().ToString("N")[..12], ResourceGroupName = registry.ResourceGroupName, Location = "westus",
            RbacAuthorization = rbac, GrantCallerSecretAccess = grant,
        }, OperationContext.None);
        return (registry, vault);
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

    HttpClient Http() => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.Thumbprint == fx.Emulator.Certificate.Thumbprint,
    }) { BaseAddress = fx.Emulator.BaseUri };


    /// <summary>What docker does to pull: a registry token with basic credentials, then a registry call with it.</summary>
    async Task<HttpStatusCode> PullProbeAsync(AcrRegistry registry, string user, string password)
    {
        using var http = Http();
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get,
            $"/oauth2/token?service={registry.LoginServer}&scope=repository:hello-world:pull");
        tokenRequest.Headers.Host = registry.LoginServer;
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var tokenResponse = await http.SendAsync(tokenRequest);
        if (!tokenResponse.IsSuccessStatusCode) return tokenResponse.StatusCode;
        var token = (string)JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!;
        using var tags = new HttpRequestMessage(HttpMethod.Get, "/v2/hello-world/tags/list");
        tags.Headers.Host = registry.LoginServer;
        tags.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(tags);
        // No image was pushed: an authorised pull finds no repository (404); an unauthorised one is refused (401/403).
        return response.StatusCode;
    }

    [Fact]
    public async Task The_seed_flow_makes_a_principal_that_can_pull_from_its_registry_and_nothing_else()
    {
        var (registry, vault) = await RegistryAndVaultAsync();
        var other = await fx.NewRegistryAsync();

        var principal = await Principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest(), OperationContext.None);

        Assert.Equal($"{registry.Name}-pull-usr", principal.UsernameSecretName);
        Assert.Equal($"{registry.Name}-pull-pwd", principal.PasswordSecretName);
        Assert.Equal("AcrPull", principal.Role);
        Assert.Equal(registry.Id, principal.Scope);
        Assert.InRange(principal.ExpiresOn!.Value, DateTimeOffset.UtcNow.AddDays(364), DateTimeOffset.UtcNow.AddDays(366));
        var (user, secret) = await Principals.GetCredentialAsync(registry, vault.Name, "AcrPull", OperationContext.None);
        Assert.Equal(principal.AppId, user);
        var password = Reveal(secret);

        var (status, token) = await fx.SignInAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.NotFound, await PullProbeAsync(registry, user, password));
        Assert.Contains(await PullProbeAsync(other, user, password), new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });

        // Nothing else: its ARM token cannot change the registry it may pull from.
        using var http = Http();
        using var write = new HttpRequestMessage(HttpMethod.Patch, $"{registry.Id}?api-version=2025-11-01")
        {
            Content = new StringContent("{\"tags\":{\"a\":\"b\"}}", Encoding.UTF8, "application/json"),
        };
        write.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(write)).StatusCode);
    }

    [Fact]
    public async Task Running_again_completes_the_same_principal_without_a_second_one_or_a_new_password()
    {
        var (registry, vault) = await RegistryAndVaultAsync();
        var first = await Principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest(), OperationContext.None);
        fx.ClearLog();

        var second = await Principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest(), OperationContext.None);

        Assert.Equal(first.AppId, second.AppId);
        Assert.Equal(first.CredentialKeyId, second.CredentialKeyId);
        var log = fx.ArmRequests;
        Assert.DoesNotContain(log, r => r.Method == "POST" && r.Path.StartsWith("/v1.0/applications"));
        Assert.DoesNotContain(log, r => r.Method == "PUT" && (r.Path.Contains("/secrets/") || r.Path.Contains("roleAssignments")));
        Assert.Single(await Principals.ListAsync(registry, OperationContext.None));
    }

    public static TheoryData<string, string> Steps => new()
    {
        { "POST", "/v1.0/applications" },
        { "POST", "/v1.0/servicePrincipals" },
        { "PUT", "*/providers/Microsoft.Authorization/roleAssignments/*" },
        { "POST", "/v1.0/applications/*/addPassword" },
        { "PUT", "/secrets/*-pull-usr" },
        { "PUT", "/secrets/*-pull-pwd" },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_failure_at_any_step_leaves_nothing_behind_and_running_again_converges(string method, string path)
    {
        var (registry, vault) = await RegistryAndVaultAsync();
        using var noRetries = fx.Connect(s => s.MaxRetries = 0);
        var principals = new PullPrincipalOperations(noRetries);
        fx.Emulator.Faults.Add(new FaultRule { Method = method, Path = path, Action = FaultAction.InternalError, Count = 1 });

        await Assert.ThrowsAsync<AcrGeoException>(() => principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest(), OperationContext.None));

        Assert.Empty(await principals.ListAsync(registry, OperationContext.None));
        Assert.Equal(0, await ApplicationsNamedAsync($"{registry.Name}-pull"));
        var missing = await Assert.ThrowsAsync<AcrGeoException>(() =>
            principals.GetCredentialAsync(registry, vault.Name, "AcrPull", OperationContext.None));
        Assert.Equal(ErrorIds.PullCredentialNotFound, missing.ErrorId);

        var principal = await principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest(), OperationContext.None);
        var (user, secret) = await principals.GetCredentialAsync(registry, vault.Name, "AcrPull", OperationContext.None);
        Assert.Equal(principal.AppId, user);
        Assert.Equal(HttpStatusCode.OK, (await fx.SignInAsync(user, Reveal(secret))).Status);
        Assert.Equal(1, await ApplicationsNamedAsync($"{registry.Name}-pull"));
    }

    async Task<int> ApplicationsNamedAsync(string displayName)
    {
        using var http = Http();
        var token = await fx.ArmTokenAsync("https://graph.microsoft.com/.default");
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/v1.0/applications?$filter={Uri.EscapeDataString($"displayName eq '{displayName}'")}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var body = JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!;
        return body["value"]!.AsArray().Count;
    }

    [Fact]
    public async Task Without_data_access_to_an_RBAC_vault_nothing_is_created_and_the_error_names_the_role()
    {
        var (registry, vault) = await RegistryAndVaultAsync(rbac: true, grant: false);
        fx.ClearLog();

        var error = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest(), OperationContext.None));

        Assert.Equal(ErrorIds.VaultAccessDenied, error.ErrorId);
        Assert.Contains("Key Vault Secrets Officer", error.Message);
        Assert.DoesNotContain(fx.ArmRequests, r => r.Method != "GET");

        var principal = await Principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest { GrantVaultAccess = true }, OperationContext.None);
        Assert.Equal(vault.Name, principal.VaultName);
    }

    [Fact]
    public async Task Access_policy_vaults_work_and_a_missing_policy_is_named()
    {
        var (registry, vault) = await RegistryAndVaultAsync(rbac: false, grant: false);
        var error = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest(), OperationContext.None));
        Assert.Equal(ErrorIds.VaultAccessDenied, error.ErrorId);
        Assert.Contains("access polic", error.Message);

        var principal = await Principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest { GrantVaultAccess = true }, OperationContext.None);
        var (user, _) = await Principals.GetCredentialAsync(registry, vault.Name, "AcrPull", OperationContext.None);
        Assert.Equal(principal.AppId, user);
    }

    [Fact]
    public async Task Rotation_stores_a_working_password_before_the_old_one_stops_working()
    {
        var (registry, vault) = await RegistryAndVaultAsync();
        var before = await Principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest(), OperationContext.None);
        var (user, oldSecret) = await Principals.GetCredentialAsync(registry, vault.Name, "AcrPull", OperationContext.None);
        var oldPassword = Reveal(oldSecret);

        var after = await Principals.ResetCredentialAsync(registry, vault.Name, DateTimeOffset.UtcNow.AddDays(90), "AcrPull", OperationContext.None);

        Assert.Equal(before.AppId, after.AppId);
        Assert.NotEqual(before.CredentialKeyId, after.CredentialKeyId);
        Assert.InRange(after.ExpiresOn!.Value, DateTimeOffset.UtcNow.AddDays(89), DateTimeOffset.UtcNow.AddDays(91));
        var (_, newSecret) = await Principals.GetCredentialAsync(registry, vault.Name, "AcrPull", OperationContext.None);
        var newPassword = Reveal(newSecret);
        Assert.NotEqual(oldPassword, newPassword);
        Assert.Equal(HttpStatusCode.OK, (await fx.SignInAsync(user, newPassword)).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await fx.SignInAsync(user, oldPassword)).Status);
    }

    [Fact]
    public async Task Removing_takes_away_the_role_the_principal_and_the_secrets_and_converges()
    {
        var (registry, vault) = await RegistryAndVaultAsync();
        var principal = await Principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest(), OperationContext.None);
        var (user, secret) = await Principals.GetCredentialAsync(registry, vault.Name, "AcrPull", OperationContext.None);
        var password = Reveal(secret);

        await Principals.RemoveAsync(registry, vault.Name, "AcrPull", OperationContext.None);
        await Principals.RemoveAsync(registry, vault.Name, "AcrPull", OperationContext.None);

        Assert.Empty(await Principals.ListAsync(registry, OperationContext.None));
        Assert.NotEqual(HttpStatusCode.OK, (await fx.SignInAsync(user, password)).Status);
        Assert.Equal(0, await ApplicationsNamedAsync(principal.DisplayName));
        await Assert.ThrowsAsync<AcrGeoException>(() => Principals.GetCredentialAsync(registry, vault.Name, "AcrPull", OperationContext.None));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0.01)]
    [InlineData(800)]
    public async Task Expiry_outside_an_hour_to_two_years_is_refused_before_any_request(double days)
    {
        var registry = await fx.NewRegistryAsync();
        fx.ClearLog();
        var error = await Assert.ThrowsAsync<AcrGeoException>(() => Principals.CreateAsync(registry, "anyvault",
            new PullPrincipalRequest { EndDate = DateTimeOffset.UtcNow.AddDays(days) }, OperationContext.None));
        Assert.Equal(ErrorIds.InvalidExpiry, error.ErrorId);
        Assert.Empty(fx.ArmRequests);
    }

    [Fact]
    public async Task The_password_appears_in_no_output_log_error_request_log_or_state()
    {
        var (registry, vault) = await RegistryAndVaultAsync();
        var written = new StringBuilder();
        var context = new OperationContext
        {
            Verbose = line => { lock (written) written.AppendLine(line); },
            Progress = new Capture(p => { lock (written) written.AppendLine($"{p.Activity}: {p.Status}"); }),
        };

        var principal = await Principals.CreateAsync(registry, vault.Name, new PullPrincipalRequest(), context);
        written.AppendLine(JsonSerializer.Serialize(principal));
        written.AppendLine(JsonSerializer.Serialize(await Principals.ListAsync(registry, context)));
        written.AppendLine(JsonSerializer.Serialize(await Principals.GetAsync(registry, vault.Name, "AcrPull", context)));
        var rotated = await Principals.ResetCredentialAsync(registry, vault.Name, null, "AcrPull", context);
        written.AppendLine(JsonSerializer.Serialize(rotated));
        fx.Emulator.Faults.Add(new FaultRule { Method = "PUT", Path = "/secrets/*-pull-pwd", Action = FaultAction.InternalError, Count = 20 });
        var failure = await Assert.ThrowsAsync<AcrGeoException>(() =>
            Principals.ResetCredentialAsync(registry, vault.Name, null, "AcrPull", context));
        fx.Emulator.Faults.Clear();
        written.AppendLine(failure.ToString());
        written.AppendLine(JsonSerializer.Serialize(fx.Emulator.Requests.Snapshot()));
        var (_, secret) = await Principals.GetCredentialAsync(registry, vault.Name, "AcrPull", context);
        var password = Reveal(secret);

        Assert.True(password.Length >= 16);
        Assert.DoesNotContain(password, written.ToString());
        // No file the emulator keeps holds it, but the state file: that is the emulated vault's own storage, where the
        // password is meant to be (owner-only, like a real vault's); Graph keeps only a salted hash of it.
        Assert.True(File.Exists(fx.StateFile));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fx.StateFile));
        foreach (var file in Directory.EnumerateFiles(fx.DataDirectory, "*", SearchOption.AllDirectories).Where(f => f != fx.StateFile))
            Assert.DoesNotContain(password, await File.ReadAllTextAsync(file));
        var graphOnly = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(fx.StateFile))!["Directory"]?.ToJsonString() ?? "";
        Assert.DoesNotContain(password, graphOnly);
    }

    sealed class Capture(Action<OperationProgress> report) : IProgress<OperationProgress>
    {
        public void Report(OperationProgress value) => report(value);
    }
}

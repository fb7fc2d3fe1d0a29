using System.Net;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Tests;

public sealed class KeyVaultManagementTests(KeyVaultFixture fx) : IClassFixture<KeyVaultFixture>, IDisposable
{
    string Tenant => fx.Emulator.Identity.TenantId;
    string Principal => fx.Emulator.Identity.PrincipalObjectId;
    VaultClient Data { get; } = new(fx.Emulator);

    public void Dispose() => Data.Dispose();

    string CheckName => $"/subscriptions/{fx.Subscription}/providers/Microsoft.KeyVault/checkNameAvailability?api-version={VaultPaths.Version}";

    /// <summary>A vault body with access policies (what the Azure CLI 2.45 sends), plus whatever properties are given.</summary>
    object Body(JsonObject? extra = null, string location = "westus")
    {
        var properties = new JsonObject
        {
            ["tenantId"] = Tenant,
            ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" },
            ["accessPolicies"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new[] { fx.Policy(Principal, "get", "list", "set") })),
        };
        foreach (var (key, value) in extra ?? []) properties[key] = value?.DeepClone();
        return new JsonObject { ["location"] = location, ["properties"] = properties }.ToJsonString();
    }

    Task<ArmResponse> PutAsync(string rg, string name, object body, string version = VaultPaths.Version) =>
        fx.Arm.PutAsync(VaultPaths.Vault(fx.Subscription, rg, name, version), body);

    [Fact]
    public async Task Vault_is_created_with_Key_Vault_defaults_and_reports_RegisteringDns_until_its_name_is_registered()
    {
        var rg = await fx.GroupAsync();
        var name = "Kv" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

        var put = await PutAsync(rg, name, Body(), "2022-07-01");

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal(VaultPaths.VaultId(fx.Subscription, rg, name), (string?)put.Body!["id"]);
        Assert.Equal("Microsoft.KeyVault/vaults", (string?)put.Body["type"]);
        var properties = put.Body["properties"]!;
        Assert.Equal("RegisteringDns", (string?)properties["provisioningState"]);
        Assert.Equal($"https://{name.ToLowerInvariant()}.vault.azure.net/", (string?)properties["vaultUri"]);
        Assert.Equal(Tenant, (string?)properties["tenantId"]);
        Assert.Equal("A", (string?)properties["sku"]!["family"]);
        Assert.Equal("standard", (string?)properties["sku"]!["name"]);
        Assert.True((bool)properties["enableSoftDelete"]!);
        Assert.Equal(90, (int)properties["softDeleteRetentionInDays"]!);
        // Key Vault leaves RBAC authorization out of the answer while it is off.
        Assert.Null(properties["enableRbacAuthorization"]);
        Assert.Null(properties["enablePurgeProtection"]);
        Assert.Equal(Principal, (string?)properties["accessPolicies"]![0]!["objectId"]);

        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        var get = await fx.Arm.GetAsync(VaultPaths.Vault(fx.Subscription, rg, name));
        Assert.Equal("Succeeded", (string?)get.Body!["properties"]!["provisioningState"]);
    }

    [Fact]
    public async Task Without_enableRbacAuthorization_new_vaults_use_RBAC_from_api_version_2026_02_01_and_access_policies_before()
    {
        var rg = await fx.GroupAsync();
        var bare = new { location = "westus", properties = new { tenantId = Tenant, sku = new { family = "A", name = "standard" } } };

        var current = await PutAsync(rg, KeyVaultArrange.NewVaultName(), bare, "2026-02-01");
        Assert.Equal(HttpStatusCode.OK, current.Status);
        Assert.True((bool)current.Body!["properties"]!["enableRbacAuthorization"]!);

        // Older versions mean access policies, and then the policies must be given.
        var old = await PutAsync(rg, KeyVaultArrange.NewVaultName(), bare, "2022-07-01");
        Assert.Equal(HttpStatusCode.BadRequest, old.Status);
        Assert.Equal("The parameter accessPolicies is not specified.", old.ErrorMessage);

        var withPolicies = await PutAsync(rg, KeyVaultArrange.NewVaultName(), Body(), "2023-07-01");
        Assert.Null(withPolicies.Body!["properties"]!["enableRbacAuthorization"]);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1vault")]
    [InlineData("vault-")]
    [InlineData("my--vault")]
    [InlineData("my_vault")]
    [InlineData("abcdefghijklmnopqrstuvwxy")]
    public async Task Vault_name_outside_Key_Vault_rules_is_refused(string name)
    {
        var put = await PutAsync(await fx.GroupAsync(), name, Body());

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("VaultNameNotValid", put.ErrorCode);
        Assert.StartsWith($"The vault name '{name}' is invalid. A vault's name must be between 3-24 alphanumeric characters.", put.ErrorMessage);
    }

    [Fact]
    public async Task Vault_names_of_3_and_24_characters_with_single_hyphens_are_accepted()
    {
        var rg = await fx.GroupAsync();
        var suffix = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(rg, "k" + suffix[..2], Body())).Status);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(rg, "k-" + suffix[..21] + "9", Body())).Status);
    }

    [Fact]
    public async Task Vault_names_are_globally_unique_and_a_put_in_the_same_group_is_an_update()
    {
        var (rg, name) = await fx.VaultAsync();

        var taken = await PutAsync(await fx.GroupAsync(), name.ToUpperInvariant(), Body());
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Equal("VaultAlreadyExists", taken.ErrorCode);
        Assert.StartsWith($"The vault name '{name.ToUpperInvariant()}' is already in use.", taken.ErrorMessage);

        var update = await PutAsync(rg, name, Body(new JsonObject { ["enabledForDeployment"] = true }));
        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.True((bool)update.Body!["properties"]!["enabledForDeployment"]!);
    }

    [Fact]
    public async Task Tenant_sku_and_access_policies_are_checked()
    {
        var rg = await fx.GroupAsync();
        var name = KeyVaultArrange.NewVaultName();

        var noTenant = await PutAsync(rg, name, new { location = "westus", properties = new { sku = new { family = "A", name = "standard" } } });
        Assert.Equal("The parameter tenantId is not specified.", noTenant.ErrorMessage);

        var otherTenant = await PutAsync(rg, name, Body(new JsonObject { ["tenantId"] = Guid.NewGuid().ToString() }));
        Assert.Equal(HttpStatusCode.BadRequest, otherTenant.Status);
        Assert.Contains(Tenant, otherTenant.ErrorMessage);

        var noSku = await PutAsync(rg, name, new { location = "westus", properties = new { tenantId = Tenant, accessPolicies = Array.Empty<object>() } });
        Assert.Equal("The parameter sku is not specified.", noSku.ErrorMessage);

        var badSku = await PutAsync(rg, name, Body(new JsonObject { ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "gold" } }));
        Assert.Equal(HttpStatusCode.BadRequest, badSku.Status);

        var foreignPolicy = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new[]
        {
            new { tenantId = Guid.NewGuid().ToString(), objectId = Principal, permissions = new { secrets = new[] { "get" } } },
        }));
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(rg, name, Body(new JsonObject { ["accessPolicies"] = foreignPolicy }))).Status);

        var badPermission = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new[] { fx.Policy(Principal, "read") }));
        var refused = await PutAsync(rg, name, Body(new JsonObject { ["accessPolicies"] = badPermission }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("'read'", refused.ErrorMessage);

        var premium = await PutAsync(rg, name, Body(new JsonObject { ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "Premium" } }));
        Assert.Equal("premium", (string?)premium.Body!["properties"]!["sku"]!["name"]);
    }

    [Fact]
    public async Task Soft_delete_cannot_be_turned_off_retention_is_7_to_90_days_and_fixed_and_purge_protection_is_one_way()
    {
        var rg = await fx.GroupAsync();
        var name = KeyVaultArrange.NewVaultName();

        foreach (var days in new[] { 6, 91 })
            Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(rg, name, Body(new JsonObject { ["softDeleteRetentionInDays"] = days }))).Status);
        var softDeleteOff = await PutAsync(rg, name, Body(new JsonObject { ["enableSoftDelete"] = false }));
        Assert.Equal(HttpStatusCode.BadRequest, softDeleteOff.Status);
        var purgeOff = await PutAsync(rg, name, Body(new JsonObject { ["enablePurgeProtection"] = false }));
        Assert.Equal("The property \"enablePurgeProtection\" cannot be set to false. Enabling the purge protection for a vault is an " +
                     "irreversible action.", purgeOff.ErrorMessage);

        var created = await PutAsync(rg, name, Body(new JsonObject { ["softDeleteRetentionInDays"] = 7, ["enablePurgeProtection"] = true }));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(7, (int)created.Body!["properties"]!["softDeleteRetentionInDays"]!);

        var longer = await fx.Arm.PatchAsync(VaultPaths.Vault(fx.Subscription, rg, name), new { properties = new { softDeleteRetentionInDays = 30 } });
        Assert.Equal(HttpStatusCode.BadRequest, longer.Status);
        // A PUT that leaves purge protection out keeps it on.
        var again = await PutAsync(rg, name, Body(new JsonObject { ["softDeleteRetentionInDays"] = 7 }));
        Assert.True((bool)again.Body!["properties"]!["enablePurgeProtection"]!);
    }

    [Fact]
    public async Task Vaults_are_listed_per_resource_group_and_per_subscription()
    {
        var (rg, name) = await fx.VaultAsync();
        var (_, other) = await fx.VaultAsync();

        var inGroup = await fx.ListAllAsync($"/subscriptions/{fx.Subscription}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults?api-version={VaultPaths.Version}");
        Assert.Equal([name], inGroup.Select(v => (string?)v["name"]));

        var all = await fx.ListAllAsync($"/subscriptions/{fx.Subscription}/providers/Microsoft.KeyVault/vaults?api-version={VaultPaths.Version}");
        Assert.Contains(all, v => (string?)v["name"] == name);
        Assert.Contains(all, v => (string?)v["name"] == other);
        Assert.All(all, v => Assert.NotNull(v["properties"]!["vaultUri"]));
    }

    [Fact]
    public async Task Vaults_are_found_the_way_the_Azure_CLI_looks_them_up_without_a_resource_group()
    {
        var (_, name) = await fx.VaultAsync();

        // Vaults_List: the generic resource list, pinned to api-version 2015-11-01.
        var listed = await fx.Arm.GetAsync($"/subscriptions/{fx.Subscription}/resources?$filter=resourceType eq 'Microsoft.KeyVault/vaults'" +
                                           "&$top=1000&api-version=2015-11-01");
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Contains(listed.Body!["value"]!.AsArray(), v => (string?)v!["name"] == name);

        // `az keyvault list` and `list-deleted` ask for managed HSMs too; there are none.
        foreach (var hsms in new[] { "managedHSMs", "deletedManagedHSMs" })
        {
            var none = await fx.Arm.GetAsync($"/subscriptions/{fx.Subscription}/providers/Microsoft.KeyVault/{hsms}?api-version=2022-07-01");
            Assert.Equal(HttpStatusCode.OK, none.Status);
            Assert.Empty(none.Body!["value"]!.AsArray());
        }
    }

    [Fact]
    public async Task Check_name_availability_reports_free_invalid_taken_and_soft_deleted_names()
    {
        var free = await fx.Arm.PostAsync(CheckName, new { name = KeyVaultArrange.NewVaultName(), type = "Microsoft.KeyVault/vaults" });
        Assert.True((bool)free.Body!["nameAvailable"]!);

        var invalid = await fx.Arm.PostAsync(CheckName, new { name = "9lives", type = "Microsoft.KeyVault/vaults" });
        Assert.False((bool)invalid.Body!["nameAvailable"]!);
        Assert.Equal("AccountNameInvalid", (string?)invalid.Body["reason"]);

        var (rg, name) = await fx.VaultAsync();
        var taken = await fx.Arm.PostAsync(CheckName, new { name, type = "Microsoft.KeyVault/vaults" });
        Assert.Equal("AlreadyExists", (string?)taken.Body!["reason"]);

        await fx.Arm.DeleteAsync(VaultPaths.Vault(fx.Subscription, rg, name));
        var deleted = await fx.Arm.PostAsync(CheckName, new { name, type = "Microsoft.KeyVault/vaults" });
        Assert.False((bool)deleted.Body!["nameAvailable"]!);
        Assert.Equal("AlreadyExists", (string?)deleted.Body["reason"]);

        var wrongType = await fx.Arm.PostAsync(CheckName, new { name, type = "Microsoft.KeyVault/managedHSMs" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.Status);
    }

    [Fact]
    public async Task Access_policies_are_added_merged_replaced_and_removed()
    {
        var (rg, name) = await fx.VaultAsync();
        var path = (string kind) => $"{VaultPaths.VaultId(fx.Subscription, rg, name)}/accessPolicies/{kind}?api-version={VaultPaths.Version}";
        var other = Guid.NewGuid().ToString();
        string[] SecretsOf(ArmResponse vault, string objectId) =>
            vault.Body!["properties"]!["accessPolicies"]!.AsArray().Single(p => (string?)p!["objectId"] == objectId)!["permissions"]!["secrets"]!
                .AsArray().Select(p => (string)p!).Order().ToArray();
        Task<ArmResponse> GetAsync() => fx.Arm.GetAsync(VaultPaths.Vault(fx.Subscription, rg, name));

        var add = await fx.Arm.PutAsync(path("add"), new { properties = new { accessPolicies = new[] { fx.Policy(other, "get") } } });
        Assert.Equal(HttpStatusCode.OK, add.Status);
        Assert.Equal("Microsoft.KeyVault/vaults/accessPolicies", (string?)add.Body!["type"]);
        await fx.Arm.PutAsync(path("add"), new { properties = new { accessPolicies = new[] { fx.Policy(other, "list") } } });
        Assert.Equal(["get", "list"], SecretsOf(await GetAsync(), other));

        await fx.Arm.PutAsync(path("replace"), new { properties = new { accessPolicies = new[] { fx.Policy(other, "set") } } });
        Assert.Equal(["set"], SecretsOf(await GetAsync(), other));

        await fx.Arm.PutAsync(path("remove"), new { properties = new { accessPolicies = new[] { fx.Policy(other, "set") } } });
        var after = await GetAsync();
        Assert.DoesNotContain(after.Body!["properties"]!["accessPolicies"]!.AsArray(), p => (string?)p!["objectId"] == other);
        Assert.Contains("get", SecretsOf(after, Principal));

        var bad = await fx.Arm.PutAsync(path("merge"), new { properties = new { accessPolicies = new[] { fx.Policy(other, "get") } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    [Fact]
    public async Task Patch_changes_tags_and_given_properties_and_keeps_the_rest()
    {
        var (rg, name) = await fx.VaultAsync();

        var patch = await fx.Arm.PatchAsync(VaultPaths.Vault(fx.Subscription, rg, name),
            new { tags = new { team = "platform" }, properties = new { enabledForTemplateDeployment = true } });

        Assert.Equal(HttpStatusCode.OK, patch.Status);
        Assert.Equal("platform", (string?)patch.Body!["tags"]!["team"]);
        Assert.True((bool)patch.Body["properties"]!["enabledForTemplateDeployment"]!);
        Assert.Equal(Principal, (string?)patch.Body["properties"]!["accessPolicies"]![0]!["objectId"]);
        Assert.Equal("standard", (string?)patch.Body["properties"]!["sku"]!["name"]);
    }

    [Fact]
    public async Task Deleted_vault_is_kept_as_a_deleted_vault_blocks_its_name_and_is_recovered_with_its_secrets()
    {
        var (rg, name) = await fx.VaultAsync();
        var token = await fx.VaultTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await Data.SendAsync(HttpMethod.Put, name, "/secrets/pull-pwd", token, new { value = "kept" })).Status);

        var delete = await fx.Arm.DeleteAsync(VaultPaths.Vault(fx.Subscription, rg, name));
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(VaultPaths.Vault(fx.Subscription, rg, name))).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await fx.Arm.DeleteAsync(VaultPaths.Vault(fx.Subscription, rg, name))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Data.SendAsync(HttpMethod.Get, name, "/secrets/pull-pwd", token)).Status);

        var listed = await fx.ListAllAsync(VaultPaths.DeletedVaults(fx.Subscription));
        var entry = Assert.Single(listed, v => (string?)v["name"] == name);
        Assert.Equal("Microsoft.KeyVault/deletedVaults", (string?)entry["type"]);
        Assert.Equal($"/subscriptions/{fx.Subscription}/providers/Microsoft.KeyVault/locations/westus/deletedVaults/{name}", (string?)entry["id"]);
        Assert.Equal(VaultPaths.VaultId(fx.Subscription, rg, name), (string?)entry["properties"]!["vaultId"]);
        var deletedOn = DateTimeOffset.Parse((string)entry["properties"]!["deletionDate"]!);
        Assert.Equal(deletedOn.AddDays(90), DateTimeOffset.Parse((string)entry["properties"]!["scheduledPurgeDate"]!));
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(VaultPaths.DeletedVault(fx.Subscription, "westus", name))).Status);

        var again = await PutAsync(rg, name, Body());
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("ConflictError", again.ErrorCode);
        Assert.StartsWith("A vault with the same name already exists in deleted state.", again.ErrorMessage);
        var elsewhere = await PutAsync(await fx.GroupAsync(), name, Body(new JsonObject { ["createMode"] = "recover" }));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.Status);

        var recover = await PutAsync(rg, name, Body(new JsonObject { ["createMode"] = "recover" }));
        Assert.Equal(HttpStatusCode.OK, recover.Status);
        Assert.Equal(Principal, (string?)recover.Body!["properties"]!["accessPolicies"]![0]!["objectId"]);
        Assert.DoesNotContain(await fx.ListAllAsync(VaultPaths.DeletedVaults(fx.Subscription)), v => (string?)v["name"] == name);
        var secret = await Data.SendAsync(HttpMethod.Get, name, "/secrets/pull-pwd", token);
        Assert.Equal("kept", (string?)secret.Body!["value"]);
    }

    [Fact]
    public async Task Purging_a_deleted_vault_is_long_running_and_frees_its_name()
    {
        var (rg, name) = await fx.VaultAsync();
        await fx.Arm.DeleteAsync(VaultPaths.Vault(fx.Subscription, rg, name));

        var purge = await fx.Arm.PostAsync(VaultPaths.DeletedVault(fx.Subscription, "westus", name, "/purge"));
        Assert.Equal(HttpStatusCode.Accepted, purge.Status);
        var poll = ArmPaths.Local(purge.Header("Location")!);
        Assert.Contains("/providers/Microsoft.KeyVault/locations/westus/operationResults/", poll);
        Assert.Equal(HttpStatusCode.Accepted, (await fx.Arm.GetAsync(poll)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await PutAsync(rg, name, Body())).Status);

        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.GetAsync(poll)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(VaultPaths.DeletedVault(fx.Subscription, "westus", name))).Status);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(rg, name, Body())).Status);
    }

    [Fact]
    public async Task Purge_protected_deleted_vault_cannot_be_purged()
    {
        var (rg, name) = await fx.VaultAsync(purgeProtection: true);
        await fx.Arm.DeleteAsync(VaultPaths.Vault(fx.Subscription, rg, name));

        var purge = await fx.Arm.PostAsync(VaultPaths.DeletedVault(fx.Subscription, "westus", name, "/purge"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, purge.Status);
        Assert.Equal("Operation 'DeletedVaultPurge' is not allowed.", purge.ErrorMessage);
        Assert.True((bool)(await fx.Arm.GetAsync(VaultPaths.DeletedVault(fx.Subscription, "westus", name))).Body!["properties"]!["purgeProtectionEnabled"]!);
    }

    [Fact]
    public async Task Deleting_the_resource_group_soft_deletes_its_vaults()
    {
        var (rg, name) = await fx.VaultAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await fx.Arm.DeleteAsync(ArmPaths.Group(fx.Subscription, rg))).Status);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);

        var deleted = await fx.Arm.GetAsync(VaultPaths.DeletedVault(fx.Subscription, "westus", name));
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(VaultPaths.VaultId(fx.Subscription, rg, name), (string?)deleted.Body!["properties"]!["vaultId"]);
    }

    [Fact]
    public async Task Deleted_vault_is_purged_when_its_retention_ends()
    {
        var (rg, name) = await fx.VaultAsync(retentionDays: 7);
        await fx.Arm.DeleteAsync(VaultPaths.Vault(fx.Subscription, rg, name));

        fx.Clock.Advance(TimeSpan.FromDays(7));
        await fx.Arm.SignInAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await fx.Arm.GetAsync(VaultPaths.DeletedVault(fx.Subscription, "westus", name))).Status);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(rg, name, Body())).Status);
    }

    [Fact]
    public async Task Recovering_a_vault_that_was_never_deleted_is_not_found()
    {
        var recover = await PutAsync(await fx.GroupAsync(), KeyVaultArrange.NewVaultName(), Body(new JsonObject { ["createMode"] = "recover" }));
        Assert.Equal(HttpStatusCode.NotFound, recover.Status);
    }

    [Fact]
    public async Task Provider_lists_the_Key_Vault_types_and_operations()
    {
        var provider = await fx.Arm.GetAsync($"/subscriptions/{fx.Subscription}/providers/Microsoft.KeyVault?api-version=2021-04-01");
        Assert.Equal(HttpStatusCode.OK, provider.Status);
        var types = provider.Body!["resourceTypes"]!.AsArray().Select(t => (string?)t!["resourceType"]).ToList();
        foreach (var type in new[] { "vaults", "deletedVaults", "locations/deletedVaults", "checkNameAvailability", "operations" })
            Assert.Contains(type, types);

        var operations = await fx.Arm.GetAsync($"/providers/Microsoft.KeyVault/operations?api-version={VaultPaths.Version}");
        Assert.Contains(operations.Body!["value"]!.AsArray(), o => (string?)o!["name"] == "Microsoft.KeyVault/vaults/write");
    }

    [Fact]
    public async Task Unsupported_api_version_is_refused_for_the_type()
    {
        var get = await fx.Arm.GetAsync(VaultPaths.Vault(fx.Subscription, await fx.GroupAsync(), "whatever", "2015-06-01"));
        Assert.Equal(HttpStatusCode.BadRequest, get.Status);
        Assert.Equal("NoRegisteredProviderFound", get.ErrorCode);
    }
}

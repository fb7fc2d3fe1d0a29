using System.Net;
using System.Text.Json;

namespace AcrGeo.Emulator.Tests;

/// <summary>An emulator that keeps its state in a file in its data directory.</summary>
public sealed class PersistentEmulatorFixture : EmulatorFixture
{
    public string StateFile => Path.Combine(DataDirectory, "state.json");
    protected override string? StatePath => StateFile;
}

public sealed class PersistenceTests(PersistentEmulatorFixture fx) : IClassFixture<PersistentEmulatorFixture>
{
    [Fact]
    public async Task Everything_survives_a_restart_with_the_same_ids_tokens_and_certificate()
    {
        var (rg, registry) = await fx.RegistryAsync("westus");
        await fx.ReplicaAsync(rg, registry, "japaneast");
        await fx.ReplicaAsync(rg, registry, "northeurope");
        var hook = ArmPaths.Webhook(fx.Subscription, rg, registry, "persisthook");
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PutAsync(hook, new
        {
            location = "japaneast",
            properties = new { serviceUri = "http://127.0.0.1:9/persisted", actions = new[] { "push" } },
        })).Status);
        fx.Clock.Advance(EmulatorFixture.SyncDelay);

        var paths = new[]
        {
            ArmPaths.Group(fx.Subscription, rg),
            ArmPaths.Registry(fx.Subscription, rg, registry),
            ArmPaths.Replication(fx.Subscription, rg, registry, "japaneast"),
            ArmPaths.Replication(fx.Subscription, rg, registry, "northeurope"),
            hook,
        };
        var before = new List<string>();
        foreach (var path in paths) before.Add((await fx.Arm.GetAsync(path)).Text);
        var replicasBefore = (await fx.Arm.GetAsync(ArmPaths.Replications(fx.Subscription, rg, registry))).Text;
        var tokenBefore = await fx.Arm.GetTokenAsync();
        var identity = fx.Emulator.Identity;
        var thumbprint = fx.Emulator.Certificate.Thumbprint;
        var oldBase = fx.Emulator.BaseUri;

        await fx.RestartAsync();

        Assert.NotEqual(oldBase, fx.Emulator.BaseUri);
        Assert.Equal(thumbprint, fx.Emulator.Certificate.Thumbprint);
        Assert.Equal(identity.TenantId, fx.Emulator.Identity.TenantId);
        Assert.Equal(identity.SubscriptionId, fx.Emulator.Identity.SubscriptionId);
        Assert.Equal(identity.ClientSecret, fx.Emulator.Identity.ClientSecret);
        for (var i = 0; i < paths.Length; i++)
        {
            var after = await fx.Arm.GetAsync(paths[i]);
            Assert.Equal(HttpStatusCode.OK, after.Status);
            Assert.Equal(before[i], after.Text);
        }
        Assert.Equal(replicasBefore, (await fx.Arm.GetAsync(ArmPaths.Replications(fx.Subscription, rg, registry))).Text);
        var callback = await fx.Arm.PostAsync(
            $"{ArmPaths.RegistryId(fx.Subscription, rg, registry)}/webhooks/persisthook/getCallbackConfig?api-version={ArmPaths.AcrVersion}");
        Assert.Equal("http://127.0.0.1:9/persisted", (string?)callback.Body!["serviceUri"]);

        // The fixture's token and one fetched just before the restart both still work.
        Assert.Equal(HttpStatusCode.OK, (await fx.Arm.SendAsync(HttpMethod.Get, paths[1], token: tokenBefore)).Status);
        // And the secret issued before still signs in.
        Assert.False(string.IsNullOrEmpty(await fx.Arm.GetTokenAsync()));
    }

    [Fact]
    public async Task An_operation_started_before_a_restart_can_be_polled_to_its_end_after_it()
    {
        var (rg, registry) = await fx.RegistryAsync("westus");
        var put = await fx.Arm.PutAsync(ArmPaths.Replication(fx.Subscription, rg, registry, "koreacentral"), new { location = "koreacentral" });
        var poll = ArmPaths.Local(put.Header("Azure-AsyncOperation")!);

        await fx.RestartAsync();

        Assert.Equal("Creating", (string?)(await fx.Arm.GetAsync(poll)).Body!["status"]);
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        Assert.Equal("Succeeded", (string?)(await fx.Arm.GetAsync(poll)).Body!["status"]);
        Assert.Equal("Succeeded", (string?)(await fx.Arm.GetAsync(
            ArmPaths.Replication(fx.Subscription, rg, registry, "koreacentral"))).Body!["properties"]!["provisioningState"]);
    }

    [Fact]
    public async Task State_file_is_valid_JSON_written_atomically_with_no_temp_files_left()
    {
        var (rg, registry) = await fx.RegistryAsync("westus");
        var path = ArmPaths.Registry(fx.Subscription, rg, registry);

        // Read the file continuously while the emulator rewrites it: a reader must always see a whole file.
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var document = JsonDocument.Parse(File.ReadAllText(fx.StateFile));
                Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
                reads++;
            }
        });
        for (var i = 0; i < 40; i++)
            Assert.Equal(HttpStatusCode.OK, (await fx.Arm.PatchAsync(path, new { tags = new { round = i.ToString() } })).Status);
        stop.Cancel();
        await reader;
        Assert.True(reads > 0);

        using var state = JsonDocument.Parse(File.ReadAllText(fx.StateFile));
        var resources = state.RootElement.GetProperty("Resources");
        var stored = resources.GetProperty(ArmPaths.RegistryId(fx.Subscription, rg, registry));
        Assert.Equal("39", stored.GetProperty("Tags").GetProperty("round").GetString());
        Assert.Equal(fx.Emulator.Identity.TenantId, state.RootElement.GetProperty("Identity").GetProperty("TenantId").GetString());
        Assert.Empty(Directory.GetFiles(fx.DataDirectory, "*.tmp-*"));
        Assert.True(File.Exists(Path.Combine(fx.DataDirectory, "emulator-cert.pem")));
    }
}

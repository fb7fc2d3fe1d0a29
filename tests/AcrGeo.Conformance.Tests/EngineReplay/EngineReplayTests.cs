using System.Text.Json.Nodes;
using AcrGeo.Conformance.Tests.Recordings;
using AcrGeo.Models;
using AcrGeo.Operations;
using static AcrGeo.Conformance.Tests.EngineReplay.RecordedAzure;

namespace AcrGeo.Conformance.Tests.EngineReplay;

/// <summary>
/// The engine's operations fed what Azure really answered (recordings of the Azure CLI, Azure PowerShell): proof the engine
/// reads Azure's shapes, including those the emulator does not produce itself.
/// </summary>
public sealed class EngineReplayTests
{
    const string Cli = "test_acr_create_replication.yaml";
    const string PowerShell = "azure-powershell/containerregistry-excerpts.json";

    static RecordedExchange Ps(string id) => Exchange(PowerShell, e => e.Index == PowerShellIndex(id));

    static int PowerShellIndex(string id) => id switch
    {
        "replication.put" => 0, "replication.poll.done" => 1, "replication.get.syncing" => 2, "replication.delete" => 3,
        "replication.delete.poll.done" => 4, _ => 5,
    };

    static AcrRegistry Registry(string id, string location) => AcrRegistry.FromJson(new JsonObject
    {
        ["id"] = id, ["name"] = id.Split('/')[^1], ["location"] = location, ["sku"] = new JsonObject { ["name"] = "Premium" },
        ["properties"] = new JsonObject { ["loginServer"] = id.Split('/')[^1] + ".azurecr.io", ["provisioningState"] = "Succeeded" },
    });

    /// <summary>
    /// Azure's list of a registry's replications (the Azure CLI's recording: centralus and the home replica westus), with
    /// centralus renamed to the replica a test waits for, or left out.
    /// </summary>
    static RecordedExchange ReplicaList() =>
        Exchange(Cli, e => e.Method == "GET" && e.Uri.AbsolutePath.EndsWith("/replications", StringComparison.Ordinal));

    static Func<string, string> Renamed(string name, string? provisioningState = null) => body =>
    {
        var renamed = body.Replace("centralus", name);
        if (provisioningState is null) return renamed;
        var at = renamed.IndexOf("\"provisioningState\":\"Succeeded\"", StringComparison.Ordinal);
        return renamed[..at] + $"\"provisioningState\":\"{provisioningState}\"" + renamed[(at + "\"provisioningState\":\"Succeeded\"".Length)..];
    };

    [Fact]
    public async Task Replica_create_watches_Azures_replica_list_from_the_Retry_After_of_10_seconds_on_with_no_operation_polls()
    {
        var azure = new RecordedAzure()
            .Then("PUT", "/replications/kyuhvq", Ps("replication.put"))
            .Then("GET", "/replications", ReplicaList(), Renamed("kyuhvq", "Creating"))
            .Then("GET", "/replications", ReplicaList(), Renamed("kyuhvq"));
        using var connection = azure.Connect();
        var registry = Registry($"/subscriptions/{Subscription}/resourceGroups/ContainerTest/providers/Microsoft.ContainerRegistry/registries/beauxq", "westus");
        var plan = new ReplicaPlan(registry, new ReplicaRequest { Locations = ["kyuhvq"] }, [], ["kyuhvq"]);

        var outcome = Assert.Single(await new ReplicaOperations(connection).CreateAsync(plan, azure.Context()));

        Assert.Null(outcome.Error);
        Assert.Equal("Succeeded", outcome.Value!.ProvisioningState);
        Assert.Equal("Ready", outcome.Value.Status);
        Assert.False(outcome.Value.IsHome);
        // The PUT, then one list per look: the operation URL Azure named is never polled while the list can tell.
        Assert.Equal(3, azure.Requests.Count);
        Assert.DoesNotContain(azure.Requests, r => r.Contains("/operationStatuses/", StringComparison.Ordinal));
        // Azure PowerShell's recording keeps the Retry-After of 10 s: the first look is due 10 s after the answer (the wait is
        // what is left of that when the engine gets to it).
        Assert.InRange(azure.Waits[0], TimeSpan.FromSeconds(9.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Replica_create_that_the_list_shows_Failed_asks_its_operation_why_once()
    {
        var azure = new RecordedAzure()
            .Then("PUT", "/replications/kyuhvq", Ps("replication.put"))
            .Then("GET", "/replications", ReplicaList(), Renamed("kyuhvq", "Failed"))
            .Then("GET", "/operationStatuses/replications-38c64a85-989b-4e5f-a8fe-362e74102c6c", Ps("replication.poll.done"),
                _ => "{\"status\":\"Failed\",\"error\":{\"code\":\"RegionCapacityExceeded\",\"message\":\"No capacity in the region.\"}}");
        using var connection = azure.Connect();
        var registry = Registry($"/subscriptions/{Subscription}/resourceGroups/ContainerTest/providers/Microsoft.ContainerRegistry/registries/beauxq", "westus");
        var plan = new ReplicaPlan(registry, new ReplicaRequest { Locations = ["kyuhvq"] }, [], ["kyuhvq"]);

        var outcome = Assert.Single(await new ReplicaOperations(connection).CreateAsync(plan, azure.Context()));

        Assert.Equal(ErrorIds.OperationFailed, outcome.Error!.ErrorId);
        Assert.Equal("RegionCapacityExceeded", outcome.Error.ArmCode);
        Assert.Equal(3, azure.Requests.Count);
    }

    [Fact]
    public async Task Replica_delete_waits_until_Azures_replica_list_no_longer_holds_it()
    {
        // The engine first lists the registry's replicas: removing one that does not exist is an error, not a silent success.
        var azure = new RecordedAzure()
            .Then("GET", "/registries/rf/replications", Answer(200, "{\"value\":[{\"name\":\"rfvdrkhggq\",\"location\":\"eastus\"," +
                "\"properties\":{\"provisioningState\":\"Succeeded\"}}]}"))
            .Then("DELETE", "/replications/rfvdrkhggq", Ps("replication.delete"))
            .Then("GET", "/replications", ReplicaList());
        using var connection = azure.Connect();
        var registry = Registry($"/subscriptions/{Subscription}/resourceGroups/ContainerTest/providers/Microsoft.ContainerRegistry/registries/rf", "westus");

        var outcome = Assert.Single(await new ReplicaOperations(connection).RemoveAsync(registry, ["rfvdrkhggq"], azure.Context()));

        Assert.Null(outcome.Error);
        Assert.Equal(3, azure.Requests.Count);
        Assert.StartsWith("DELETE ", azure.Requests[1]);
        Assert.DoesNotContain(azure.Requests, r => r.Contains("/operationResults/", StringComparison.Ordinal));
        Assert.InRange(Assert.Single(azure.Waits), TimeSpan.FromSeconds(9.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Webhook_answered_synchronously_is_returned_without_polling()
    {
        var put = Ps("webhook.put");
        var azure = new RecordedAzure().Then("PUT", "/webhooks/kyuhvq", put);
        using var connection = azure.Connect();
        var registry = Registry($"/subscriptions/{Subscription}/resourceGroups/ContainerTest/providers/Microsoft.ContainerRegistry/registries/beauxq", "eastus");

        var webhook = await new WebhookOperations(connection).CreateAsync(registry,
            new WebhookRequest { Name = "kyuhvq", ServiceUri = new Uri("https://example.com/hook"), Actions = ["push", "delete"] }, azure.Context());

        Assert.Equal("kyuhvq", webhook.Name);
        Assert.Equal(["Delete", "Push"], webhook.Actions);
        Assert.Single(azure.Requests);
        Assert.Empty(azure.Waits);
    }

    [Fact]
    public async Task Import_that_Azure_ends_Succeeded_in_its_final_answer_succeeds()
    {
        var (azure, registry) = ImportScript(body => body);
        using var connection = azure.Connect();

        var image = await new ImageOperations(connection).ImportAsync(registry, HelloWorldImport, azure.Context());

        Assert.Equal("hello-world", image.Repository);
        Assert.Equal(2, azure.Requests.Count);
    }

    [Fact]
    public async Task Import_that_Azure_ends_Failed_in_a_200_answer_is_never_read_as_success()
    {
        var (azure, registry) = ImportScript(_ => "{\"status\":\"Failed\",\"error\":{\"code\":\"InvalidParameters\",\"message\":\"Image not found.\"}}");
        using var connection = azure.Connect();

        var failure = await Assert.ThrowsAsync<AcrGeoException>(() => new ImageOperations(connection)
            .ImportAsync(registry, HelloWorldImport, azure.Context()));

        Assert.Equal(ErrorIds.OperationFailed, failure.ErrorId);
        Assert.Equal("InvalidParameters", failure.ArmCode);
    }

    /// <summary>The recorded import, sent with -Force: the recording has no tag read before it.</summary>
    static readonly ImageImportRequest HelloWorldImport =
        new() { Source = "registry.hub.docker.com/library/hello-world", Target = "hello-world:v1", Force = true };

    static (RecordedAzure, AcrRegistry) ImportScript(Func<string, string> finalBody)
    {
        const string recording = "test_acr_image_import.yaml";
        var post = Exchange(recording, e => e.Method == "POST" && e.RequestBody!.Contains("registry.hub.docker.com"));
        var poll = Exchange(recording, e => e.Index == post.Index + 1);
        var azure = new RecordedAzure()
            .Then("POST", "/importImage", post)
            .Then("GET", new Uri(post.ResponseHeader("location")!).AbsolutePath, poll, finalBody);
        var target = post.Uri.AbsolutePath[..^"/importImage".Length];
        return (azure, Registry(target, "eastus"));
    }

    [Fact]
    public async Task Container_groups_listed_without_an_instance_view_report_the_state_of_their_own_answer()
    {
        const string recording = "test_container_create.yaml";
        var list = Exchange(recording, e => e.Method == "GET" && e.Uri.AbsolutePath.EndsWith("/containerGroups"));
        var get = Exchange(recording, e => e.Method == "GET" && e.ResponseBody!.Contains("\"instanceView\":{\"events\":[],\"state\":\"Running\"}"));
        var azure = new RecordedAzure().Then("GET", "/containerGroups", list).Then("GET", "/containerGroups/clicontainer000002", get);
        using var connection = azure.Connect();

        var group = Assert.Single(await new ContainerInstanceOperations(connection).ListAsync("clitest.rg000001", _ => true, azure.Context()));

        Assert.DoesNotContain("instanceView", list.ResponseBody!);
        Assert.Equal("Running", group.State);
    }

    [Fact]
    public async Task New_vault_is_returned_only_once_Azure_has_registered_its_name()
    {
        const string recording = "test_keyvault_public_network_access.yaml";
        var missing = Exchange(recording, e => e.Index == 0);
        var put = Exchange(recording, e => e.Index == 2);
        var registered = Exchange(recording, e => e.Index == 3);
        // The engine's checks before the write: the region offers Key Vault, the group exists, the name is free.
        var azure = new RecordedAzure()
            .Then("GET", "/locations", Answer(200, "{\"value\":[{\"name\":\"eastus2euap\",\"displayName\":\"East US 2 EUAP\"}]}"))
            .Then("GET", "/providers/Microsoft.ContainerRegistry", Answer(200, "{\"resourceTypes\":[]}"))
            .Then("GET", "/providers/Microsoft.KeyVault",
                Answer(200, "{\"resourceTypes\":[{\"resourceType\":\"vaults\",\"locations\":[\"East US 2 EUAP\"]}]}"))
            .Then("GET", "/resourcegroups/cli_test_keyvault_pna000001", Answer(200, "{\"location\":\"eastus2euap\"}"))
            .Then("GET", "/vaults/cli-test-kv-pna-000002", missing)
            .Then("POST", "/checkNameAvailability", Answer(200, "{\"nameAvailable\":true}"))
            .Then("PUT", "/vaults/cli-test-kv-pna-000002", put)
            .Then("GET", "/vaults/cli-test-kv-pna-000002", registered, body => body.Replace("RegisteringDns", "Succeeded"));
        using var connection = azure.Connect();

        var vault = await new VaultOperations(connection).CreateAsync(new VaultRequest
        {
            Name = "cli-test-kv-pna-000002", ResourceGroupName = "cli_test_keyvault_pna000001", Location = "eastus2euap",
            RbacAuthorization = false, GrantCallerSecretAccess = false,
        }, azure.Context());

        Assert.Contains("RegisteringDns", put.ResponseBody!);
        Assert.Equal("Succeeded", vault.ProvisioningState);
        Assert.Equal(8, azure.Requests.Count);
        Assert.StartsWith("PUT ", azure.Requests[6]);
    }
}

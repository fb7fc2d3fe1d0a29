using System.Net;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.Tests;

/// <summary>
/// Azure Resource Graph's query API as the emulator serves it: each query shape of its KQL subset, paging by $skipToken,
/// several subscriptions, and Resource Graph's own refusal for everything outside the subset.
/// </summary>
public sealed class ResourceGraphTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    const string Path = "/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01";
    const string Registries = "microsoft.containerregistry/registries";
    const string Replications = "microsoft.containerregistry/registries/replications";

    Task<ArmResponse> QueryAsync(string query, object? options = null, string[]? subscriptions = null) =>
        fx.Arm.PostAsync(Path, subscriptions is null ? new { query, options } : new { query, options, subscriptions });

    /// <summary>A Premium registry with a replica in eastus, in a subscription of its own (so other tests' rows stay apart).</summary>
    async Task<(string Subscription, string Registry)> FleetAsync(int registries = 1)
    {
        var subscription = await NewSubscriptionAsync();
        var rg = Arrange.NewName("rg");
        Assert.Equal(HttpStatusCode.Created, (await fx.Arm.PutAsync(ArmPaths.Group(subscription, rg), new { location = "westus" })).Status);
        var name = "";
        for (var i = 0; i < registries; i++)
        {
            name = Arrange.NewName();
            Assert.Equal(HttpStatusCode.Created,
                (await fx.Arm.PutAsync(ArmPaths.Registry(subscription, rg, name), new { location = "westus", sku = new { name = "Premium" } })).Status);
            Assert.Equal(HttpStatusCode.Created,
                (await fx.Arm.PutAsync(ArmPaths.Replication(subscription, rg, name, "eastus"), new { location = "eastus" })).Status);
        }
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        return (subscription, name);
    }

    async Task<string> NewSubscriptionAsync()
    {
        var added = await fx.Arm.PostAsync("/_emulator/subscriptions", new { displayName = "fleet" });
        Assert.Equal(HttpStatusCode.Created, added.Status);
        return (string)added.Body!["id"]!;
    }

    static List<JsonObject> Rows(ArmResponse response)
    {
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Body!["data"]!.AsArray().Select(r => r!.AsObject()).ToList();
    }

    [Fact]
    public async Task Where_type_project_and_order_by_return_the_registries_with_only_the_projected_columns()
    {
        var (subscription, registry) = await FleetAsync(registries: 3);

        var rows = Rows(await QueryAsync($"resources | where type =~ '{Registries.ToUpperInvariant()}' | project id, name, location | order by id asc",
            subscriptions: [subscription]));

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(["id", "name", "location"], r.Select(p => p.Key)));
        Assert.Contains(rows, r => (string?)r["name"] == registry);
        var ids = rows.Select(r => (string)r["id"]!).ToList();
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task Replications_come_with_the_home_replica_their_type_in_lower_case_and_their_status()
    {
        var (subscription, registry) = await FleetAsync();

        var rows = Rows(await QueryAsync($"resources | where type in~ ('{Registries}', '{Replications}') | order by id asc",
            subscriptions: [subscription]));

        Assert.Equal([Registries, Replications, Replications], rows.Select(r => (string)r["type"]!));
        Assert.Equal(["eastus", "westus"], rows.Skip(1).Select(r => (string)r["name"]!).Order());
        Assert.All(rows.Skip(1), r => Assert.Equal("Succeeded", (string?)r["properties"]!["provisioningState"]));
        Assert.All(rows, r => Assert.Equal(subscription, (string?)r["subscriptionId"]));
        Assert.Equal(registry, (string?)rows[0]["name"]);
        Assert.Equal("Premium", (string?)rows[0]["sku"]!["name"]);
    }

    [Fact]
    public async Task Where_compares_exactly_with_equals_and_ignoring_case_with_tilde_and_negates_with_bang()
    {
        var (subscription, _) = await FleetAsync();

        Assert.Empty(Rows(await QueryAsync($"resources | where type == '{Registries.ToUpperInvariant()}'", subscriptions: [subscription])));
        Assert.Single(Rows(await QueryAsync($"resources | where type == '{Registries}'", subscriptions: [subscription])));
        Assert.Equal(2, Rows(await QueryAsync($"resources | where type !~ '{Registries}'", subscriptions: [subscription])).Count);
        Assert.Equal(2, Rows(await QueryAsync($"where type !in ('{Registries}') and location in~ ('EASTUS', 'westus')",
            subscriptions: [subscription])).Count);
        Assert.Single(Rows(await QueryAsync($"resources | where type =~ '{Replications}' and properties.regionEndpointEnabled == 'true' and name == 'eastus'",
            subscriptions: [subscription])));
    }

    [Fact]
    public async Task Extend_adds_a_literal_or_a_column_and_project_renames()
    {
        var (subscription, registry) = await FleetAsync();

        var row = Assert.Single(Rows(await QueryAsync(
            $"resources | where type =~ '{Registries}' | extend kindOfThing = 'registry', state = properties.provisioningState | project registry = name, kindOfThing, state",
            subscriptions: [subscription])));

        Assert.Equal(registry, (string?)row["registry"]);
        Assert.Equal("registry", (string?)row["kindOfThing"]);
        Assert.Equal("Succeeded", (string?)row["state"]);
    }

    [Fact]
    public async Task Order_by_is_descending_unless_asked_otherwise_and_take_limits()
    {
        var (subscription, _) = await FleetAsync();

        var names = Rows(await QueryAsync($"resources | where type =~ '{Replications}' | order by name | take 5", subscriptions: [subscription]))
            .Select(r => (string)r["name"]!).ToList();
        var limited = Rows(await QueryAsync($"resources | where type =~ '{Replications}' | sort by name asc | limit 1", subscriptions: [subscription]));

        Assert.Equal(["westus", "eastus"], names);
        Assert.Equal("eastus", (string?)Assert.Single(limited)["name"]);
    }

    [Fact]
    public async Task Pages_of_top_rows_follow_by_skipToken_to_every_row_once()
    {
        var (subscription, _) = await FleetAsync(registries: 5);
        const string query = "resources | project id, type | order by id asc";

        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await QueryAsync(query, token is null ? new Dictionary<string, object> { ["$top"] = 4 }
                : new Dictionary<string, object> { ["$top"] = 4, ["$skipToken"] = token }, [subscription]);
            ids.AddRange(Rows(page).Select(r => (string)r["id"]!));
            Assert.Equal(15, (int)page.Body!["totalRecords"]!);
            Assert.Equal("false", (string?)page.Body["resultTruncated"]);
            token = (string?)page.Body["$skipToken"];
            pages++;
        } while (token is not null);

        Assert.Equal(4, pages);
        Assert.Equal(15, ids.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task A_query_without_the_id_column_is_truncated_at_its_page_with_no_token()
    {
        var (subscription, _) = await FleetAsync(registries: 2);

        var page = await QueryAsync("resources | project name", new Dictionary<string, object> { ["$top"] = 2 }, [subscription]);

        Assert.Equal(2, Rows(page).Count);
        Assert.Equal("true", (string?)page.Body!["resultTruncated"]);
        Assert.Null(page.Body["$skipToken"]);
    }

    [Fact]
    public async Task Without_subscriptions_every_visible_subscription_answers_and_an_unknown_one_adds_nothing()
    {
        var (first, _) = await FleetAsync();
        var (second, _) = await FleetAsync();
        const string query = "resources | where type =~ 'microsoft.containerregistry/registries' | project id, subscriptionId";

        var everywhere = Rows(await QueryAsync(query)).Select(r => (string)r["subscriptionId"]!).ToHashSet();
        var asked = Rows(await QueryAsync(query, subscriptions: [second, Guid.NewGuid().ToString()]));

        Assert.Contains(first, everywhere);
        Assert.Contains(second, everywhere);
        Assert.Equal(second, (string?)Assert.Single(asked)["subscriptionId"]);
    }

    [Fact]
    public async Task Extra_subscriptions_are_listed_readable_and_hold_resources_and_unknown_ones_are_not_found()
    {
        var subscription = await NewSubscriptionAsync();

        var listed = await fx.ListAllAsync("/subscriptions?api-version=2022-12-01");
        var read = await fx.Arm.GetAsync($"/subscriptions/{subscription}?api-version=2022-12-01");
        var group = await fx.Arm.PutAsync(ArmPaths.Group(subscription, Arrange.NewName("rg")), new { location = "westus" });
        var unknown = await fx.Arm.GetAsync($"/subscriptions/{Guid.NewGuid()}/resourcegroups?api-version=2021-04-01");

        Assert.Contains(listed, s => (string?)s["subscriptionId"] == subscription);
        Assert.Contains(listed, s => (string?)s["subscriptionId"] == fx.Subscription);
        Assert.Equal("fleet", (string?)read.Body!["displayName"]);
        Assert.Equal(HttpStatusCode.Created, group.Status);
        Assert.Equal("SubscriptionNotFound", unknown.ErrorCode);
    }

    [Theory]
    [InlineData("resources | summarize count() by type", "UnsupportedByEmulator", "'summarize'")]
    [InlineData("resourcecontainers | project id", "UnsupportedByEmulator", "'resourcecontainers'")]
    [InlineData("resources | where type =~ 'a' or type =~ 'b'", "UnsupportedByEmulator", "'or'")]
    [InlineData("resources | extend t = tolower(type)", "UnsupportedByEmulator", "'tolower'")]
    [InlineData("resources | where type contains 'registries'", "ParserFailure", "'contains'")]
    [InlineData("resources | where type =~ 'unterminated", "ParserFailure", "unterminated")]
    [InlineData("resources | project", "ParserFailure", "<EOF>")]
    public async Task Queries_outside_the_subset_get_Resource_Graphs_InvalidQuery_refusal(string query, string detail, string mentions)
    {
        var refused = await QueryAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("BadRequest", refused.ErrorCode);
        var details = refused.Body!["error"]!["details"]!.AsArray();
        Assert.Equal("InvalidQuery", (string?)details[0]!["code"]);
        Assert.Equal(detail, (string?)details[1]!["code"]);
        Assert.Contains(mentions, (string?)details[1]!["message"]);
    }

    [Fact]
    public async Task A_parser_failure_says_where_the_query_went_wrong()
    {
        var refused = await QueryAsync("resources | where type ~= 'x'");

        var failure = refused.Body!["error"]!["details"]![1]!;
        Assert.Equal("ParserFailure", (string?)failure["code"]);
        Assert.Equal(23, (int)failure["characterPositionInLine"]!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task A_page_size_outside_1_to_1000_is_refused(int top)
    {
        var refused = await QueryAsync("resources | project id", new Dictionary<string, object> { ["$top"] = top });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("$top", refused.ErrorMessage);
    }

    [Fact]
    public async Task The_table_result_format_is_refused_rather_than_answered_in_another_shape()
    {
        var refused = await QueryAsync("resources | project id", new Dictionary<string, object> { ["resultFormat"] = "table" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("objectArray", refused.ErrorMessage);
    }

    [Fact]
    public async Task A_cloud_without_Resource_Graph_does_not_know_its_namespace()
    {
        fx.Emulator.Settings.ResourceGraphEnabled = false;
        try
        {
            var refused = await QueryAsync("resources | project id");

            Assert.Equal(HttpStatusCode.NotFound, refused.Status);
            Assert.Equal("InvalidResourceNamespace", refused.ErrorCode);
        }
        finally
        {
            fx.Emulator.Settings.ResourceGraphEnabled = true;
        }
    }
}

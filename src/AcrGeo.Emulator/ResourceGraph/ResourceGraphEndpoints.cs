using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Authorization;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ResourceGraph;

/// <summary>
/// Azure Resource Graph's query API, <c>POST /providers/Microsoft.ResourceGraph/resources</c>: the query over the
/// subscriptions asked for (every one the caller can see when none are named), only the rows the caller may read, pages of
/// <c>options.$top</c> rows (100 unless asked, at most 1,000) continued by <c>$skipToken</c>. A query outside the subset
/// the emulator reads (<see cref="ResourceGraphQuery"/>) gets Resource Graph's own refusal: 400 BadRequest with the
/// details InvalidQuery and what is wrong.
/// </summary>
static class ResourceGraphEndpoints
{
    public const string Path = "/providers/Microsoft.ResourceGraph/resources";
    const int DefaultPageSize = 100;
    const int MaxPageSize = 1000;

    /// <summary>The stable versions (azure-rest-api-specs, Microsoft.ResourceGraph/stable).</summary>
    static readonly ApiVersionPolicy Versions = new(null, "2019-04-01", "2021-03-01", "2022-10-01", "2024-04-01");

    public static void Map(WebApplication app, StateStore store, EmulatorSettings settings)
    {
        app.MapPost(Path, async (HttpContext ctx) =>
        {
            // A cloud without Resource Graph (the admin API can make the emulator one): ARM does not know the namespace.
            if (!settings.ResourceGraphEnabled)
                throw new ArmException(HttpStatusCode.NotFound, "InvalidResourceNamespace", "The resource namespace 'Microsoft.ResourceGraph' is invalid.");
            var body = await ArmHttp.ReadObjectAsync(ctx);
            var text = ArmHttp.ReadString(body, "query")
                       ?? throw ArmException.BadRequest("BadRequest", "The query is required: a string in the request's 'query' property.");
            var options = ArmHttp.ReadObject(body, "options");
            var (skip, top) = Paging(options);
            if (options is not null && ArmHttp.ReadString(options, "resultFormat") is { } format && !format.Equals("objectArray", StringComparison.OrdinalIgnoreCase))
                throw ArmException.BadRequest("BadRequest",
                    $"The emulator's Resource Graph answers in the objectArray result format only, not '{format}'.");

            ResourceGraphQuery query;
            try
            {
                query = ResourceGraphQuery.Parse(text);
            }
            catch (ResourceGraphQueryException e)
            {
                return InvalidQuery(ctx, e);
            }

            var caller = ArmCoreEndpoints.Caller(ctx);
            return store.Read(state =>
            {
                var visible = ArmCoreEndpoints.VisibleSubscriptions(state, caller.ObjectId).Select(s => s.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var asked = body["subscriptions"] is JsonArray list
                    ? list.Select(s => (string?)s ?? "").Where(visible.Contains).ToHashSet(StringComparer.OrdinalIgnoreCase)
                    : visible;
                var now = store.Now;
                var mayRead = Rbac.CheckerFor(state, caller.ObjectId);
                var rows = query.Run(ResourceGraphView.Rows(state, asked, now)
                    .Where(row => mayRead(row.Text("id")!, ReadAction(row.Text("type")!))));
                var page = rows.Skip(skip).Take(top).ToList();
                var more = skip + page.Count < rows.Count;
                var answer = new JsonObject
                {
                    ["totalRecords"] = rows.Count,
                    ["count"] = page.Count,
                    ["data"] = new JsonArray(page.Select(r => (JsonNode)r.ToJson()).ToArray()),
                    ["facets"] = new JsonArray(),
                    // Resource Graph pages only queries that keep the id column; others are cut at the page, and say so.
                    ["resultTruncated"] = more && !(page.Count > 0 && page[0].Has("id")) ? "true" : "false",
                };
                if (more && page.Count > 0 && page[0].Has("id")) answer["$skipToken"] = SkipToken(skip + page.Count);
                return ArmHttp.Json(answer);
            });
        }).WithMetadata(Versions);
    }

    /// <summary>Reading a row needs read on it: the action is its type's, as ARM names it (the namespace as stored).</summary>
    static string ReadAction(string type) => type + "/read";

    static (int Skip, int Top) Paging(JsonObject? options)
    {
        var top = options?["$top"] is JsonValue t && t.TryGetValue<int>(out var n) ? n : DefaultPageSize;
        if (top is < 1 or > MaxPageSize)
            throw ArmException.BadRequest("BadRequest", $"The option $top must be between 1 and {MaxPageSize}; it is {top}.");
        var skip = options?["$skip"] is JsonValue s && s.TryGetValue<int>(out var k) ? Math.Max(0, k) : 0;
        if (options is not null && ArmHttp.ReadString(options, "$skipToken") is { } token) skip = ReadSkipToken(token);
        return (skip, top);
    }

    /// <summary>An opaque token, as Resource Graph's are; it carries where the next page starts.</summary>
    static string SkipToken(int skip) => Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["skip"] = skip }.ToJsonString()));

    static int ReadSkipToken(string token)
    {
        try
        {
            if (JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)))?["skip"] is JsonValue value
                && value.TryGetValue<int>(out var skip) && skip >= 0)
                return skip;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
        }
        throw ArmException.BadRequest("BadRequest", "The $skipToken is not one this Resource Graph gave.");
    }

    /// <summary>Resource Graph's answer to a query it cannot run, with what it would say and where.</summary>
    static IResult InvalidQuery(HttpContext ctx, ResourceGraphQueryException e) => ArmHttp.Json(new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = "BadRequest",
            ["message"] = $"Please provide below info when asking for support: timestamp = {ArmHttp.Time(DateTimeOffset.UtcNow)}, " +
                          $"correlationId = {ctx.Response.Headers["x-ms-correlation-request-id"]}.",
            ["details"] = new JsonArray(
                new JsonObject
                {
                    ["code"] = "InvalidQuery",
                    ["message"] = "Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.",
                },
                e.Detail.DeepClone()),
        },
    }, 400);
}

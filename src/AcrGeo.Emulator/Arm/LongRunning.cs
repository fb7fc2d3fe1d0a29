using System.Text.Json.Nodes;
using AcrGeo.Emulator.Admin;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.Arm;

/// <summary>
/// ARM's asynchronous operation patterns: creates and updates answer with an <c>Azure-AsyncOperation</c> status
/// URL; deletes with a <c>Location</c> URL that returns 202 until done. Operation records live in the state.
/// </summary>
static class LongRunning
{
    const string FaultItem = "AcrGeo.FailOperation";

    /// <summary>Marks the request so that the operation it starts ends Failed (a FailOperation fault rule).</summary>
    public static void MarkToFail(HttpContext ctx, FaultRule rule) => ctx.Items[FaultItem] = rule;

    public static OperationRecord Start(HttpContext ctx, EmulatorState state, string resourceId, string kind,
        DateTimeOffset now, TimeSpan duration)
    {
        var failure = ctx.Items[FaultItem] is FaultRule rule ? new ArmErrorRecord(rule.ErrorCode, rule.ErrorMessage) : null;
        var operation = new OperationRecord
        {
            Id = Guid.NewGuid().ToString(),
            ResourceId = resourceId,
            Kind = kind,
            StartedAt = now,
            CompletesAt = now + duration,
            Error = failure,
        };
        state.Operations[operation.Id] = operation;
        return operation;
    }

    /// <summary>Headers for a create/update: poll <c>{resource}/operationStatuses/{prefix}-{id}</c>.</summary>
    public static void AddAsyncOperationHeaders(HttpContext ctx, OperationRecord operation, string prefix, int retryAfter)
    {
        ctx.Response.Headers["Azure-AsyncOperation"] =
            $"{ArmHttp.BaseUrl(ctx)}{operation.ResourceId}/operationStatuses/{prefix}-{operation.Id}?api-version={ArmHttp.ApiVersion(ctx)}";
        ctx.Response.Headers.RetryAfter = retryAfter.ToString();
    }

    /// <summary>Headers for a delete: poll the subscription-scoped operation result URL.</summary>
    public static void AddLocationHeaders(HttpContext ctx, OperationRecord operation, string providerNamespace,
        string location, string prefix, int retryAfter)
    {
        ctx.Response.Headers.Location =
            $"{ArmHttp.BaseUrl(ctx)}/subscriptions/{ArmIds.SubscriptionOf(operation.ResourceId)}/providers/{providerNamespace}" +
            $"/locations/{location}/operationResults/{prefix}-{operation.Id}?api-version={ArmHttp.ApiVersion(ctx)}";
        ctx.Response.Headers.RetryAfter = retryAfter.ToString();
    }

    /// <summary>Operation ids in URLs carry a type prefix ("replications-{guid}"); the record is keyed by the guid.</summary>
    public static OperationRecord Find(EmulatorState state, string operationName)
    {
        var dash = operationName.IndexOf('-');
        var id = dash > 0 && !Guid.TryParse(operationName, out _) ? operationName[(dash + 1)..] : operationName;
        return state.Operations.GetValueOrDefault(id)
               ?? throw new ArmException(System.Net.HttpStatusCode.NotFound, "OperationNotFound",
                   $"The operation '{operationName}' was not found. Operations are kept for an hour after they end.");
    }

    /// <summary>
    /// Container Registry's operation status, as ACR answers it: only <c>{"status"}</c>, which while the operation runs is
    /// the state the resource is in (Creating, Updating, Deleting), then Succeeded or Failed with the error; every poll
    /// repeats the Azure-AsyncOperation URL and the Retry-After.
    /// </summary>
    public static IResult RegistryStatus(HttpContext ctx, OperationRecord operation, DateTimeOffset now, int retryAfter)
    {
        var status = operation.Status(now);
        var body = new JsonObject { ["status"] = status == "InProgress" ? PendingState(operation) : status };
        if (status == "Failed") body["error"] = ErrorJson(operation);
        ctx.Response.Headers["Azure-AsyncOperation"] = $"{ArmHttp.BaseUrl(ctx)}{ctx.Request.Path}{ctx.Request.QueryString}";
        ctx.Response.Headers.RetryAfter = retryAfter.ToString();
        return ArmHttp.Json(body);
    }

    /// <summary>Container Instances' operation: the group's id, Pending while it runs, its start time and events.</summary>
    public static IResult ContainerGroupStatus(HttpContext ctx, OperationRecord operation, DateTimeOffset now, int retryAfter)
    {
        var status = operation.Status(now);
        var body = new JsonObject
        {
            ["id"] = operation.ResourceId,
            ["status"] = status == "InProgress" ? "Pending" : status,
            ["startTime"] = ArmHttp.Time(operation.StartedAt),
            ["properties"] = new JsonObject { ["events"] = new JsonArray() },
        };
        if (status == "InProgress") ctx.Response.Headers.RetryAfter = retryAfter.ToString();
        if (status == "Failed") body["error"] = ErrorJson(operation);
        return ArmHttp.Json(body);
    }

    /// <summary>The state a resource reports while an operation of this kind runs on it.</summary>
    public static string PendingState(OperationRecord operation) => operation.Kind switch
    {
        "create" => "Creating",
        "update" => "Updating",
        "delete" or "purge" => "Deleting",
        _ => "InProgress",
    };

    static JsonObject ErrorJson(OperationRecord operation) =>
        new() { ["code"] = operation.Error!.Code, ["message"] = operation.Error.Message };

    /// <summary>
    /// A Location poll: 202 while running, then 200 with no body (an import: 200 with its status, Succeeded or Failed
    /// with the error), or ARM's error when a delete failed.
    /// </summary>
    public static IResult Result(HttpContext ctx, OperationRecord operation, DateTimeOffset now, int retryAfter)
    {
        switch (operation.Status(now))
        {
            case "InProgress":
                ctx.Response.Headers.Location = $"{ArmHttp.BaseUrl(ctx)}{ctx.Request.Path}{ctx.Request.QueryString}";
                ctx.Response.Headers.RetryAfter = retryAfter.ToString();
                return Results.StatusCode(202);
            // ACR's importImage reports its outcome in the final answer's body, as its operation status does.
            case var done when operation.Kind == "import":
                var outcome = new JsonObject { ["status"] = done };
                if (done == "Failed") outcome["error"] = ErrorJson(operation);
                return ArmHttp.Json(outcome);
            case "Succeeded":
                return Results.StatusCode(200);
            default:
                return ArmHttp.Json(ArmHttp.Error(operation.Error!.Code, operation.Error.Message),
                    operation.Error.Code.Contains("Internal", StringComparison.Ordinal) ? 500 : 409);
        }
    }
}

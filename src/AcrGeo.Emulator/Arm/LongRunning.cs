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
        var rule = ctx.Items[FaultItem] as FaultRule;
        var stalled = rule?.Action == FaultAction.StallOperation;
        var failure = rule is not null && !stalled ? new ArmErrorRecord(rule.ErrorCode, rule.ErrorMessage) : null;
        var operation = new OperationRecord
        {
            Id = Guid.NewGuid().ToString(),
            ResourceId = resourceId,
            Kind = kind,
            StartedAt = now,
            // A stalled operation ends in ten years: never, for anyone watching, yet later times still add up.
            CompletesAt = now + (stalled ? TimeSpan.FromDays(3650) : duration),
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
    /// A Location poll: 202 while running, then 200 with no body (an import: 200 with {"status":"Succeeded"}), or ARM's
    /// error when the operation failed.
    /// </summary>
    public static IResult Result(HttpContext ctx, OperationRecord operation, DateTimeOffset now, int retryAfter)
    {
        switch (operation.Status(now))
        {
            case "InProgress":
                ctx.Response.Headers.Location = $"{ArmHttp.BaseUrl(ctx)}{ctx.Request.Path}{ctx.Request.QueryString}";
                ctx.Response.Headers.RetryAfter = retryAfter.ToString();
                return Results.StatusCode(202);
            // ACR's importImage answers its success with a status body; a failed import is an error status like any
            // other, which is what makes the Azure CLI's Location poller (and so `az acr import`) fail.
            case "Succeeded" when operation.Kind == "import":
                return ArmHttp.Json(new JsonObject { ["status"] = "Succeeded" });
            case "Succeeded":
                return Results.StatusCode(200);
            default:
                return ArmHttp.Json(ArmHttp.Error(operation.Error!.Code, operation.Error.Message), FailedStatus(operation.Error.Code));
        }
    }

    /// <summary>The status a failed operation's Location poll answers with, as the service's error code implies.</summary>
    static int FailedStatus(string code) => code switch
    {
        "InvalidParameters" or "BadRequest" => 400,
        _ when code.Contains("Internal", StringComparison.Ordinal) => 500,
        _ => 409,
    };
}

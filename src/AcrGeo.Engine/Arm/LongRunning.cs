using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Azure.Core;

namespace AcrGeo.Arm;

/// <summary>
/// The engine's own poller for ARM's long-running operations: follows Azure-AsyncOperation or Location, waits the
/// longer of the configured interval and the service's Retry-After, and reports each state it sees.
/// Azure.Core's poller clamps the interval to a second and cannot report progress, hence this one.
/// </summary>
static class LongRunning
{
    /// <summary>How many times an operation that ended Failed for a transient reason is sent again.</summary>
    const int Resends = 2;

    /// <summary>
    /// Sends a PUT, PATCH, POST or DELETE and waits for the operation it starts. An operation that ends Failed with a
    /// transient error (an internal error or an unavailable service, which ARM's create and delete are idempotent
    /// enough to retry) is sent again, up to twice. <paramref name="refusal"/> turns a first reply the caller knows
    /// (a name in use, a missing group) into its own error; other refusals are ARM's.
    /// </summary>
    public static Task<JsonObject?> RunAsync(ArmRest rest, RequestMethod method, ArmPath path, string apiVersion, JsonNode? body,
        TimeSpan interval, Action<string>? onStatus, OperationContext context, object? target, Func<ArmReply, AcrGeoException?>? refusal = null) =>
        RunAsync(rest, () => rest.SendAsync(method, path, apiVersion, body, context), method, path, apiVersion, interval, onStatus, context,
            target, refusal);

    /// <summary>The same, for a caller that sends the request its own way (<paramref name="send"/>, called once per attempt).</summary>
    public static Task<JsonObject?> RunAsync(ArmRest rest, Func<Task<ArmReply>> send, RequestMethod method, ArmPath path, string apiVersion,
        TimeSpan interval, Action<string>? onStatus, OperationContext context, object? target, Func<ArmReply, AcrGeoException?>? refusal = null) =>
        ResendingAsync(async () =>
        {
            var reply = await send().ConfigureAwait(false);
            if (!reply.IsSuccess && refusal?.Invoke(reply) is { } known) throw known;
            return await CompleteAsync(rest, reply, method, path, apiVersion, interval, onStatus, context, target).ConfigureAwait(false);
        }, context, target);

    /// <summary>
    /// Runs <paramref name="attempt"/> (a write and the wait for what it started) and runs it again, up to twice, while it
    /// ends in an operation that failed for a transient reason.
    /// </summary>
    public static async Task<T> ResendingAsync<T>(Func<Task<T>> attempt, OperationContext context, object? target)
    {
        for (var tried = 0; ; tried++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (AcrGeoException e) when (tried < Resends && e.ErrorId == ErrorIds.OperationFailed && IsTransient(e))
            {
                context.Log($"The operation on '{target}' ended {e.ArmCode}; sending it again.");
            }
        }
    }

    static bool IsTransient(AcrGeoException e) =>
        e.HttpStatus is { } status && Connection.ServiceFailure.IsServiceFault(status)
        || e.ArmCode is { } code && (code.IndexOf("Internal", StringComparison.OrdinalIgnoreCase) >= 0
                             || code.IndexOf("Unavailable", StringComparison.OrdinalIgnoreCase) >= 0
                             || code.IndexOf("Timeout", StringComparison.OrdinalIgnoreCase) >= 0
                             || code.IndexOf("Retry", StringComparison.OrdinalIgnoreCase) >= 0);

    /// <summary>
    /// Waits for the operation the <paramref name="initial"/> reply started. For a PUT or PATCH returns the resource
    /// from a final GET of <paramref name="resourcePath"/>; for a DELETE returns null.
    /// </summary>
    public static async Task<JsonObject?> CompleteAsync(ArmRest rest, ArmReply initial, RequestMethod method, ArmPath resourcePath,
        string apiVersion, TimeSpan interval, Action<string>? onStatus, OperationContext context, object? target)
    {
        if (!initial.IsSuccess) throw initial.ToException(target);
        var statusUrl = initial.Header("Azure-AsyncOperation") is { } operation ? ArmRest.ServiceUrl(operation, target) : null;
        var locationUrl = initial.Header("Location") is { } location ? ArmRest.ServiceUrl(location, target) : null;
        var retryAfter = initial.RetryAfter;
        // Deletes and POST actions (importImage, restart) end with no resource to read back.
        var isDelete = method == RequestMethod.Delete || method == RequestMethod.Post;

        if (statusUrl is not null)
        {
            while (true)
            {
                await DelayAsync(interval, retryAfter, context).ConfigureAwait(false);
                var poll = await rest.SendAsync(RequestMethod.Get, statusUrl, null, context).ConfigureAwait(false);
                if (!poll.IsSuccess) throw poll.ToException(target);
                var status = (string?)poll.Body?["status"] ?? "InProgress";
                onStatus?.Invoke(status);
                if (status.Equals("Succeeded", StringComparison.OrdinalIgnoreCase)) break;
                if (status is "Failed" or "Canceled" or "Cancelled") throw Failed(target, status, poll);
                retryAfter = poll.RetryAfter;
            }
        }
        else if (locationUrl is not null && initial.Status == 202)
        {
            while (true)
            {
                await DelayAsync(interval, retryAfter, context).ConfigureAwait(false);
                var poll = await rest.SendAsync(RequestMethod.Get, locationUrl, null, context).ConfigureAwait(false);
                if (poll.Status == 202)
                {
                    onStatus?.Invoke("InProgress");
                    retryAfter = poll.RetryAfter;
                    locationUrl = poll.Header("Location") is { } next ? ArmRest.ServiceUrl(next, target) : locationUrl;
                    continue;
                }
                if (Failure(poll, target) is { } failure) throw failure;
                onStatus?.Invoke("Succeeded");
                break;
            }
        }
        else
        {
            // Finished at once: the reply carries the final resource (or nothing, for a delete).
            return isDelete ? null : initial.Body as JsonObject;
        }

        return isDelete ? null : await rest.GetAsync(resourcePath, apiVersion, context, target).ConfigureAwait(false);
    }

    /// <summary>
    /// A resource still being provisioned (Key Vault answers its PUT at once with the vault RegisteringDns; an earlier run
    /// that was stopped leaves a registry Creating) read again every interval until its provisioningState is Succeeded.
    /// Failed or Canceled ends in OperationFailed; <paramref name="failedHint"/> says what to do then.
    /// </summary>
    public static async Task<JsonObject> WhenProvisionedAsync(ArmRest rest, ArmPath path, string apiVersion, JsonObject resource,
        TimeSpan interval, OperationContext context, object target, string failedHint)
    {
        while (true)
        {
            var state = (string?)resource["properties"]?["provisioningState"] ?? "Succeeded";
            if (state.Equals("Succeeded", StringComparison.OrdinalIgnoreCase)) return resource;
            if (state is "Failed" or "Canceled" or "Cancelled")
                throw new AcrGeoException(ErrorIds.OperationFailed, AcrErrorCategory.InvalidOperation,
                    $"'{target}' is {state}: its provisioning did not succeed. {failedHint}", target);
            context.Log($"'{target}' is {state}; waiting until it is provisioned.");
            await DelayAsync(interval, null, context).ConfigureAwait(false);
            resource = await rest.GetAsync(path, apiVersion, context, target).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// How an operation whose poll no longer answers 202 ended: null when it did not fail, else its failure. A Location poll
    /// answers the operation's own failure with its status code, so a server error there may be the operation's or the
    /// poll's; either way the operation did not end well, and a transient one is sent again. Some services (ACR's
    /// importImage) end with 200 and the operation's status in the body: a Failed there is a failure, however the status
    /// code reads.
    /// </summary>
    internal static AcrGeoException? Failure(ArmReply poll, object? target)
    {
        if (!poll.IsSuccess)
            return new AcrGeoException(ErrorIds.OperationFailed, AcrErrorCategory.InvalidOperation,
                $"The operation on '{target}' failed: {poll.ErrorMessage} ({poll.ErrorCode ?? "HTTP " + poll.Status}).",
                target, armCode: poll.ErrorCode, httpStatus: poll.Status);
        var outcome = (string?)poll.Body?["status"];
        return outcome is "Failed" or "Canceled" or "Cancelled" ? Failed(target, outcome, poll) : null;
    }

    /// <summary>An operation that ended Failed or Canceled, with the reason its status gave (if there was one to ask).</summary>
    internal static AcrGeoException Failed(object? target, string status, ArmReply? poll) =>
        new(ErrorIds.OperationFailed, AcrErrorCategory.InvalidOperation,
            $"The operation on '{target}' ended {status}: {(string?)poll?.Body?["error"]?["message"] ?? "no reason given"} " +
            $"({(string?)poll?.Body?["error"]?["code"] ?? status}).", target, armCode: (string?)poll?.Body?["error"]?["code"]);

    /// <summary>Waits the longer of the interval and the service's Retry-After.</summary>
    internal static async Task DelayAsync(TimeSpan interval, TimeSpan? retryAfter, OperationContext context)
    {
        var wait = retryAfter is { } asked && asked > interval ? asked : interval;
        await context.Delay(wait, context.Cancellation).ConfigureAwait(false);
    }
}

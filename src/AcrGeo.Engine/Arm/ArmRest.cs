using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using AcrGeo.Connection;
using Azure.Core.Pipeline;

namespace AcrGeo.Arm;

/// <summary>A service reply: status, parsed body, headers.</summary>
sealed class ArmReply
{
    readonly Uri endpoint;
    readonly int retries;

    public ArmReply(int status, JsonNode? body, Func<string, string?> header, Uri endpoint, int retries)
    {
        Status = status;
        Body = body;
        Header = header;
        this.endpoint = endpoint;
        this.retries = retries;
    }

    public int Status { get; }
    public JsonNode? Body { get; }
    public Func<string, string?> Header { get; }
    public bool IsSuccess => Status is >= 200 and < 300;
    public string? ErrorCode => (string?)Body?["error"]?["code"];
    public string ErrorMessage => (string?)Body?["error"]?["message"] ?? $"The service answered {Status}.";

    public JsonObject Object => Body as JsonObject ?? new JsonObject();

    /// <summary>Seconds the service asked to wait, if it said.</summary>
    public TimeSpan? RetryAfter =>
        int.TryParse(Header("Retry-After"), out var seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>
    /// The service's refusal as the engine's exception: <c>AcrGeo.Arm.{code}</c>, category from the status; a reply that
    /// is still throttled or a server error after the pipeline's retries is ARM being unavailable.
    /// </summary>
    public AcrGeoException ToException(object? target) => ServiceFailure.IsServiceFault(Status)
        ? ServiceFailure.Unavailable(Service.ResourceManager, endpoint, retries, $"it kept answering HTTP {Status} ({ErrorCode ?? "no error code"})",
            target, code: ErrorCode, status: Status)
        : new(
        ErrorIds.ArmPrefix + (ErrorCode ?? Status.ToString()),
        Status switch
        {
            400 => AcrErrorCategory.InvalidArgument,
            401 => AcrErrorCategory.AuthenticationError,
            403 => AcrErrorCategory.PermissionDenied,
            404 => AcrErrorCategory.ObjectNotFound,
            409 => AcrErrorCategory.ResourceExists,
            429 => AcrErrorCategory.LimitsExceeded,
            _ => AcrErrorCategory.InvalidOperation,
        },
        $"{ErrorMessage} ({ErrorCode ?? "HTTP " + Status})", target, armCode: ErrorCode, httpStatus: Status);
}

/// <summary>
/// Raw ARM calls on the connection's ARM pipeline (authentication, retries with Retry-After, throttling, transport),
/// for the resource types whose typed SDK packages are not available, within ARM's request budget.
/// </summary>
sealed class ArmRest
{
    readonly ArmBudget budget;
    readonly HttpPipeline pipeline;
    readonly int retries;

    public ArmRest(HttpPipeline pipeline, Uri endpoint, ArmBudget budget, int retries)
    {
        this.retries = retries;
        this.pipeline = pipeline;
        Endpoint = endpoint;
        this.budget = budget;
    }

    /// <summary>Azure Resource Manager's base URL: every path is relative to it.</summary>
    public Uri Endpoint { get; }

    /// <summary>The budget a request spends: its subscription's, or the tenant's for paths outside any subscription.</summary>
    static string BudgetScope(Uri uri)
    {
        var segments = uri.AbsolutePath.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase)
            ? segments[1].ToLowerInvariant()
            : "tenant";
    }

    /// <summary>Sends one request to a path under the ARM endpoint, with the api-version added.</summary>
    public Task<ArmReply> SendAsync(RequestMethod method, ArmPath path, string apiVersion, JsonNode? body, OperationContext context)
    {
        var text = path.ToString();
        var uri = new Uri(Endpoint, text + (text.Contains("?") ? "&" : "?") + "api-version=" + Uri.EscapeDataString(apiVersion));
        return SendAsync(method, uri, body, context);
    }

    /// <summary>Sends one request to a URL the service gave (an operation's status, the next page), as it is.</summary>
    public async Task<ArmReply> SendAsync(RequestMethod method, Uri uri, JsonNode? body, OperationContext context)
    {
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(uri);
        request.Headers.Add("Accept", "application/json");
        if (body is not null)
        {
            request.Headers.Add("Content-Type", "application/json");
            request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToJsonString()));
        }

        // Within ARM's budget: a 429 that still comes is waited out inside the pipeline (ArmThrottlingPolicy), holding the permit.
        using var permit = await budget.AcquireAsync(BudgetScope(uri), ArmBudget.KindOf(method), context.Cancellation).ConfigureAwait(false);
        message.SetProperty(ArmBudget.Permit.MessageProperty, permit);
        var watch = Stopwatch.StartNew();
        try
        {
            await pipeline.SendAsync(message, context.Cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (ServiceFailure.From(e, Service.ResourceManager, Endpoint, retries, uri.AbsolutePath) is { } failure)
        {
            throw failure;
        }

        var response = message.Response;
        permit.Answered(name => response.Headers.TryGetValue(name, out var value) ? value : null);
        // Only the method, path and api-version: never headers, bodies or other query values.
        context.Log($"{method} {uri.AbsolutePath} (api-version {QueryVersion(uri)}) -> {response.Status} in {watch.ElapsedMilliseconds} ms");
        JsonNode? parsed = null;
        if (response.Content is { } content && content.ToMemory().Length > 0)
        {
            try
            {
                parsed = JsonNode.Parse(content.ToMemory().ToArray());
            }
            catch (JsonException)
            {
                parsed = null;
            }
        }
        return new ArmReply(response.Status, parsed, name => response.Headers.TryGetValue(name, out var value) ? value : null, Endpoint, retries);
    }

    static string QueryVersion(Uri uri)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
            if (pair.StartsWith("api-version=", StringComparison.OrdinalIgnoreCase))
                return pair.Substring("api-version=".Length);
        return "-";
    }

    public async Task<JsonObject> GetAsync(ArmPath path, string apiVersion, OperationContext context, object? target)
    {
        var reply = await SendAsync(RequestMethod.Get, path, apiVersion, null, context).ConfigureAwait(false);
        return reply.IsSuccess ? reply.Object : throw reply.ToException(target);
    }

    /// <summary>Every item of a list, following nextLink page after page.</summary>
    public async Task<List<JsonObject>> ListAsync(ArmPath path, string apiVersion, OperationContext context, object? target)
    {
        var items = new List<JsonObject>();
        var reply = await SendAsync(RequestMethod.Get, path, apiVersion, null, context).ConfigureAwait(false);
        while (true)
        {
            if (!reply.IsSuccess) throw reply.ToException(target);
            if (reply.Body?["value"] is JsonArray page)
                foreach (var item in page)
                    if (item is JsonObject value) items.Add(value);
            if ((string?)reply.Body?["nextLink"] is not { Length: > 0 } next) return items;
            reply = await SendAsync(RequestMethod.Get, ServiceUrl(next, target), null, context).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A URL the service handed back (next page, operation status): absolute and https, or the bearer token would go
    /// where the caller never pointed it.
    /// </summary>
    public static Uri ServiceUrl(string url, object? target) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new AcrGeoException(ErrorIds.ArmPrefix + "InvalidServiceUrl", AcrErrorCategory.InvalidOperation,
                $"The service answered with a URL to follow that is not an absolute https URL: '{ArmPath.Printable(url)}'.", target);
}

using System;
using System.Globalization;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcrGeo.Arm;

/// <summary>
/// ARM's throttling, waited out: a 429 says with Retry-After when a token will be back in the budget, so the request is
/// sent again then, as often as it takes within <see cref="limit"/> of waiting in all. Azure.Core's own retries (few, and
/// shared with transient failures) never see a 429 that waiting would cure; only one that outlasts the limit reaches the
/// caller. Placed per retry, inside Azure.Core's retry loop. A request that carries a place in ARM's budget
/// (<see cref="ArmBudget"/>) gives it back while it waits, so a burst that met an empty bucket comes back at the rate the
/// budget allows, not all at once.
/// </summary>
sealed class ArmThrottlingPolicy : HttpPipelinePolicy
{
    static readonly TimeSpan NoRetryAfter = TimeSpan.FromSeconds(1);
    readonly TimeSpan limit;

    public ArmThrottlingPolicy(TimeSpan limit) => this.limit = limit;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).EnsureCompleted();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            if (async) await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            else ProcessNext(message, pipeline);
            if (message.Response.Status != 429) return;
            var wait = RetryAfter(message.Response) ?? NoRetryAfter;
            if (waited + wait > limit) return;
            waited += wait;
            var throttled = message.Response;
            throttled.ContentStream?.Dispose();
            // A request sent within ARM's budget (ArmBudget) gives its place back while it waits, and queues for one again.
            if (async && message.TryGetProperty(ArmBudget.Permit.MessageProperty, out var permit) && permit is ArmBudget.Permit place)
                await place.PauseAsync(name => throttled.Headers.TryGetValue(name, out var value) ? value : null, wait, message.CancellationToken)
                    .ConfigureAwait(false);
            else if (async) await Task.Delay(wait, message.CancellationToken).ConfigureAwait(false);
            else message.CancellationToken.WaitHandle.WaitOne(wait);
            message.CancellationToken.ThrowIfCancellationRequested();
        }
    }

    static TimeSpan? RetryAfter(Response response) =>
        response.Headers.TryGetValue("Retry-After", out var value)
        && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(Math.Max(seconds, 1))
            : null;
}

static class ValueTaskExtensions
{
    /// <summary>Completes a ValueTask that ran synchronously (the sync path never awaits anything).</summary>
    public static void EnsureCompleted(this ValueTask task) => task.AsTask().GetAwaiter().GetResult();
}

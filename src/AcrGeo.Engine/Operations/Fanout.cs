using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AcrGeo.Operations;

/// <summary>
/// Runs independent operations in parallel, each result in the input's order: all at once, or at most
/// <c>maxParallel</c> at once when a number is given. Without one, ARM's request budget (<see cref="Arm.ArmBudget"/>) is
/// what paces their requests.
/// </summary>
static class Fanout
{
    public static async Task<TOut[]> RunAsync<TIn, TOut>(IReadOnlyList<TIn> items, int? maxParallel,
        Func<TIn, int, Task<TOut>> work, CancellationToken cancellation)
    {
        using var gate = new SemaphoreSlim(Math.Max(1, maxParallel ?? items.Count));
        var tasks = new Task<TOut>[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                await gate.WaitAsync(cancellation).ConfigureAwait(false);
                try
                {
                    return await work(items[index], index).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }, cancellation);
        }
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}

/// <summary>What became of one target of a fan-out: its result, or the error that stopped it.</summary>
public sealed class Outcome<T> where T : class
{
    public Outcome(string target, T? value, AcrGeoException? error)
    {
        Target = target;
        Value = value;
        Error = error;
    }

    public string Target { get; }
    public T? Value { get; }
    public AcrGeoException? Error { get; }
    public bool Succeeded => Error is null;
}

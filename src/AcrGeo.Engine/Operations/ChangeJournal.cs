using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace AcrGeo.Operations;

/// <summary>
/// What one command has changed so far, so that a failure or a stop can say what exists and how to finish: writes whose
/// outcome is known, and writes that were sent but not confirmed (the service may have carried them out). Every
/// operation that changes more than nothing runs inside one, through <see cref="RunAsync{T}"/>.
/// </summary>
sealed class ChangeJournal
{
    readonly object gate = new();
    readonly List<string> done = new();
    readonly List<string> sent = new();

    /// <summary>A write is about to be sent: until <see cref="Done"/>, its outcome is unknown.</summary>
    public void Sent(string what)
    {
        lock (gate) if (!sent.Contains(what)) sent.Add(what);
    }

    /// <summary>A write the service confirmed ("created registry 'x'", "removed replica eastus").</summary>
    public void Done(string what, string? sentAs = null)
    {
        lock (gate)
        {
            sent.Remove(sentAs ?? what);
            done.Add(what);
        }
    }

    /// <summary>A sent write that is known not to have happened (the service refused it).</summary>
    public void NotDone(string sentAs)
    {
        lock (gate) sent.Remove(sentAs);
    }

    public bool IsEmpty
    {
        get { lock (gate) return done.Count == 0 && sent.Count == 0; }
    }

    /// <summary>"Done: ...; sent but not confirmed: ..." or "Nothing was changed." For a stop, sent writes are in progress.</summary>
    public string Describe(bool stopped = false)
    {
        lock (gate)
        {
            if (done.Count == 0 && sent.Count == 0) return "Nothing was changed.";
            var parts = new List<string>();
            if (done.Count > 0) parts.Add($"Done before it ended: {string.Join("; ", done)}.");
            if (sent.Count > 0)
                parts.Add(stopped
                    ? $"Left in progress (Azure goes on with it without this command): {string.Join("; ", sent)}."
                    : $"Sent but not confirmed (Azure may have carried it out or may still be at it): {string.Join("; ", sent)}.");
            return string.Join(" ", parts);
        }
    }

    /// <summary>The failure with what exists and how to finish; the same id, category and target.</summary>
    public AcrGeoException Explain(AcrGeoException failure, string finish) =>
        new(failure.ErrorId, failure.Category,
            $"{failure.Message} {Describe()}{(IsEmpty ? "" : " " + finish)}", failure.Target, failure, failure.ArmCode, failure.HttpStatus);

    /// <summary>
    /// Runs the changing part of an operation. A failure is explained with what exists and <paramref name="finish"/>;
    /// a stop warns what was done and what is still in progress at Azure, then stops.
    /// </summary>
    public static async Task<T> RunAsync<T>(OperationContext context, string finish, Func<ChangeJournal, Task<T>> work)
    {
        var journal = new ChangeJournal();
        try
        {
            return await work(journal).ConfigureAwait(false);
        }
        catch (AcrGeoException e)
        {
            throw journal.Explain(e, finish);
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            context.Warn($"Stopped. {journal.Describe(stopped: true)}{(journal.IsEmpty ? "" : " " + finish)}");
            throw;
        }
    }

    public static Task RunAsync(OperationContext context, string finish, Func<ChangeJournal, Task> work) =>
        RunAsync<bool>(context, finish, async journal =>
        {
            await work(journal).ConfigureAwait(false);
            return true;
        });
}

using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace AcrGeo;

/// <summary>
/// The one bridge between async engine calls and PowerShell's single pipeline thread. Work runs as a task;
/// everything it writes (objects, errors, verbose text, progress, ShouldProcess questions) is queued and carried out
/// on the pipeline thread, which drains the queue until the task ends. Ctrl+C (StopProcessing) cancels a token that
/// reaches every request.
/// </summary>
public abstract class AsyncCmdlet : PSCmdlet, IDisposable
{
    readonly CancellationTokenSource stopping = new();
    BlockingCollection<Action>? pending;
    int pipelineThread;

    protected virtual Task BeginProcessingAsync() => Task.CompletedTask;
    protected virtual Task ProcessRecordAsync() => Task.CompletedTask;
    protected virtual Task EndProcessingAsync() => Task.CompletedTask;

    protected sealed override void BeginProcessing() => Run(BeginProcessingAsync);
    protected sealed override void ProcessRecord() => Run(ProcessRecordAsync);
    protected sealed override void EndProcessing() => Run(EndProcessingAsync);
    protected sealed override void StopProcessing() => stopping.Cancel();

    void Run(Func<Task> work)
    {
        pipelineThread = Environment.CurrentManagedThreadId;
        using var queue = new BlockingCollection<Action>();
        pending = queue;
        var task = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            finally
            {
                queue.CompleteAdding();
            }
        });
        foreach (var action in queue.GetConsumingEnumerable()) action();
        pending = null;

        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (AcrGeoException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e));
        }
    }

    /// <summary>Runs on the pipeline thread: directly when already there, else queued and awaited.</summary>
    T OnPipeline<T>(Func<T> action)
    {
        if (Environment.CurrentManagedThreadId == pipelineThread || pending is null) return action();
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Add(() =>
        {
            try
            {
                done.SetResult(action());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task.GetAwaiter().GetResult();
    }

    void Post(Action action)
    {
        if (Environment.CurrentManagedThreadId == pipelineThread || pending is null) action();
        else pending.Add(action);
    }

    protected void Emit(object value) => Post(() => WriteObject(value));
    protected void EmitError(AcrGeoException error) => Post(() => WriteError(ErrorRecords.From(error)));
    protected void Verbose(string message) => Post(() => WriteVerbose(message));
    protected void Warn(string message) => Post(() => WriteWarning(message));
    protected bool Confirm(string target, string action) => OnPipeline(() => ShouldProcess(target, action));
    /// <summary>A PowerShell path (relative to the current location, ~, a drive) as a file-system path, resolved on the pipeline thread.</summary>
    protected string FileSystemPath(string path) => OnPipeline(() => GetUnresolvedProviderPathFromPSPath(path));
    /// <summary>ShouldContinue on the pipeline thread: a second question for what -Force skips.</summary>
    protected bool AskToContinue(string query, string caption) => OnPipeline(() => ShouldContinue(query, caption));

    /// <summary>Runs a check; a failure is written as a non-terminating error so the other inputs go on.</summary>
    protected bool Passes(Action check)
    {
        try
        {
            check();
            return true;
        }
        catch (AcrGeoException e)
        {
            EmitError(e);
            return false;
        }
    }

    /// <summary>The context handed to the engine: this command's cancellation, progress bars and verbose stream.</summary>
    protected OperationContext Context => new()
    {
        Cancellation = stopping.Token,
        Verbose = Verbose,
        Warning = Warn,
        Progress = new ProgressSink(this),
    };

    sealed class ProgressSink(AsyncCmdlet cmdlet) : IProgress<OperationProgress>
    {
        public void Report(OperationProgress value) => cmdlet.Post(() =>
        {
            var record = new ProgressRecord(value.ActivityId, value.Activity, value.Status)
            {
                PercentComplete = value.PercentComplete,
                ParentActivityId = value.ParentActivityId,
                RecordType = value.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            cmdlet.WriteProgress(record);
        });
    }

    public void Dispose() => stopping.Dispose();
}

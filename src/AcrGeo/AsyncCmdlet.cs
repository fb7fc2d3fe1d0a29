using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
/// <remarks>
/// A cmdlet that sets <see cref="ProcessesRecordsConcurrently"/> does not wait for one piped record before taking the
/// next: ProcessRecord starts the record's work and returns, so a hundred piped registries are worked on at once (ARM's
/// request budget paces them, in the engine). Each record's objects and errors are held until every earlier record's
/// are written, so output keeps pipeline order; verbose text, progress and questions are carried out as they come (they
/// name their target). Its ProcessRecordAsync runs on the pipeline thread until its first await, so it must read the
/// parameters bound from the pipeline (which the next record rebinds) before it awaits anything.
/// </remarks>
public abstract class AsyncCmdlet : PSCmdlet, IDisposable
{
    readonly CancellationTokenSource stopping = new();
    readonly BlockingCollection<Action> pending = new();
    readonly Queue<PipedRecord> records = new();
    readonly AsyncLocal<PipedRecord?> currentRecord = new();
    // Every work started and not yet seen to end: what an abandoned pipeline waits for, so no thread is left behind.
    readonly List<Task> running = new();
    readonly List<string> stopNotes = new();
    int pipelineThread = -1;
    bool insideStep;
    volatile bool abandoned;

    protected virtual Task BeginProcessingAsync() => Task.CompletedTask;
    protected virtual Task ProcessRecordAsync() => Task.CompletedTask;
    protected virtual Task EndProcessingAsync() => Task.CompletedTask;

    /// <summary>Piped records are worked on at once, output in pipeline order (see the remarks on this class).</summary>
    protected virtual bool ProcessesRecordsConcurrently => false;

    protected sealed override void BeginProcessing() => Run(BeginProcessingAsync);

    protected sealed override void ProcessRecord()
    {
        if (ProcessesRecordsConcurrently) Start(ProcessRecordAsync);
        else Run(ProcessRecordAsync);
    }

    protected sealed override void EndProcessing()
    {
        if (ProcessesRecordsConcurrently) Step(() => records.Count == 0);
        Run(EndProcessingAsync);
    }

    protected sealed override void StopProcessing() => stopping.Cancel();

    /// <summary>Runs one step's work and drains what it posts until it ends.</summary>
    void Run(Func<Task> work)
    {
        var task = Begin(work);
        Step(() => task.IsCompleted);
        Finish(task);
    }

    /// <summary>
    /// Starts a piped record's work with its own output holder, then writes whatever earlier records have finished and
    /// returns without waiting for this one.
    /// </summary>
    void Start(Func<Task> work)
    {
        var record = new PipedRecord();
        records.Enqueue(record);
        currentRecord.Value = record;
        try
        {
            record.Work = Begin(work);
        }
        finally
        {
            currentRecord.Value = null;
        }
        Step(() => true);
    }

    /// <summary>Calls the work on this (the pipeline) thread, so its start reads the parameters as bound for this record.</summary>
    Task Begin(Func<Task> work)
    {
        pipelineThread = Environment.CurrentManagedThreadId;
        Task task;
        insideStep = true;
        try
        {
            task = work();
        }
        catch (Exception e)
        {
            task = Task.FromException(e);
        }
        // Wakes the drain loop when the work ends, whether or not it posted anything.
        task.ContinueWith(_ => pending.Add(static () => { }), TaskScheduler.Default);
        running.RemoveAll(static started => started.IsCompleted);
        running.Add(task);
        return task;
    }

    /// <summary>Carries out posted actions and finished records' output on the pipeline thread until <paramref name="done"/>.</summary>
    void Step(Func<bool> done)
    {
        pipelineThread = Environment.CurrentManagedThreadId;
        insideStep = true;
        try
        {
            while (true)
            {
                while (pending.TryTake(out var action)) action();
                WriteFinishedRecords();
                if (done()) return;
                pending.Take()();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Abandon();
            if (e is PipelineStoppedException && StopReport() is { } report) throw report;
            throw;
        }
        finally
        {
            insideStep = false;
        }
    }

    /// <summary>
    /// The pipeline ended under the work (Ctrl+C, Select-Object -First, a failed write, a piped record that failed): stop
    /// every work, let it finish without writing, and answer every question it waits on, so no thread is left blocked.
    /// </summary>
    void Abandon()
    {
        stopping.Cancel();
        abandoned = true;
        var all = Task.WhenAll(running);
        while (!all.IsCompleted)
            if (pending.TryTake(out var action, 50)) action();
        while (pending.TryTake(out var action)) action();
    }

    /// <summary>Writes held output in pipeline order: the oldest record's as it comes, a later one's once all before it ended.</summary>
    void WriteFinishedRecords()
    {
        while (records.Count > 0)
        {
            var head = records.Peek();
            head.Flush();
            if (head.Work is not { IsCompleted: true } work) return;
            head.Flush();
            records.Dequeue();
            if (!work.IsFaulted && !work.IsCanceled) continue;
            // A record that failed as a whole fails the command, as it would have one record at a time: the records
            // still running are stopped.
            stopping.Cancel();
            Finish(work);
        }
    }

    void Finish(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw StopReport() ?? new PipelineStoppedException();
        }
        catch (AcrGeoException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e));
        }
        catch (Exception e) when (e is not (PipelineStoppedException or PSInvalidOperationException or ParameterBindingException))
        {
            // The last resort: no raw exception reaches the user; the original stays as the inner exception for diagnosis.
            ThrowTerminatingError(ErrorRecords.From(new AcrGeoException(ErrorIds.Unexpected, AcrErrorCategory.InvalidOperation,
                $"AcrGeo met an error it does not know how to explain ({e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}). " +
                "Nothing more was sent after it. Please report it with the command you ran.", null, e)));
        }
    }

    /// <summary>
    /// What a stopped command left in progress (the engine's warnings once Ctrl+C came). PowerShell refuses every write
    /// once a pipeline is stopping, so it goes to the host's console directly and into the message of the
    /// PipelineStoppedException, which a host that runs the command ([powershell].EndInvoke) sees.
    /// </summary>
    PipelineStoppedException? StopReport()
    {
        string report;
        lock (stopNotes)
        {
            if (stopNotes.Count == 0) return null;
            report = string.Join(" ", stopNotes);
        }
        try
        {
            Host?.UI?.WriteWarningLine(report);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A host without a console (a runspace of its own) has nowhere to show it; the exception still carries it.
        }
        return new PipelineStoppedException(report);
    }

    /// <summary>Runs on the pipeline thread: directly when already there, else queued and awaited.</summary>
    T OnPipeline<T>(Func<T> action)
    {
        if (OnPipelineThread) return action();
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Add(() =>
        {
            if (abandoned)
            {
                done.SetCanceled();
                return;
            }
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

    bool OnPipelineThread => insideStep && Environment.CurrentManagedThreadId == pipelineThread;

    void Post(Action action)
    {
        if (OnPipelineThread) action();
        else pending.Add(() =>
        {
            if (!abandoned) action();
        });
    }

    /// <summary>An object or error: held in the record's order when records run at once, else written as it comes.</summary>
    void Output(Action write)
    {
        if (currentRecord.Value is { } record)
        {
            record.Hold(write);
            // Wakes the drain loop: the record may be the oldest, whose output goes out at once.
            pending.Add(static () => { });
        }
        else Post(write);
    }

    protected void Emit(object value) => Output(() => WriteObject(value));
    protected void EmitError(AcrGeoException error) => Output(() => WriteError(ErrorRecords.From(error)));
    protected void Verbose(string message) => Post(() => WriteVerbose(message));
    protected void Warn(string message)
    {
        if (stopping.IsCancellationRequested)
            lock (stopNotes) stopNotes.Add(message);
        Post(() => WriteWarning(message));
    }
    protected bool Confirm(string target, string action) => OnPipeline(() => ShouldProcess(target, action));
    /// <summary>A PowerShell path (relative to the current location, ~, a drive) as a file-system path, resolved on the pipeline thread.</summary>
    protected string FileSystemPath(string path) => OnPipeline(() => GetUnresolvedProviderPathFromPSPath(path));
    /// <summary>ShouldContinue on the pipeline thread: a second question for what -Force skips.</summary>
    protected bool AskToContinue(string query, string caption) => OnPipeline(() => ShouldContinue(query, caption));

    /// <summary>Runs one target's work; its failure is written as a non-terminating error so the other targets go on.</summary>
    protected async Task NonTerminatingAsync(Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (AcrGeoException e)
        {
            EmitError(e);
        }
    }

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

    /// <summary>One piped record's work and the output it has written that is not out yet.</summary>
    sealed class PipedRecord
    {
        readonly ConcurrentQueue<Action> held = new();

        public Task? Work { get; set; }

        public void Hold(Action write) => held.Enqueue(write);

        public void Flush()
        {
            while (held.TryDequeue(out var write)) write();
        }
    }

    public void Dispose() => stopping.Dispose();
}

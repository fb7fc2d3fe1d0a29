namespace AcrGeo.Emulator.Admin;

/// <summary>One request as the emulator saw it. Never holds bodies, headers or query values other than api-version.</summary>
public sealed record RequestLogEntry(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string Host,
    string Path,
    string? ApiVersion,
    int Status,
    double DurationMs,
    string? Fault);

/// <summary>The emulator's request log: bounded, thread-safe, readable and clearable through the admin API.</summary>
public sealed class RequestLog : BoundedLog<RequestLogEntry>
{
    public void Add(DateTimeOffset time, string method, string host, string path, string? apiVersion, int status,
        double durationMs, string? fault) =>
        Add(sequence => new RequestLogEntry(sequence, time, method, host, path, apiVersion, status, durationMs, fault));
}

namespace AcrGeo.Emulator.Tests;

/// <summary>A clock the test moves by hand, so time-based transitions are tested without sleeping.</summary>
public sealed class ManualClock : TimeProvider
{
    DateTimeOffset now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow()
    {
        lock (this) return now;
    }

    public void Advance(TimeSpan by)
    {
        lock (this) now += by;
    }
}

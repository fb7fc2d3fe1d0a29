namespace AcrGeo.Emulator.Admin;

/// <summary>A log the admin API serves: numbered entries, the newest kept up to a bound, thread-safe, clearable.</summary>
public abstract class BoundedLog<TEntry>
{
    const int Capacity = 20_000;
    readonly Queue<TEntry> entries = new();
    long sequence;

    /// <summary>Adds the entry <paramref name="create"/> makes from its sequence number.</summary>
    protected void Add(Func<long, TEntry> create)
    {
        lock (entries)
        {
            entries.Enqueue(create(++sequence));
            while (entries.Count > Capacity) entries.Dequeue();
        }
    }

    public IReadOnlyList<TEntry> Snapshot()
    {
        lock (entries) return entries.ToArray();
    }

    public void Clear()
    {
        lock (entries) entries.Clear();
    }
}

using FlowSense.Actors.Persistence.Journal;

namespace FlowSense.Actors.Persistence.Benchmarks;

/// <summary>Journal writes shaped like symbol actors' PersistAll calls: a fixed payload of a book-update size.</summary>
internal static class EventBatch
{
    public static readonly byte[] Payload = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];

    /// <summary>One write per entity, each of <paramref name="eventsPerWrite"/> events following <paramref name="next"/>.</summary>
    public static List<AtomicWrite> Create(string[] entities, int eventsPerWrite, long[] next)
    {
        var writes = new List<AtomicWrite>(entities.Length);
        for (int e = 0; e < entities.Length; e++)
        {
            var events = new JournalEvent[eventsPerWrite];
            for (int i = 0; i < eventsPerWrite; i++)
                events[i] = new JournalEvent(next[e] + i, "book-update.v1", Payload);
            next[e] += eventsPerWrite;
            writes.Add(new AtomicWrite(entities[e], 1, events));
        }

        return writes;
    }
}

using System.Text;
using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.Snapshots;

namespace FlowSense.Actors.Persistence.TestSupport;

/// <summary>What every snapshot store must do, run against each back end by a concrete subclass.</summary>
public abstract class SnapshotStoreContractTests
{
    // Whole microseconds: both back ends store PostgreSQL's precision.
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 14, 30, 0, TimeSpan.Zero);

    /// <summary>The store under test.</summary>
    protected abstract ISnapshotStore Store { get; }

    private static string NewId() => $"symbol-{Guid.NewGuid():N}";

    private async Task SaveAsync(string id, long sequenceNr, int minutes, string state = "") =>
        await Store.SaveAsync(new SnapshotMetadata(id, sequenceNr, T0.AddMinutes(minutes)), "book-state.v1",
            Encoding.UTF8.GetBytes(state.Length == 0 ? $"state at {sequenceNr}" : state));

    [Fact]
    public async Task Load_returns_the_latest_snapshot_with_its_metadata_manifest_and_payload()
    {
        string id = NewId();
        await SaveAsync(id, 10, 1);
        await SaveAsync(id, 30, 3);
        await SaveAsync(id, 20, 2);

        SelectedSnapshot? latest = await Store.LoadAsync(id, SnapshotSelectionCriteria.Latest);

        Assert.NotNull(latest);
        Assert.Equal(new SnapshotMetadata(id, 30, T0.AddMinutes(3)), latest.Metadata);
        Assert.Equal("book-state.v1", latest.Manifest);
        Assert.Equal("state at 30", Encoding.UTF8.GetString(latest.Payload.Span));
    }

    [Fact]
    public async Task Load_respects_the_maximum_sequence_nr_and_timestamp()
    {
        string id = NewId();
        await SaveAsync(id, 10, 1);
        await SaveAsync(id, 20, 2);
        await SaveAsync(id, 30, 3);

        Assert.Equal(20, (await Store.LoadAsync(id, new SnapshotSelectionCriteria(MaxSequenceNr: 29)))!.Metadata.SequenceNr);
        Assert.Equal(10, (await Store.LoadAsync(id, new SnapshotSelectionCriteria(MaxTimestamp: T0.AddMinutes(1.5))))!.Metadata.SequenceNr);
        Assert.Equal(20, (await Store.LoadAsync(id, new SnapshotSelectionCriteria(MaxSequenceNr: 25, MinTimestamp: T0.AddMinutes(2))))!.Metadata.SequenceNr);
        Assert.Null(await Store.LoadAsync(id, SnapshotSelectionCriteria.None));
        Assert.Null(await Store.LoadAsync(NewId(), SnapshotSelectionCriteria.Latest));
    }

    [Fact]
    public async Task Saving_the_same_sequence_nr_again_replaces_the_snapshot()
    {
        string id = NewId();
        await SaveAsync(id, 10, 1, "old");
        await SaveAsync(id, 10, 2, "new");

        SelectedSnapshot? loaded = await Store.LoadAsync(id, SnapshotSelectionCriteria.Latest);

        Assert.Equal("new", Encoding.UTF8.GetString(loaded!.Payload.Span));
        Assert.Equal(T0.AddMinutes(2), loaded.Metadata.Timestamp);
    }

    [Fact]
    public async Task Delete_by_metadata_removes_exactly_that_snapshot()
    {
        string id = NewId();
        await SaveAsync(id, 10, 1);
        await SaveAsync(id, 20, 2);

        await Store.DeleteAsync(new SnapshotMetadata(id, 20, T0));

        Assert.Equal(10, (await Store.LoadAsync(id, SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr);
    }

    [Fact]
    public async Task Delete_by_criteria_removes_the_matching_snapshots_only()
    {
        string id = NewId(), other = NewId();
        for (int i = 1; i <= 4; i++)
            await SaveAsync(id, i * 10, i);
        await SaveAsync(other, 10, 1);

        int deleted = await Store.DeleteAsync(id, new SnapshotSelectionCriteria(MaxSequenceNr: 30, MinSequenceNr: 20));

        Assert.Equal(2, deleted);
        Assert.Equal(40, (await Store.LoadAsync(id, SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr);
        Assert.Equal(10, (await Store.LoadAsync(id, new SnapshotSelectionCriteria(MaxSequenceNr: 39)))!.Metadata.SequenceNr);
        Assert.NotNull(await Store.LoadAsync(other, SnapshotSelectionCriteria.Latest));
    }

    [Fact]
    public async Task Retention_keeps_the_latest_n_snapshots()
    {
        string id = NewId();
        for (int i = 1; i <= 5; i++)
            await SaveAsync(id, i * 10, i);

        int deleted = await Store.KeepLatestAsync(id, 2);

        Assert.Equal(3, deleted);
        Assert.Equal(50, (await Store.LoadAsync(id, SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr);
        Assert.Equal(40, (await Store.LoadAsync(id, new SnapshotSelectionCriteria(MaxSequenceNr: 49)))!.Metadata.SequenceNr);
        Assert.Null(await Store.LoadAsync(id, new SnapshotSelectionCriteria(MaxSequenceNr: 39)));
    }

    [Fact]
    public async Task A_save_with_an_epoch_below_the_stored_one_is_rejected_and_stores_nothing()
    {
        string id = NewId();
        await Store.SaveAsync(new SnapshotMetadata(id, 10, T0) { Epoch = 3 }, "m", Encoding.UTF8.GetBytes("owner 3"));
        await Store.SaveAsync(new SnapshotMetadata(id, 20, T0.AddMinutes(1)) { Epoch = 3 }, "m", Encoding.UTF8.GetBytes("owner 3 later"));

        var stale = await Assert.ThrowsAsync<StaleEpochException>(() =>
            Store.SaveAsync(new SnapshotMetadata(id, 30, T0.AddMinutes(2)) { Epoch = 2 }, "m", Encoding.UTF8.GetBytes("zombie")));

        Assert.Equal((2L, 3L), (stale.WriterEpoch, stale.StoredEpoch));
        SelectedSnapshot? latest = await Store.LoadAsync(id, SnapshotSelectionCriteria.Latest);
        Assert.Equal(20, latest!.Metadata.SequenceNr);
        Assert.Equal(3, latest.Metadata.Epoch);
        Assert.Equal("owner 3 later", Encoding.UTF8.GetString(latest.Payload.Span));
    }

    [Fact]
    public async Task A_newer_epoch_takes_over_and_the_highest_epoch_is_reported()
    {
        string id = NewId(), other = NewId();
        await Store.SaveAsync(new SnapshotMetadata(id, 10, T0) { Epoch = 1 }, "m", Encoding.UTF8.GetBytes("a"));
        await Store.SaveAsync(new SnapshotMetadata(id, 11, T0) { Epoch = 2 }, "m", Encoding.UTF8.GetBytes("b"));
        await Store.SaveAsync(new SnapshotMetadata(other, 5, T0) { Epoch = 1 }, "m", Encoding.UTF8.GetBytes("c"));

        Assert.Equal(2, (await Store.LoadAsync(id, SnapshotSelectionCriteria.Latest))!.Metadata.Epoch);
        Assert.True(await Store.HighestEpochAsync() >= 2);
        await Assert.ThrowsAsync<StaleEpochException>(() => Store.SaveAsync(new SnapshotMetadata(id, 12, T0) { Epoch = 1 }, "m", Encoding.UTF8.GetBytes("d")));
    }
}

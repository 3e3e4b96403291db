namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>What the sink needs of its loader (<see cref="BatchLoader{TRow}"/>; tests put a scripted one in its place).</summary>
internal interface IBatchLoader : IAsyncDisposable
{
    /// <summary>Loads the batch in one transaction; returns the rows inserted (the rest were duplicates).</summary>
    Task<int> LoadAsync(EncodedBatch batch, CancellationToken cancellationToken);

    /// <summary>Discards the connection after a failure.</summary>
    ValueTask ResetConnectionAsync();
}

using System.Collections.Concurrent;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Instruments;
using FlowSense.Node.Persistence;
using FlowSense.Pipeline.Recording;
using FlowSense.Sinks.PostgreSql.Series;
using FlowSense.Sinks.PostgreSql.TimeSeries;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FlowSense.Node.TimeSeries;

/// <summary>
/// The node's time-series sinks, one <see cref="TimeSeriesSink{TRow}"/> per enabled table (trades, quotes, bars,
/// book_top, features), as the <see cref="ISeriesWriter"/> every symbol actor records into. Started after the
/// migrations (today's and tomorrow's day partitions created ahead, old ones dropped under the retention); closed by
/// the coordinated shutdown after the symbols' snapshot phase, which has flushed them.
/// </summary>
internal sealed class NodeTimeSeries : ISeriesWriter, IAsyncDisposable
{
    private const int DaysAhead = 1;

    private readonly TableWriter<Trade>? _trades;
    private readonly TableWriter<Quote>? _quotes;
    private readonly TableWriter<BarRow>? _bars;
    private readonly TableWriter<BookTopRow>? _bookTop;
    private readonly TableWriter<FeatureRow>? _features;
    private readonly ConcurrentDictionary<TimeFrame, string> _frameNames = new();
    private IReadOnlyList<SinkTableReport>? _closed;

    private NodeTimeSeries(TimeSeriesSinkSettings settings, NpgsqlDataSource dataSource, ILogger logger)
    {
        Settings = settings;
        var options = new TimeSeriesSinkOptions { Capacity = settings.Buffer, BatchSize = settings.BatchSize, FlushInterval = settings.FlushInterval };
        TableWriter<T>? Open<T>(TableSwitch table, ITimeSeriesTable<T> rows) =>
            table.Enabled ? new TableWriter<T>(rows.Name, new TimeSeriesSink<T>(dataSource, rows, options, logger), settings.DropsWhenFull) : null;
        _trades = Open(settings.Trades, new TradesTable());
        _quotes = Open(settings.Quotes, new QuotesTable());
        _bars = Open(settings.Bars, new BarsTable());
        _bookTop = Open(settings.BookTop, new BookTopTable());
        _features = Open(settings.Features, new FeaturesTable());
        Tables = [.. new ITableWriter?[] { _trades, _quotes, _bars, _bookTop, _features }.OfType<ITableWriter>()];
        Recording = new SeriesRecording(this)
        {
            Trades = settings.Trades.Enabled,
            Quotes = settings.Quotes.Enabled,
            Bars = settings.Bars.Enabled,
            BookTopInterval = settings.BookTop.Enabled ? settings.BookTop.Interval : null,
            BookTopDepth = settings.BookTop.Depth,
            FeaturesInterval = settings.Features.Enabled ? settings.Features.Interval : null,
        };
    }

    public TimeSeriesSinkSettings Settings { get; }

    /// <summary>What the symbol actors record, into this writer.</summary>
    public SeriesRecording Recording { get; }

    /// <summary>The enabled tables.</summary>
    public IReadOnlyList<ITableWriter> Tables { get; }

    /// <summary>One line for the start-up log: the tables and what a full buffer does.</summary>
    public string Description => Tables.Count == 0
        ? "Time series: every table switched off (flowsense.persistence.sinks)"
        : $"Time series: {string.Join(", ", Tables.Select(t => t.Table))} into PostgreSQL; a full buffer ({Settings.Buffer:N0} rows per table) " +
          (Settings.DropsWhenFull ? "drops rows, counted" : "slows ingestion") +
          (Settings.RetentionDays > 0 ? $"; day partitions kept {Settings.RetentionDays} days" : "");

    /// <summary>Starts the enabled tables' sinks and prepares their partitions (ahead of time, and the retention).</summary>
    /// <param name="dataSource">The migrated database.</param>
    /// <param name="settings">Which tables, and their limits.</param>
    /// <param name="logger">Where the sinks report outages and rows they could not store.</param>
    /// <param name="cancellationToken">Cancels the partition work.</param>
    public static async Task<NodeTimeSeries> StartAsync(NpgsqlDataSource dataSource, TimeSeriesSinkSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var series = new NodeTimeSeries(settings, dataSource, logger);
        try
        {
            var partitions = new DayPartitions(dataSource);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            foreach (ITableWriter table in series.Tables)
            {
                // Sinks also create a batch's missing days on demand (replays are of past days); these are the live days.
                await partitions.CreateAheadAsync(table.Table, now, DaysAhead, cancellationToken).ConfigureAwait(false);
                if (settings.RetentionDays > 0)
                    await partitions.DropOlderThanAsync(table.Table, DateOnly.FromDateTime(now.UtcDateTime).AddDays(-settings.RetentionDays), cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await series.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return series;
    }

    public bool TryWriteTrade(in Trade trade) => _trades?.TryWrite(trade) ?? true;

    public bool TryWriteQuote(in Quote quote) => _quotes?.TryWrite(quote) ?? true;

    public bool TryWriteBar(InstrumentId instrument, TimeFrame timeFrame, in Bar bar) =>
        _bars?.TryWrite(new BarRow(instrument, _frameNames.GetOrAdd(timeFrame, static f => f.ToString()), bar)) ?? true;

    public bool TryWriteFeatures(InstrumentId instrument, in FeatureSnapshot features) =>
        _features?.TryWrite(new FeatureRow(instrument, features)) ?? true;

    /// <summary>The level arrays are copied into the row: one sample per symbol and interval, not per event.</summary>
    public bool TryWriteBookTop(in EventHeader header, in LevelView levels) =>
        _bookTop?.TryWrite(new BookTopRow(header, levels.BidPrices.ToArray(), levels.BidSizes.ToArray(), levels.AskPrices.ToArray(), levels.AskSizes.ToArray())) ?? true;

    public async ValueTask WaitToWriteAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(Tables.Select(t => t.WaitForParkedAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);

    public Task FlushAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Tables.Select(t => t.FlushAsync(cancellationToken)));

    /// <summary>What each table stored so far (or, once closed, in all).</summary>
    public IReadOnlyList<SinkTableReport> Report() => _closed ?? [.. Tables.Select(t => SinkTableReport.Of(t.Table, t.Counters))];

    /// <summary>Loads what is buffered, stops every sink and returns what each table stored.</summary>
    public async Task<IReadOnlyList<SinkTableReport>> CloseAsync()
    {
        if (_closed is null)
        {
            foreach (ITableWriter table in Tables)
                await table.DisposeAsync().ConfigureAwait(false);
            _closed = [.. Tables.Select(t => SinkTableReport.Of(t.Table, t.Counters))];
        }
        return _closed;
    }

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);
}

/// <summary>What one table stored: rows inserted, merged away as duplicates (replays), dropped (full, when configured to drop), failed.</summary>
public sealed record SinkTableReport(string Table, long Inserted, long Duplicates, long Dropped, long Failed)
{
    internal static SinkTableReport Of(string table, SinkCounters c) => new(table, c.Inserted, c.Duplicates, c.Dropped, c.Failed);
}

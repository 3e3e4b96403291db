namespace FlowSense.Pipeline.Recording;

/// <summary>
/// What symbol actors record as time series, and where to. Trades, quotes and closed bars are recorded as they
/// happen; book tops and features are sampled once per interval of <i>exchange</i> time (see
/// <see cref="ExchangeTimeSampling"/>), so a replay records the same rows however fast it runs.
/// </summary>
/// <param name="Writer">Where the rows go.</param>
public sealed record SeriesRecording(ISeriesWriter Writer)
{
    /// <summary>Record every applied trade.</summary>
    public bool Trades { get; init; } = true;

    /// <summary>Record every applied quote.</summary>
    public bool Quotes { get; init; } = true;

    /// <summary>Record every closed bar, of every time frame.</summary>
    public bool Bars { get; init; } = true;

    /// <summary>The interval book tops are sampled at; null records none.</summary>
    public TimeSpan? BookTopInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Levels per side in a book-top row.</summary>
    public int BookTopDepth { get; init; } = 10;

    /// <summary>The interval features are sampled at; null records none.</summary>
    public TimeSpan? FeaturesInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Writer);
        ArgumentOutOfRangeException.ThrowIfLessThan(BookTopDepth, 1);
        if (BookTopInterval is { } b)
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(b, TimeSpan.Zero, nameof(BookTopInterval));
        if (FeaturesInterval is { } f)
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(f, TimeSpan.Zero, nameof(FeaturesInterval));
    }
}

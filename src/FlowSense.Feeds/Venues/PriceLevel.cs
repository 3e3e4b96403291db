namespace FlowSense.Feeds.Venues;

/// <summary>A price level of a <see cref="VenueBook"/>; the default value (size 0) stands for "no level".</summary>
public readonly record struct PriceLevel(long Price, long Size)
{
    public bool IsEmpty => Size == 0;
}

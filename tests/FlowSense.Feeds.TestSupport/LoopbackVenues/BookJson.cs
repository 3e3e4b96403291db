using System.Globalization;
using System.Text;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.TestSupport.LoopbackVenues;

/// <summary>Writes a replica's book side the way most venues print one: <c>[["price","size"],...]</c>, best first.</summary>
public static class BookJson
{
    public static void AppendSide(StringBuilder json, VenueBook book, Side side, int decimals)
    {
        json.Append('[');
        for (int i = 0; i < book.Count(side); i++)
        {
            var level = book.LevelAt(side, i);
            if (i > 0)
                json.Append(',');
            json.Append(CultureInfo.InvariantCulture,
                $"[\"{FixedPoint.ToDecimal(level.Price, decimals)}\",\"{FixedPoint.ToDecimal(level.Size, decimals)}\"]");
        }
        json.Append(']');
    }
}

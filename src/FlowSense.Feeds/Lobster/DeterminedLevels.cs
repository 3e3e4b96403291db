using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Feeds.Lobster;

/// <summary>
/// Which levels of a LOBSTER orderbook row a rebuilt book can know, and the comparison of those levels.
/// </summary>
/// <remarks>
/// A LOBSTER row shows only the best N levels per side. A book seeded from a row therefore knows a side exactly for
/// every price at or better than that row's N-th (worst shown) price, its <em>boundary</em>, and nothing beyond it;
/// when the row shows fewer than N real levels (dummy prices), the side is known completely and has no boundary.
/// The message file only reports events inside the N-level window, so after a message the book is still exact at
/// every price at or better than the boundary. In the next row, level d (1..N) is <b>determined</b> unless the row's
/// level d lies strictly beyond the boundary and the book's level d is also beyond it or absent: that is exactly a
/// level revealed from below the window (after a level above emptied), which nothing seen so far can tell. Once one
/// level is undetermined, all deeper ones are too. A book level inside the boundary where the row shows one beyond it
/// is a genuine mismatch, not an undetermined level.
/// For a continuous replay, events at a price are all reported only while that price stays inside every row's
/// window, so the boundary is the best (tightest) of the boundaries of all rows seen so far.
/// </remarks>
public static class DeterminedLevels
{
    /// <summary>The boundary a row's side sets (null: the row shows the whole side).</summary>
    public static long? BoundaryOf(ReadOnlySpan<Level> side, int levels) => side.Length == levels ? side[^1].Price : null;

    /// <summary>The tighter of two boundaries on a side (null is no restriction).</summary>
    public static long? Tighter(Side side, long? a, long? b) =>
        a is null ? b : b is null ? a : side == Side.Bid ? Math.Max(a.Value, b.Value) : Math.Min(a.Value, b.Value);

    /// <summary>
    /// Compares the determined levels of <paramref name="truth"/> with the book; returns how many were determined
    /// (and equal) and sets <paramref name="mismatch"/> when a determined level differs.
    /// </summary>
    public static int Compare(Side side, ReadOnlySpan<Level> truth, IBookView book, long? boundary, int levels, out string? mismatch)
    {
        ArgumentNullException.ThrowIfNull(book);
        mismatch = null;
        for (int depth = 0; depth < levels; depth++)
        {
            Level expected = depth < truth.Length ? truth[depth] : default;
            Level actual = book.LevelAt(side, depth);
            bool expectedBeyond = !expected.IsEmpty && IsBeyond(side, expected.Price, boundary);
            bool actualBeyond = actual.IsEmpty || IsBeyond(side, actual.Price, boundary);
            if (expectedBeyond && actualBeyond)
                return depth;
            if (expected.Price != actual.Price || expected.Size != actual.Size)
            {
                mismatch = $"{side} level {depth + 1}: expected {expected.Size}@{expected.Price}, book has {actual.Size}@{actual.Price}";
                return depth;
            }
        }
        return levels;
    }

    /// <summary>
    /// Tallies one side of a transition for a match rate: how many levels of <paramref name="truth"/> are determined,
    /// and how many of those the book holds exactly. Unlike <see cref="Compare"/> it goes on past a mismatch (a wrong
    /// level does not make the deeper ones unknowable); it stops at the first undetermined level, as all deeper ones are.
    /// </summary>
    public static LevelTally Tally(Side side, ReadOnlySpan<Level> truth, IBookView book, long? boundary, int levels)
    {
        ArgumentNullException.ThrowIfNull(book);
        int matched = 0;
        for (int depth = 0; depth < levels; depth++)
        {
            Level expected = depth < truth.Length ? truth[depth] : default;
            Level actual = book.LevelAt(side, depth);
            if (!expected.IsEmpty && IsBeyond(side, expected.Price, boundary) && (actual.IsEmpty || IsBeyond(side, actual.Price, boundary)))
                return new LevelTally(depth, matched);
            matched += expected.Price == actual.Price && expected.Size == actual.Size ? 1 : 0;
        }
        return new LevelTally(levels, matched);
    }

    /// <summary>True when the book's top <paramref name="levels"/> on a side equal the row exactly (prices and sizes).</summary>
    public static bool MatchesFully(Side side, ReadOnlySpan<Level> truth, IBookView book, int levels)
    {
        ArgumentNullException.ThrowIfNull(book);
        for (int depth = 0; depth < levels; depth++)
        {
            Level expected = depth < truth.Length ? truth[depth] : default;
            Level actual = book.LevelAt(side, depth);
            if (expected.Price != actual.Price || expected.Size != actual.Size)
                return false;
        }
        return true;
    }

    private static bool IsBeyond(Side side, long price, long? boundary) =>
        boundary is long b && (side == Side.Bid ? price < b : price > b);
}

/// <summary>Levels of one side that were determined, and how many of them the rebuilt book matched.</summary>
public readonly record struct LevelTally(int Determined, int Matched)
{
    /// <summary>Adds two tallies (sides, transitions).</summary>
    public static LevelTally operator +(LevelTally a, LevelTally b) => new(a.Determined + b.Determined, a.Matched + b.Matched);

    /// <summary>Adds two tallies (the named alternative of <c>+</c>).</summary>
    public static LevelTally Add(LevelTally left, LevelTally right) => left + right;
}

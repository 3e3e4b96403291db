using FlowSense.Feeds.Lobster;
using FlowSense.Feeds.Replay;
using FlowSense.Feeds.Synthetic;
using FlowSense.Feeds.Tests.Lobster;
using FlowSense.Feeds.Tests.Replay;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Synthetic;

/// <summary>
/// Synthetic LOBSTER is the LOBSTER sample repeated: a pass maps to the sample's own events (ids and times aside),
/// each pass ends with the book it started from, passes never share an order id, and the text is one fixed length
/// per pass whatever the reader's buffer.
/// </summary>
public sealed class SyntheticLobsterTests
{
    private static readonly string SamplePath = LobsterSample.Path(LobsterSample.MessageFile);
    private static readonly SyntheticLobster Synthetic = SyntheticLobster.FromSample(SamplePath, LobsterSample.Session);

    [Fact]
    public async Task A_pass_maps_to_the_samples_events_then_closes_its_resting_orders()
    {
        var sample = await ReplayRun.Events(ReplaySource.Lobster(SamplePath, LobsterSample.Session));
        var pass = await ReplayRun.Events(Synthetic.Replay(passes: 1));

        Assert.Equal(Synthetic.EventsPerPass, pass.Count);
        Assert.Equal(sample.Select(Payload), pass.Take(sample.Count).Select(Payload));
        Assert.All(pass.Skip(sample.Count), e => Assert.Equal(OrderAction.Delete, e.AsOrder().Action));
    }

    [Fact]
    public async Task Every_pass_returns_the_book_to_where_it_started()
    {
        var events = await ReplayRun.Events(Synthetic.Replay(passes: 3));
        var book = new L3Book(LobsterSample.Session.Instrument, new BookOptions { CheckSequence = false });
        long perPass = Synthetic.EventsPerPass;
        var refusals = new List<int>();
        for (int pass = 0; pass < 3; pass++)
        {
            int refused = 0;
            foreach (var e in events.Skip((int)(pass * perPass)).Take((int)perPass).Where(e => e.Kind == MarketEventKind.Order))
                refused += book.Apply(e.AsOrder()).IsApplied() ? 0 : 1;
            Assert.Equal(0, book.OrderCount);
            refusals.Add(refused);
        }
        // The sample starts after the open, so it cancels orders it never added: refused alike in every pass.
        Assert.True(refusals[0] > 0);
        Assert.All(refusals, r => Assert.Equal(refusals[0], r));
    }

    [Fact]
    public void The_text_is_the_same_whatever_the_readers_buffer_and_its_length_is_exact()
    {
        using var whole = Synthetic.Open(passes: 2);
        using var pieces = Synthetic.Open(passes: 2);
        var expected = new MemoryStream();
        whole.CopyTo(expected, 1 << 16);
        var actual = new MemoryStream();
        var small = new byte[5];
        for (int n; (n = pieces.Read(small)) > 0;)
            actual.Write(small, 0, n);

        Assert.Equal(whole.Length, expected.Length);
        Assert.Equal(expected.ToArray(), actual.ToArray());
        using var reader = new LobsterMessageReader(new MemoryStream(expected.ToArray()));
        var rows = reader.ReadAll();
        Assert.Equal(0, reader.Malformed.Count);
        Assert.Equal(2 * Synthetic.RowsPerPass, rows.Count);
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.Second.TimeNs - p.First.TimeNs == 1_000), "one row per synthetic microsecond");
        var ids = rows.Where(r => r.Type == LobsterMessageType.Submission).Select(r => r.OrderId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static (MarketEventKind, OrderAction, long, Side, long, long) Payload(MarketEvent e) => e.Kind switch
    {
        MarketEventKind.Order => (e.Kind, e.AsOrder().Action, e.AsOrder().OrderId, e.AsOrder().Side, e.AsOrder().Price, e.AsOrder().Size),
        MarketEventKind.Trade => (e.Kind, 0, 0, 0, e.AsTrade().Price, e.AsTrade().Size),
        _ => (e.Kind, 0, 0, 0, 0, (long)e.AsStatus().Status),
    };
}

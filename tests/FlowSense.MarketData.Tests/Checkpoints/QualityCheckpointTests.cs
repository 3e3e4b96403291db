using System.Buffers;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.Quality;
using FlowSense.MarketData.Tests.Bars;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Checkpoints;

/// <summary>Validators and their counters resume exactly: the same verdicts after a restore, the same counts at the end.</summary>
public class QualityCheckpointTests
{
    private static readonly InstrumentId[] Symbols = [new("TEST", "B"), new("TEST", "A"), new("XTST", "A")];

    [Fact]
    public void Trade_and_bar_validators_with_their_counters_resume_exactly() =>
        Prop.ForAll(
            (from tape in TradeStreams.TapesWithLateTrades().Generator
             from split in Gen.Choose(0, tape.Length)
             select (tape, split)).ToArbitrary(),
            input =>
            {
                Trade[] tape = [.. input.tape.Select((t, i) => t with
                {
                    Header = t.Header with { Instrument = Symbols[i % Symbols.Length] },
                    // Occasional bad prints and jumps, so every issue (and the band's re-anchoring) is exercised.
                    Price = i % 17 == 5 ? -t.Price : i % 11 == 3 ? t.Price * 3 : t.Price,
                })];
                var whole = new Validation();
                var wholeVerdicts = tape.Select(whole.Check).ToList();

                var first = new Validation();
                var verdicts = tape.Take(input.split).Select(first.Check).ToList();
                byte[] checkpoint = first.Checkpoint();
                Validation resumed = Validation.Restore(checkpoint);
                Assert.Equal(checkpoint, resumed.Checkpoint());
                verdicts.AddRange(tape.Skip(input.split).Select(resumed.Check));

                Assert.Equal(wholeVerdicts, verdicts);
                Assert.Equal(whole.BarVerdicts, first.BarVerdicts.Concat(resumed.BarVerdicts));
                Assert.Equivalent(whole.Counters.Snapshot(), resumed.Counters.Snapshot(), strict: true);
                Assert.Equal(whole.Checkpoint(), resumed.Checkpoint());
            }).QuickCheckThrowOnFailure();

    /// <summary>A trade validator and a bar validator (fed per-symbol one-minute bars) sharing one set of counters.</summary>
    private sealed class Validation : IBarSink
    {
        private readonly Dictionary<InstrumentId, TimeBarBuilder> _bars = Symbols.ToDictionary(s => s, _ => new TimeBarBuilder(TimeFrame.OneMinute));
        private InstrumentId _current;

        public Validation()
        {
            Trades = new TradeValidator(Counters, new PriceBandOptions(Window: 6, MinSamples: 3, ReanchorAfter: 3));
            BarChecks = new BarValidator(Counters, TimeFrame.OneMinute, new SplitDetector());
        }

        public QualityCounters Counters { get; } = new();

        public TradeValidator Trades { get; }

        public BarValidator BarChecks { get; }

        public List<QualityVerdict> BarVerdicts { get; } = [];

        public QualityVerdict Check(Trade trade)
        {
            QualityVerdict verdict = Trades.Check(trade);
            _current = trade.Header.Instrument;
            if (verdict.IsAccepted && _bars[_current].Add(trade, out Bar closed))
                OnBar(TimeFrame.OneMinute, closed);
            return verdict;
        }

        public void OnBar(TimeFrame timeFrame, in Bar bar) => BarVerdicts.Add(BarChecks.Check(_current, bar));

        public byte[] Checkpoint()
        {
            var output = new ArrayBufferWriter<byte>();
            var writer = new CheckpointWriter(output);
            Counters.WriteCheckpoint(ref writer);
            Trades.WriteCheckpoint(ref writer);
            BarChecks.WriteCheckpoint(ref writer);
            foreach (InstrumentId symbol in Symbols)
                _bars[symbol].WriteCheckpoint(ref writer);
            writer.Complete();
            return output.WrittenSpan.ToArray();
        }

        public static Validation Restore(byte[] checkpoint)
        {
            var validation = new Validation();
            var reader = new CheckpointReader(checkpoint);
            validation.Counters.RestoreCheckpoint(ref reader);
            validation.Trades.RestoreCheckpoint(ref reader);
            validation.BarChecks.RestoreCheckpoint(ref reader);
            foreach (InstrumentId symbol in Symbols)
                validation._bars[symbol].RestoreCheckpoint(ref reader);
            reader.Complete();
            return validation;
        }
    }
}

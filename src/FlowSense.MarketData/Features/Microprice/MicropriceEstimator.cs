using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.Microprice;

/// <summary>
/// Stoikov's (2018, "The micro-price: a high-frequency estimator of future prices", Quantitative Finance 18(12))
/// estimated micro-price: the limit of expected future mids, P = M + g*(I, S), fitted from an observed quote stream.
/// The state x = (I, S) is the imbalance I = Qb/(Qb+Qa) in n equal buckets and the spread S in ticks (1..k). Each
/// change of the top of book is a transition: without a mid change it counts in Q (x → y); with one, in R (x, ΔM)
/// and T (x → y). Mid changes are kept up to one tick either way (ΔM ∈ {±½, ±1} tick), as in the paper; larger jumps,
/// wider spreads and one-sided books are counted and left out. Every transition is also counted mirrored
/// (I → 1 − I, ΔM → −ΔM), the paper's symmetrisation, which makes the series below converge.
/// <para><see cref="TryFit"/> then solves G¹ = (1 − Q)⁻¹·R·K and B = (1 − Q)⁻¹·T and sums g* = Σ_{i=0..m} Bⁱ·G¹
/// (the paper uses a handful of terms). Observing is O(1) and allocation-free; fitting allocates and is meant
/// for a batch of history (e.g. a previous session), the table it returns is then used per quote in O(1).</para>
/// </summary>
public sealed class MicropriceEstimator : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    // ΔM in half ticks: −2, −1, +1, +2.
    private const int MidChanges = 4;

    private readonly long _tickSize;
    private readonly int _buckets;
    private readonly int _spreads;
    private readonly long[] _stay;     // Q counts, states × states
    private readonly long[] _moves;    // R counts, states × MidChanges
    private readonly long[] _landing;  // T counts, states × states
    private TopOfBook _previous;
    private bool _hasPrevious;

    /// <param name="tickSize">The tick, raw price units.</param>
    /// <param name="imbalanceBuckets">n, equal-width buckets of I in [0, 1].</param>
    /// <param name="maxSpreadTicks">k, the widest spread modelled, in ticks.</param>
    public MicropriceEstimator(long tickSize, int imbalanceBuckets, int maxSpreadTicks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tickSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imbalanceBuckets, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSpreadTicks, 1);
        _tickSize = tickSize;
        _buckets = imbalanceBuckets;
        _spreads = maxSpreadTicks;
        int states = imbalanceBuckets * maxSpreadTicks;
        _stay = new long[states * states];
        _moves = new long[states * MidChanges];
        _landing = new long[states * states];
    }

    public long Transitions { get; private set; }

    /// <summary>States left out: one-sided, crossed or locked, off the tick grid, or wider than k ticks.</summary>
    public long OutOfModelStates { get; private set; }

    /// <summary>Transitions whose mid moved more than one tick.</summary>
    public long LargeMidChanges { get; private set; }

    /// <summary>Takes the next top-of-book state (repeats are not transitions).</summary>
    public void Observe(in TopOfBook book)
    {
        if (_hasPrevious && book == _previous)
            return;
        int to = StateOf(book);
        if (to < 0)
        {
            OutOfModelStates++;
            _hasPrevious = false;
            return;
        }
        if (_hasPrevious)
            Count(StateOf(_previous), to, book.BidPrice + book.AskPrice - _previous.BidPrice - _previous.AskPrice);
        _previous = book;
        _hasPrevious = true;
    }

    /// <summary>Writes the transition counts gathered so far and the last state, so fitting can go on after a restart.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.MicropriceEstimator, CheckpointVersion);
        writer.WriteInt64(_tickSize);
        writer.WriteInt64(_buckets);
        writer.WriteInt64(_spreads);
        writer.WriteBoolean(_hasPrevious);
        CheckpointFields.Write(ref writer, _previous);
        writer.WriteInt64(Transitions);
        writer.WriteInt64(OutOfModelStates);
        writer.WriteInt64(LargeMidChanges);
        writer.WriteInt64s(_stay);
        writer.WriteInt64s(_moves);
        writer.WriteInt64s(_landing);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.MicropriceEstimator, CheckpointVersion);
        reader.ReadExpected(_tickSize, "the tick size");
        reader.ReadExpected(_buckets, "the imbalance buckets");
        reader.ReadExpected(_spreads, "the spread states");
        _hasPrevious = reader.ReadBoolean();
        _previous = CheckpointFields.ReadTopOfBook(ref reader);
        Transitions = reader.ReadInt64();
        OutOfModelStates = reader.ReadInt64();
        LargeMidChanges = reader.ReadInt64();
        reader.ReadInt64s(_stay);
        reader.ReadInt64s(_moves);
        reader.ReadInt64s(_landing);
        reader.EndSection();
    }

    /// <summary>Fits g*(I, S) with <paramref name="terms"/> powers of B beyond G¹.</summary>
    /// <returns>False when 1 − Q is singular: some observed state never led to a mid change.</returns>
    public bool TryFit(int terms, out MicropriceTable table)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(terms);
        int states = _buckets * _spreads;
        // Augmented system (1 − Q) · [G¹ | B] = [R·K | T], one row per state, normalised by the state's transitions.
        int width = 1 + states;
        var system = new double[states, states + width];
        for (int x = 0; x < states; x++)
        {
            long total = 0;
            for (int y = 0; y < states; y++)
                total += _stay[x * states + y];
            for (int j = 0; j < MidChanges; j++)
                total += _moves[x * MidChanges + j];

            system[x, x] = 1.0;
            if (total == 0)
                continue;   // never observed: no flow, G¹ = 0 and no landing.
            for (int y = 0; y < states; y++)
            {
                system[x, y] -= _stay[x * states + y] / (double)total;
                system[x, states + 1 + y] = _landing[x * states + y] / (double)total;
            }
            double expectedMove = 0;
            for (int j = 0; j < MidChanges; j++)
                expectedMove += _moves[x * MidChanges + j] * HalfTicksOf(j) * 0.5;
            system[x, states] = expectedMove / total;
        }

        if (!GaussJordan.Solve(system, states, width))
        {
            table = null!;
            return false;
        }

        var g1 = new double[states];
        for (int x = 0; x < states; x++)
            g1[x] = system[x, states];
        var g = (double[])g1.Clone();
        var next = new double[states];
        for (int term = 0; term < terms; term++)
        {
            for (int x = 0; x < states; x++)
            {
                double sum = g1[x];
                for (int y = 0; y < states; y++)
                    sum += system[x, states + 1 + y] * g[y];
                next[x] = sum;
            }
            (g, next) = (next, g);
        }
        table = new MicropriceTable(_tickSize, _buckets, _spreads, g);
        return true;
    }

    /// <summary>The model state (bucket-major) of a book, or −1 when it is out of the model.</summary>
    internal int StateOf(in TopOfBook book) => MicropriceTable.StateOf(book, _tickSize, _buckets, _spreads);

    private void Count(int from, int to, long twiceMidChange)
    {
        // twiceMidChange is 2ΔM in raw units; in half ticks it is 2ΔM / tick.
        long halfTicks = twiceMidChange / _tickSize;
        int mirrorFrom = Mirror(from);
        int mirrorTo = Mirror(to);
        int states = _buckets * _spreads;
        Transitions++;
        if (halfTicks == 0)
        {
            _stay[from * states + to]++;
            _stay[mirrorFrom * states + mirrorTo]++;
            return;
        }
        if (halfTicks is < -2 or > 2)
        {
            LargeMidChanges++;
            return;
        }
        _moves[from * MidChanges + IndexOf(halfTicks)]++;
        _moves[mirrorFrom * MidChanges + IndexOf(-halfTicks)]++;
        _landing[from * states + to]++;
        _landing[mirrorFrom * states + mirrorTo]++;
    }

    private int Mirror(int state)
    {
        int bucket = state / _spreads;
        int spread = state % _spreads;
        return (_buckets - 1 - bucket) * _spreads + spread;
    }

    private static int IndexOf(long halfTicks) => halfTicks < 0 ? (int)halfTicks + 2 : (int)halfTicks + 1;

    private static int HalfTicksOf(int index) => index < 2 ? index - 2 : index - 1;
}

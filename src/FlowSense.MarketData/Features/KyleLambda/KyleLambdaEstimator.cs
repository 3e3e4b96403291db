using FlowSense.MarketData.Features.RollingWindows;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.KyleLambda;

/// <summary>
/// Kyle's lambda, the price impact of order flow (Kyle 1985), estimated in trade time as the rolling OLS slope of
/// mid log returns on signed square-root volume (the square-root form follows Hasbrouck 2009) over the last N trades.
/// <para>Observation k: x_k = q_k·√v_k (q the trade sign, v the raw size) and y_k = ln(m_{k+1} / m_k), where m_k
/// is the mid prevailing at trade k: the return runs from one trade to the next, so it includes the quote's
/// reaction to trade k. Units: log return per √(raw size unit). An observation is completed when the next trade
/// arrives. Trades without a sign or a two-sided quote are counted in <see cref="Skipped"/> and open no
/// observation; an open observation whose next trade has no two-sided quote cannot be closed and is counted in
/// <see cref="Dropped"/>. Warm-up: <see cref="IsReady"/> once N observations are in the window.</para>
/// </summary>
public sealed class KyleLambdaEstimator : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly RollingRegression _regression;
    private double _openFlow;
    private double _openMid = double.NaN;

    /// <param name="window">N, the trades in the regression.</param>
    public KyleLambdaEstimator(int window) => _regression = new RollingRegression(window);

    public bool IsReady => _regression.IsFull;

    /// <summary>λ, the slope; NaN until two observations with different flows exist.</summary>
    public double Lambda => _regression.Slope;

    public int Observations => _regression.Count;

    public long Skipped { get; private set; }

    public long Dropped { get; private set; }

    /// <param name="sign">+1 buy, −1 sell, 0 unknown.</param>
    /// <param name="size">Raw size, &gt; 0.</param>
    /// <param name="mid">The mid prevailing at the trade (NaN without a two-sided quote).</param>
    /// <summary>Writes the open observation (signed √volume and mid of the last trade) and the regression sums.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.KyleLambdaEstimator, CheckpointVersion);
        writer.WriteDouble(_openFlow);
        writer.WriteDouble(_openMid);
        writer.WriteInt64(Skipped);
        writer.WriteInt64(Dropped);
        _regression.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.KyleLambdaEstimator, CheckpointVersion);
        _openFlow = reader.ReadDouble();
        _openMid = reader.ReadDouble();
        Skipped = reader.ReadInt64();
        Dropped = reader.ReadInt64();
        _regression.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }

    public void OnTrade(int sign, long size, double mid)
    {
        bool midKnown = mid > 0;
        if (!double.IsNaN(_openMid))
        {
            if (midKnown)
                _regression.Add(_openFlow, Math.Log(mid / _openMid));
            else
                Dropped++;
        }

        if (sign == 0 || !midKnown || size <= 0)
        {
            Skipped++;
            _openMid = double.NaN;
            return;
        }
        _openFlow = sign * Math.Sqrt(size);
        _openMid = mid;
    }
}

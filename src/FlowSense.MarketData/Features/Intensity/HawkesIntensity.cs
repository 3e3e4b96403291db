using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.Intensity;

/// <summary>Parameters of a univariate Hawkes process with an exponential kernel.</summary>
/// <param name="Baseline">μ, events per second.</param>
/// <param name="Jump">α, the intensity each event adds, events per second.</param>
/// <param name="Decay">β, per second; the excitation halves every ln 2 / β seconds. α/β &lt; 1 for a stationary process.</param>
public readonly record struct HawkesParameters(double Baseline, double Jump, double Decay);

/// <summary>
/// The conditional intensity of a Hawkes process with exponential kernel (Hawkes 1971),
/// λ(t) = μ + Σ_{t_i ≤ t} α·e^{−β(t − t_i)}, for given parameters (they are not estimated here). The sum is carried
/// recursively, S_i = e^{−β(t_i − t_{i−1})}·S_{i−1} + α, so each event and each query costs O(1). No warm-up: λ = μ
/// before the first event. Times that go backwards are counted and treated as the latest time seen.
/// </summary>
public sealed class HawkesIntensity : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly HawkesParameters _parameters;
    private double _excitation;
    private long _lastEventNs = long.MinValue;

    public HawkesIntensity(HawkesParameters parameters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameters.Baseline);
        ArgumentOutOfRangeException.ThrowIfNegative(parameters.Jump);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameters.Decay);
        _parameters = parameters;
    }

    public long Events { get; private set; }

    public long OutOfOrder { get; private set; }

    public void OnEvent(long timeNs)
    {
        _excitation = ExcitationAt(Clamp(timeNs)) + _parameters.Jump;
        _lastEventNs = Math.Max(timeNs, _lastEventNs);
        Events++;
    }

    /// <summary>λ(t) in events per second, events stamped at t included.</summary>
    public double At(long timeNs) => _parameters.Baseline + ExcitationAt(Math.Max(timeNs, _lastEventNs));

    /// <summary>Writes the parameters (checked on restore) and the decay state: excitation at the last event, and its time.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.HawkesIntensity, CheckpointVersion);
        writer.WriteDouble(_parameters.Baseline);
        writer.WriteDouble(_parameters.Jump);
        writer.WriteDouble(_parameters.Decay);
        writer.WriteDouble(_excitation);
        writer.WriteInt64(_lastEventNs);
        writer.WriteInt64(Events);
        writer.WriteInt64(OutOfOrder);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.HawkesIntensity, CheckpointVersion);
        reader.ReadExpected(_parameters.Baseline, "the baseline μ");
        reader.ReadExpected(_parameters.Jump, "the jump α");
        reader.ReadExpected(_parameters.Decay, "the decay β");
        _excitation = reader.ReadDouble();
        _lastEventNs = reader.ReadInt64();
        Events = reader.ReadInt64();
        OutOfOrder = reader.ReadInt64();
        reader.EndSection();
    }

    private long Clamp(long timeNs)
    {
        if (timeNs >= _lastEventNs)
            return timeNs;
        OutOfOrder++;
        return _lastEventNs;
    }

    private double ExcitationAt(long timeNs) =>
        _lastEventNs == long.MinValue ? 0.0 : _excitation * Math.Exp(-_parameters.Decay * ((timeNs - _lastEventNs) / 1e9));
}

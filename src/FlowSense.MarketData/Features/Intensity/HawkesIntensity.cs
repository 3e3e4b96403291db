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
public sealed class HawkesIntensity
{
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

using Superposition.Randomness;

namespace Superposition.Statistics;

/// <summary>
/// Poisson bootstrap of a mean, online: each added value gets an independent Poisson(1) weight in each of B
/// replicates, and replicate b's mean is Σ w·x / Σ w. Memory is O(B) whatever the number of values (two
/// doubles per replicate), which suits an aggregator streaming 100k results; time is O(B) per value. For many
/// values this agrees with the classic (multinomial) bootstrap of <see cref="Bootstrap.MeanInterval"/>, but the
/// two do not give identical numbers. Deterministic given the seed and the order of <see cref="Add"/> calls
/// (draws come from <c>Seeds.Create(seed, "bootstrap", "poisson")</c>).
/// Values may be +infinity (infinite KL): replicates that gave such a value positive weight have mean
/// +infinity, so a bound is +infinity when more than its tail share of replicates did; never NaN.
/// Not thread-safe.
/// </summary>
public sealed class StreamingMeanBootstrap
{
    private readonly Random _random;
    private readonly double[] _weightSums;
    private readonly double[] _weightedSums;
    private readonly double[] _uniforms;
    private double _sum;
    private bool _sawPositiveInfinity;
    private bool _sawNegativeInfinity;

    /// <param name="seed">Experiment seed; the stream of weights is derived from it.</param>
    /// <param name="replicates">Bootstrap replicates B (default <see cref="Bootstrap.DefaultResamples"/>).</param>
    /// <param name="confidence">Coverage of <see cref="Interval"/> (default 0.95).</param>
    public StreamingMeanBootstrap(int seed, int replicates = Bootstrap.DefaultResamples, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        Statistics.Interval.CheckConfidence(confidence, nameof(confidence));
        _random = Seeds.Create(seed, "bootstrap", "poisson");
        _weightSums = new double[replicates];
        _weightedSums = new double[replicates];
        _uniforms = new double[replicates];
        Confidence = confidence;
    }

    public double Confidence { get; }

    /// <summary>Number of values added.</summary>
    public long Count { get; private set; }

    /// <summary>The plain mean of the values added (+infinity if any is); NaN before the first value.</summary>
    public double Mean => Count == 0 ? double.NaN : _sum / Count;

    /// <summary>Adds one value (one item, e.g. one prompt's KL).</summary>
    /// <exception cref="ArgumentException">The value is NaN, or infinite with the opposite sign of an earlier one.</exception>
    public void Add(double value)
    {
        MeanInputs.Check(value, Count, ref _sawPositiveInfinity, ref _sawNegativeInfinity, nameof(value));
        Uniforms.Fill(_random, _uniforms);
        var finite = double.IsFinite(value);
        for (var b = 0; b < _weightSums.Length; b++)
        {
            var weight = PoissonOneSampler.FromUniform(_uniforms[b]);

            // An infinite value with weight 0 must add nothing (0·infinity is NaN).
            if (finite || weight > 0)
            {
                _weightSums[b] += weight;
                _weightedSums[b] += weight * value;
            }
        }

        _sum += value;
        Count++;
    }

    /// <summary>
    /// The percentile interval of the replicate means at <see cref="Confidence"/>. Replicates in which every
    /// value drew weight 0 (probability e^−n) have no mean and are left out.
    /// </summary>
    /// <exception cref="InvalidOperationException">No value has been added yet.</exception>
    public Interval Interval()
    {
        var means = new List<double>(_weightSums.Length);
        for (var b = 0; b < _weightSums.Length; b++)
        {
            if (_weightSums[b] > 0)
            {
                means.Add(_weightedSums[b] / _weightSums[b]);
            }
        }

        return means.Count == 0
            ? throw new InvalidOperationException("No bootstrap replicate has any weight yet: add values before asking for an interval.")
            : Percentile.Of([.. means], Confidence);
    }
}

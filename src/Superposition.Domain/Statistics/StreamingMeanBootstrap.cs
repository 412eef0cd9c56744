using Superposition.Randomness;

namespace Superposition.Statistics;

/// <summary>
/// Poisson bootstrap of the means of one or more values per item, online: each added item gets an independent
/// Poisson(1) weight in each of B replicates, shared by all its values, and replicate b's mean of value j is
/// Σ w·x_j / Σ w. Sharing the weight pairs the replicates of every value of an item (a replicate of the mean P of
/// each task, and of the KLs, resamples the same prompts), so a statistic of several means (such as the
/// calibration exponent fitted to the mean P of each task) can be bootstrapped from <see cref="ReplicateMeans"/>.
/// Memory is O(B·values) whatever the number of items, which suits an aggregator streaming 100k results; time is
/// O(B·values) per item. For many items this agrees with the classic (multinomial) bootstrap of
/// <see cref="Bootstrap.MeanInterval"/>, but the two do not give identical numbers. Deterministic given the seed
/// and the order of <see cref="Add(ReadOnlySpan{double})"/> calls (draws come from
/// <c>Seeds.Create(seed, "bootstrap", "poisson")</c>).
/// Values may be +infinity (infinite KL): replicates that gave such a value positive weight have mean +infinity,
/// so a bound is +infinity when more than its tail share of replicates did; never NaN. Not thread-safe.
/// </summary>
public sealed class StreamingMeanBootstrap
{
    private readonly Random _random;
    private readonly int _values;
    private readonly double[] _weightSums;
    private readonly double[] _weightedSums; // replicate-major: [b * values + j]
    private readonly double[] _uniforms;
    private readonly double[] _sums;
    private readonly bool[] _sawPositiveInfinity;
    private readonly bool[] _sawNegativeInfinity;

    /// <param name="seed">Experiment seed; the stream of weights is derived from it.</param>
    /// <param name="replicates">Bootstrap replicates B (default <see cref="Bootstrap.DefaultResamples"/>).</param>
    /// <param name="confidence">Coverage of <see cref="Interval()"/> (default 0.95).</param>
    /// <param name="values">Values per item (default 1).</param>
    public StreamingMeanBootstrap(int seed, int replicates = Bootstrap.DefaultResamples, double confidence = 0.95, int values = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(values, 1);
        Statistics.Interval.CheckConfidence(confidence, nameof(confidence));
        _random = Seeds.Create(seed, "bootstrap", "poisson");
        _values = values;
        _weightSums = new double[replicates];
        _weightedSums = new double[replicates * values];
        _uniforms = new double[replicates];
        _sums = new double[values];
        _sawPositiveInfinity = new bool[values];
        _sawNegativeInfinity = new bool[values];
        Confidence = confidence;
    }

    public double Confidence { get; }

    /// <summary>Values per item.</summary>
    public int Values => _values;

    /// <summary>Replicates B.</summary>
    public int Replicates => _weightSums.Length;

    /// <summary>Number of items added.</summary>
    public long Count { get; private set; }

    /// <summary>The plain mean of value 0 (the only one of a scalar bootstrap); NaN before the first item.</summary>
    public double Mean => MeanOf(0);

    /// <summary>The plain mean of value <paramref name="value"/> over the items added (+infinity if any is); NaN before the first item.</summary>
    public double MeanOf(int value)
    {
        CheckValue(value);
        return Count == 0 ? double.NaN : _sums[value] / Count;
    }

    /// <summary>Adds one item with a single value (a bootstrap of one value per item).</summary>
    /// <exception cref="ArgumentException">The value is NaN, or infinite with the opposite sign of an earlier one.</exception>
    public void Add(double value)
    {
        if (_values == 1)
        {
            MeanInputs.Check(value, Count, ref _sawPositiveInfinity[0], ref _sawNegativeInfinity[0], nameof(value));
        }

        Add([value]);
    }

    /// <summary>Adds one item's values (one per value index, e.g. one prompt's KLs and probabilities).</summary>
    /// <exception cref="ArgumentException">Not one value per index, a NaN, or an infinity of the opposite sign of an earlier one.</exception>
    public void Add(ReadOnlySpan<double> values)
    {
        if (values.Length != _values)
        {
            throw new ArgumentException($"{values.Length} values for a bootstrap of {_values} per item.", nameof(values));
        }

        for (var j = 0; j < _values; j++)
        {
            MeanInputs.Check(values[j], Count, ref _sawPositiveInfinity[j], ref _sawNegativeInfinity[j], nameof(values));
        }

        Uniforms.Fill(_random, _uniforms);
        for (var b = 0; b < _weightSums.Length; b++)
        {
            var weight = PoissonOneSampler.FromUniform(_uniforms[b]);
            if (weight == 0)
            {
                continue;
            }

            _weightSums[b] += weight;
            var row = b * _values;
            for (var j = 0; j < _values; j++)
            {
                _weightedSums[row + j] += weight * values[j];
            }
        }

        for (var j = 0; j < _values; j++)
        {
            _sums[j] += values[j];
        }

        Count++;
    }

    /// <summary>The percentile interval of value 0's replicate means at <see cref="Confidence"/>.</summary>
    /// <exception cref="InvalidOperationException">No item has been added yet.</exception>
    public Interval Interval() => IntervalOf(0);

    /// <summary>
    /// The percentile interval of value <paramref name="value"/>'s replicate means at <see cref="Confidence"/>.
    /// Replicates in which every item drew weight 0 (probability e^−n) have no mean and are left out.
    /// </summary>
    /// <exception cref="InvalidOperationException">No item has been added yet.</exception>
    public Interval IntervalOf(int value)
    {
        var means = ReplicateMeans(value).Where(m => !double.IsNaN(m)).ToArray();
        return means.Length == 0
            ? throw new InvalidOperationException("No bootstrap replicate has any weight yet: add values before asking for an interval.")
            : Percentile.Of(means, Confidence);
    }

    /// <summary>
    /// Every replicate's mean of value <paramref name="value"/>, in replicate order; NaN for a replicate in which
    /// every item drew weight 0. Replicate b of two bootstraps fed the same items in the same order, with the same
    /// seed, resamples the same items.
    /// </summary>
    public double[] ReplicateMeans(int value)
    {
        CheckValue(value);
        var means = new double[_weightSums.Length];
        for (var b = 0; b < means.Length; b++)
        {
            means[b] = _weightSums[b] > 0 ? _weightedSums[(b * _values) + value] / _weightSums[b] : double.NaN;
        }

        return means;
    }

    private void CheckValue(int value) => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)value, (uint)_values, nameof(value));
}

using Superposition.Distributions;
using Superposition.Metrics;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Statistics;

namespace Superposition.Summaries;

/// <summary>
/// Aggregates an experiment's result documents one at a time, in memory that grows with the number of models
/// and distributions but not with the number of results (running sums and Poisson-bootstrap replicates), under
/// each measure the results carry: P(answer + "\n") and the prefix-inclusive P(answer). The calibration exponent
/// of each measure gets its interval by refitting β to the bootstrap replicates of the mean probabilities. The
/// bootstrap draws depend on the order of <see cref="Add"/>; callers feed results in a fixed order (blob names
/// are listed in lexicographic order) so that a summary is reproducible.
/// </summary>
public sealed class SummaryBuilder
{
    private readonly ExperimentSpec _spec;
    private readonly Dictionary<(string Model, string Distribution), Accumulator> _groups = [];

    public SummaryBuilder(ExperimentSpec spec)
    {
        _spec = spec ?? throw new ArgumentNullException(nameof(spec));
    }

    /// <summary>Results added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one result; a result of another experiment or other tasks is rejected, naming it.</summary>
    public void Add(PromptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Experiment != _spec.Name)
        {
            throw new ArgumentException($"Result of experiment '{result.Experiment}' added to the summary of '{_spec.Name}'.", nameof(result));
        }

        if (!result.Tasks.SequenceEqual(_spec.Tasks))
        {
            throw new ArgumentException($"Result for {result.Model}/{result.Distribution}/{result.PromptIndex} has tasks {string.Join(", ", result.Tasks)}, the spec {string.Join(", ", _spec.Tasks)}.", nameof(result));
        }

        var key = (result.Model, result.Distribution);
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new Accumulator(_spec.Tasks.Count, Randomness.Seeds.Derive(_spec.Seed, "summary", result.Model, result.Distribution), _spec.Polya?.Alpha);
            _groups.Add(key, group);
        }

        group.Add(result);
        Count++;
    }

    /// <summary>The summary of everything added.</summary>
    /// <param name="generatedAt">Time stamp to record.</param>
    /// <param name="parameterCount">Parameters of a model, from configuration; null when unknown.</param>
    public ExperimentSummary Build(DateTimeOffset generatedAt, Func<string, double?>? parameterCount = null)
    {
        var distributionOrder = _spec.Distributions.Select(d => d.Name).ToList();
        var models = _groups.Keys.Select(k => k.Model).Distinct(StringComparer.Ordinal)
            .Select(model =>
            {
                var distributions = _groups.Where(g => g.Key.Model == model)
                    .OrderBy(g => Rank(distributionOrder, g.Key.Distribution)).ThenBy(g => g.Key.Distribution, StringComparer.Ordinal)
                    .Select(g => (Summary: g.Value.Summarize(g.Key.Distribution), Source: g.Value))
                    .ToList();
                return new ModelSummary(
                    model,
                    parameterCount?.Invoke(model),
                    [.. distributions.Select(d => d.Summary)],
                    Exponent(distributions, AnswerMeasure.Terminated),
                    Exponent(distributions, AnswerMeasure.Prefix),
                    Across(distributions, AnswerMeasure.Terminated),
                    Across(distributions, AnswerMeasure.Prefix));
            })
            .OrderBy(m => m.ParameterCount ?? double.PositiveInfinity)
            .ThenBy(m => m.Model, StringComparer.Ordinal)
            .ToList();
        return new ExperimentSummary(ExperimentSummary.CurrentVersion, _spec.Name, _spec.Tasks, Count, generatedAt.ToUniversalTime(), models);
    }

    private static int Rank(List<string> order, string name)
    {
        var index = order.IndexOf(name);
        return index < 0 ? int.MaxValue : index;
    }

    private ExponentSummary? Exponent(IReadOnlyList<(DistributionSummary Summary, Accumulator Source)> distributions, AnswerMeasure measure)
    {
        var mixtures = distributions
            .Where(d => d.Summary.Of(measure) is not null)
            .Select(d => d.Source.Means(measure, d.Summary))
            .ToList();
        if (mixtures.Count < 2)
        {
            return null;
        }

        var result = CalibrationExponent.FitOfMeans(mixtures, _spec.Tasks.Count);
        var fit = result.Fit;
        return fit.Identifiable
            ? new ExponentSummary(true, null, fit.Beta, result.BootstrapInterval?.Low, result.BootstrapInterval?.High, fit.TaskBiases, fit.RSquared, fit.Observations, fit.ResidualRms, result.Resamples, result.UnidentifiableResamples)
            : new ExponentSummary(false, fit.Reason, null, null, null, [], null, fit.Observations);
    }

    /// <summary>
    /// The measure's numbers averaged over the distributions that have it, each with the stratified interval of
    /// replicate b of every distribution averaged; null with fewer than two such distributions, as for β.
    /// </summary>
    private static AcrossDistributions? Across(IReadOnlyList<(DistributionSummary Summary, Accumulator Source)> distributions, AnswerMeasure measure)
    {
        var present = distributions.Where(d => d.Summary.Of(measure) is not null).ToList();
        if (present.Count < 2)
        {
            return null;
        }

        MetricSummary Of(Func<MeasureSummary, MetricSummary?> metric, Func<MeasureAccumulator, int> value) =>
            Stratified([.. present.Select(d => (metric(d.Summary.Of(measure)!)!.Mean, d.Source.Replicates(measure, value)))]);
        var polya = present[0].Summary.Of(measure)!.Polya is not null;
        return new AcrossDistributions(
            present.Count,
            present.Sum(d => d.Summary.Of(measure)!.Prompts),
            Of(m => m.KlRaw, _ => MeasureAccumulator.KlRaw),
            Of(m => m.KlNormalized, _ => MeasureAccumulator.KlNormalized),
            Of(m => m.ValidMass, _ => MeasureAccumulator.ValidMass),
            polya ? Of(m => m.Polya?.KlRaw, a => a.PolyaKlRaw) : null,
            polya ? Of(m => m.Polya?.KlNormalized, a => a.PolyaKlNormalized) : null);
    }

    private static MetricSummary Stratified(IReadOnlyList<(double Mean, double[] Replicates)> means)
    {
        var (mean, interval) = StratifiedMean.Of(means);
        return new MetricSummary(mean, interval.Low, interval.High);
    }

    /// <summary>Running sums of one (model, distribution): the prompts' targets and cost, and each measure's numbers.</summary>
    private sealed class Accumulator(int tasks, int seed, double? alpha)
    {
        private readonly double[] _sumTarget = new double[tasks];
        private readonly MeasureAccumulator _terminated = new(tasks, Randomness.Seeds.Derive(seed, "terminated"), alpha);
        private readonly MeasureAccumulator _prefix = new(tasks, Randomness.Seeds.Derive(seed, "prefix"), alpha);
        private int _prompts;
        private ScoringCost _cost = ScoringCost.None;

        public void Add(PromptResult result)
        {
            for (var i = 0; i < tasks; i++)
            {
                _sumTarget[i] += result.Target[i];
            }

            _terminated.Add(result, AnswerMeasure.Terminated);
            _prefix.Add(result, AnswerMeasure.Prefix);
            _prompts++;
            _cost = _cost.Add(result.Cost);
        }

        public DistributionSummary Summarize(string distribution)
        {
            var target = _sumTarget.Select(t => t / _prompts).ToArray();
            var targetSum = target.Sum();
            target = [.. target.Select(t => t / targetSum)];
            return new DistributionSummary(distribution, target, _prompts, _cost, _terminated.Summarize(target), _prefix.Summarize(target));
        }

        public MixtureMeans Means(AnswerMeasure measure, DistributionSummary summary) =>
            Of(measure).Means(summary.Distribution, summary.Target);

        /// <summary>Every bootstrap replicate's mean of one of the measure's values.</summary>
        public double[] Replicates(AnswerMeasure measure, Func<MeasureAccumulator, int> value)
        {
            var accumulator = Of(measure);
            return accumulator.Replicates(value(accumulator));
        }

        private MeasureAccumulator Of(AnswerMeasure measure) => measure == AnswerMeasure.Terminated ? _terminated : _prefix;
    }

    /// <summary>
    /// One measure's running numbers: a Poisson bootstrap of each prompt's KL_raw, KL_norm, valid mass and P per task
    /// (and, with a Pólya α, its KL_raw and KL_norm to the Pólya predictive) with shared weights, so that the mean
    /// P's replicates refit β on the same resampled prompts. The weights do not depend on how many values there are,
    /// so adding the Pólya values leaves every other number as it was.
    /// </summary>
    private sealed class MeasureAccumulator(int tasks, int seed, double? alpha)
    {
        public const int KlRaw = 0;
        public const int KlNormalized = 1;
        public const int ValidMass = 2;
        private const int FirstProbability = 3;

        private readonly int _polyaKlRaw = FirstProbability + tasks;
        private readonly int _polyaKlNormalized = FirstProbability + tasks + 1;

        public int PolyaKlRaw => _polyaKlRaw;

        public int PolyaKlNormalized => _polyaKlNormalized;
        private readonly StreamingMeanBootstrap _bootstrap = new(seed, values: FirstProbability + tasks + (alpha is null ? 0 : 2));
        private readonly double[] _values = new double[FirstProbability + tasks + (alpha is null ? 0 : 2)];
        private readonly double[] _sumPredictive = new double[tasks];
        private int _exact;
        private int _infinite;

        public void Add(PromptResult result, AnswerMeasure measure)
        {
            if (result.Of(measure) is not { } kl)
            {
                return;
            }

            _values[KlRaw] = kl.KlRaw;
            _values[KlNormalized] = kl.KlNormalized;
            _values[ValidMass] = kl.ValidMass;
            for (var i = 0; i < tasks; i++)
            {
                _values[FirstProbability + i] = result.Candidates[i].Of(measure)!.Probability;
            }

            if (alpha is { } a)
            {
                // The prompt's exact integer counts, not Target × N, so the predictive is exactly (n_i + α)/(N + kα).
                var predictive = PolyaPredictive.Of(result.Counts, a);
                var toPolya = result.KlToPolya(measure, a)!;
                _values[_polyaKlRaw] = toPolya.KlRaw;
                _values[_polyaKlNormalized] = toPolya.KlNormalized;
                for (var i = 0; i < tasks; i++)
                {
                    _sumPredictive[i] += predictive[i];
                }
            }

            _bootstrap.Add(_values);
            _exact += kl.Exact ? 1 : 0;
            _infinite += double.IsPositiveInfinity(kl.KlRaw) ? 1 : 0;
        }

        public MeasureSummary? Summarize(IReadOnlyList<double> target)
        {
            if (_bootstrap.Count == 0)
            {
                return null;
            }

            var meanP = MeanProbabilities();
            var ofMean = CalibrationKl.Compute(target, meanP);
            return new MeasureSummary(
                (int)_bootstrap.Count,
                _exact,
                _infinite,
                Metric(KlRaw),
                Metric(KlNormalized),
                Metric(ValidMass),
                ofMean.KlRaw,
                ofMean.KlNormalized,
                meanP,
                Polya(meanP));
        }

        private PolyaComparison? Polya(IReadOnlyList<double> meanP)
        {
            if (alpha is not { } a)
            {
                return null;
            }

            // Renormalised like the mean target: the mean of distributions sums to 1 only up to rounding.
            var sum = _sumPredictive.Sum();
            var meanPredictive = _sumPredictive.Select(p => p / sum).ToArray();
            var ofMean = CalibrationKl.Compute(meanPredictive, meanP);
            return new PolyaComparison(a, Metric(_polyaKlRaw), Metric(_polyaKlNormalized), ofMean.KlRaw, ofMean.KlNormalized, meanPredictive);
        }

        public MixtureMeans Means(string distribution, IReadOnlyList<double> target) =>
            new(distribution, target, MeanProbabilities(), [.. Enumerable.Range(0, tasks).Select(i => _bootstrap.ReplicateMeans(FirstProbability + i))]);

        public double[] Replicates(int value) => _bootstrap.ReplicateMeans(value);

        private double[] MeanProbabilities() => [.. Enumerable.Range(0, tasks).Select(i => Math.Min(1, _bootstrap.MeanOf(FirstProbability + i)))];

        private MetricSummary Metric(int value)
        {
            var interval = _bootstrap.IntervalOf(value);
            return new MetricSummary(_bootstrap.MeanOf(value), interval.Low, interval.High);
        }
    }
}

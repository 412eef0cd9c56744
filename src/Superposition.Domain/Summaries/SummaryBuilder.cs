using Superposition.Metrics;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Statistics;

namespace Superposition.Summaries;

/// <summary>
/// Aggregates an experiment's result documents one at a time, in memory that grows with the number of models
/// and distributions but not with the number of results (running sums and Poisson-bootstrap replicates). The
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
            group = new Accumulator(_spec.Tasks.Count, Randomness.Seeds.Derive(_spec.Seed, "summary", result.Model, result.Distribution));
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
                    .Select(g => g.Value.Summarize(g.Key.Distribution))
                    .ToList();
                return new ModelSummary(model, parameterCount?.Invoke(model), distributions, Exponent(distributions));
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

    private ExponentSummary? Exponent(IReadOnlyList<DistributionSummary> distributions)
    {
        if (distributions.Count < 2)
        {
            return null;
        }

        var observations = distributions.SelectMany(d => d.Target.Select((share, task) => new CalibrationObservation(d.Distribution, task, share, d.MeanProbabilities[task])));
        var fit = CalibrationExponent.Fit(observations, _spec.Tasks.Count);
        return fit.Identifiable
            ? new ExponentSummary(true, null, fit.Beta, fit.BetaInterval?.Low, fit.BetaInterval?.High, fit.TaskBiases, fit.RSquared, fit.Observations)
            : new ExponentSummary(false, fit.Reason, null, null, null, [], null, fit.Observations);
    }

    /// <summary>Running sums of one (model, distribution).</summary>
    private sealed class Accumulator(int tasks, int seed)
    {
        private readonly double[] _sumTarget = new double[tasks];
        private readonly double[] _sumProbability = new double[tasks];
        private readonly StreamingMeanBootstrap _klRaw = new(Randomness.Seeds.Derive(seed, "kl-raw"));
        private readonly StreamingMeanBootstrap _klNormalized = new(Randomness.Seeds.Derive(seed, "kl-normalized"));
        private readonly StreamingMeanBootstrap _validMass = new(Randomness.Seeds.Derive(seed, "valid-mass"));
        private int _prompts;
        private int _exact;
        private int _infinite;
        private ScoringCost _cost = ScoringCost.None;

        public void Add(PromptResult result)
        {
            for (var i = 0; i < tasks; i++)
            {
                _sumTarget[i] += result.Target[i];
                _sumProbability[i] += result.Candidates[i].Probability;
            }

            _klRaw.Add(result.KlRaw);
            _klNormalized.Add(result.KlNormalized);
            _validMass.Add(result.ValidMass);
            _prompts++;
            _exact += result.Exact ? 1 : 0;
            _infinite += double.IsPositiveInfinity(result.KlRaw) ? 1 : 0;
            _cost = _cost.Add(result.Cost);
        }

        public DistributionSummary Summarize(string distribution)
        {
            var target = _sumTarget.Select(t => t / _prompts).ToArray();
            var targetSum = target.Sum();
            target = [.. target.Select(t => t / targetSum)];
            var meanP = _sumProbability.Select(p => Math.Min(1, p / _prompts)).ToArray();
            var ofMean = CalibrationKl.Compute(target, meanP);
            return new DistributionSummary(
                distribution,
                target,
                _prompts,
                _exact,
                _infinite,
                Metric(_klRaw),
                Metric(_klNormalized),
                Metric(_validMass),
                ofMean.KlRaw,
                ofMean.KlNormalized,
                meanP,
                _cost);
        }

        private static MetricSummary Metric(StreamingMeanBootstrap bootstrap)
        {
            var interval = bootstrap.Interval();
            return new MetricSummary(bootstrap.Mean, interval.Low, interval.High);
        }
    }
}

using Superposition.Collapse;
using Superposition.Results;
using Superposition.Specs;

namespace Superposition.Summaries;

/// <summary>
/// Aggregates the run documents of a collapse experiment. Keeps each run's final counts (a few integers per
/// run), not its turns, so memory grows by runs only.
/// </summary>
public sealed class CollapseSummaryBuilder
{
    private readonly ExperimentSpec _spec;
    private readonly IReadOnlyList<int> _initial;
    private readonly Dictionary<string, List<RunOutcome>> _runs = new(StringComparer.Ordinal);

    public CollapseSummaryBuilder(ExperimentSpec spec)
    {
        _spec = spec ?? throw new ArgumentNullException(nameof(spec));
        var options = spec.Collapse ?? throw new ArgumentException($"Experiment '{spec.Name}' is not a collapse experiment.", nameof(spec));
        _initial = options.Initial.Resolve(spec.Tasks.Count);
    }

    public int Count { get; private set; }

    public void Add(CollapseRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Experiment != _spec.Name || !result.Tasks.SequenceEqual(_spec.Tasks))
        {
            throw new ArgumentException($"Run {result.Run} of '{result.Experiment}' ({string.Join(", ", result.Tasks)}) does not belong to '{_spec.Name}'.", nameof(result));
        }

        if (!_runs.TryGetValue(result.Model, out var runs))
        {
            _runs.Add(result.Model, runs = []);
        }

        runs.Add(result.Outcome);
        Count++;
    }

    /// <summary>The seed of a model's beta-urn simulation, so that plots can show the very runs the summary counted.</summary>
    public static int PredictionSeed(ExperimentSpec spec, string model)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Randomness.Seeds.Derive(spec.Seed, "collapse-summary", model);
    }

    /// <summary>The summary; <paramref name="exponent"/> gives a model's fitted calibration exponent, if any.</summary>
    public ExperimentSummary Build(DateTimeOffset generatedAt, Func<string, double?>? parameterCount = null, Func<string, ExponentSummary?>? exponent = null)
    {
        var options = _spec.Collapse!;
        var initial = _initial.Select(c => (double)c).ToArray();
        var models = _runs
            .Select(pair =>
            {
                var fitted = exponent?.Invoke(pair.Key);
                BetaUrnSource? source = null;
                UrnModel? betaUrn = null;
                if (fitted is { Identifiable: true, Beta: { } beta } && options.Calibration is { } calibration
                    && beta is >= 0 and <= UrnModel.MaxBeta && fitted.TaskBiases.Count == _spec.Tasks.Count)
                {
                    source = new BetaUrnSource(calibration, beta, fitted.TaskBiases);
                    betaUrn = new UrnModel(initial, beta, fitted.TaskBiases);
                }

                var seed = PredictionSeed(_spec, pair.Key);
                var report = CollapseAnalysis.Analyze(pair.Value, initial, seed, betaUrn);
                return new CollapseModelSummary(pair.Key, parameterCount?.Invoke(pair.Key), _initial, options.Turns, report, source);
            })
            .OrderBy(m => m.ParameterCount ?? double.PositiveInfinity)
            .ThenBy(m => m.Model, StringComparer.Ordinal)
            .ToList();
        return new ExperimentSummary(ExperimentSummary.CurrentVersion, _spec.Name, _spec.Tasks, Count, generatedAt.ToUniversalTime(), [], models);
    }
}

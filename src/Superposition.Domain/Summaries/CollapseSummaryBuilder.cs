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

    /// <summary>
    /// The summary. <paramref name="calibration"/> gives a model's exponent fitted on a calibration experiment,
    /// with that experiment's tasks, if any; the beta-urn takes the biases by task id. A fit that cannot be used
    /// (other tasks, β not identifiable or out of range) gives no beta-urn but a
    /// <see cref="CollapseModelSummary.BetaUrnProblem"/> saying why; everything else is summarised as usual.
    /// </summary>
    public ExperimentSummary Build(DateTimeOffset generatedAt, Func<string, double?>? parameterCount = null, Func<string, FittedCalibration?>? calibration = null)
    {
        var options = _spec.Collapse!;
        var initial = _initial.Select(c => (double)c).ToArray();
        var models = _runs
            .Select(pair =>
            {
                var (source, problem) = BetaUrn(pair.Key, calibration?.Invoke(pair.Key));
                var betaUrn = source is null ? null : new UrnModel(initial, source.Beta, source.TaskBiases);
                var seed = PredictionSeed(_spec, pair.Key);
                var report = CollapseAnalysis.Analyze(pair.Value, initial, seed, betaUrn);
                return new CollapseModelSummary(pair.Key, parameterCount?.Invoke(pair.Key), _initial, options.Turns, report, source, problem);
            })
            .OrderBy(m => m.ParameterCount ?? double.PositiveInfinity)
            .ThenBy(m => m.Model, StringComparer.Ordinal)
            .ToList();
        return new ExperimentSummary(ExperimentSummary.CurrentVersion, _spec.Name, _spec.Tasks, Count, generatedAt.ToUniversalTime(), [], models);
    }

    /// <summary>The beta-urn's parameters from a model's calibration fit, or why there are none.</summary>
    private (BetaUrnSource? Source, string? Problem) BetaUrn(string model, FittedCalibration? fit)
    {
        if (fit is null)
        {
            return (null, null);
        }

        if (fit.Exponent is not { Identifiable: true, Beta: { } beta })
        {
            return (null, $"the calibration exponent of {model} in calibration experiment '{fit.Experiment}' is not identifiable ({fit.Exponent.Reason})");
        }

        if (!(beta >= 0 && beta <= UrnModel.MaxBeta))
        {
            return (null, FormattableString.Invariant($"β = {beta:G4} of {model} in calibration experiment '{fit.Experiment}' lies outside [0, {UrnModel.MaxBeta}], where the urn is defined"));
        }

        if (fit.TaskMismatch(_spec.Name, _spec.Tasks) is { } mismatch)
        {
            return (null, mismatch);
        }

        var biases = fit.TaskBiasesFor(_spec.Name, _spec.Tasks);
        if (biases.Any(b => !double.IsFinite(b) || Math.Abs(b) > UrnModel.MaxBias))
        {
            return (null, FormattableString.Invariant($"a task bias of {model} in calibration experiment '{fit.Experiment}' lies outside ±{UrnModel.MaxBias}, where the urn is defined"));
        }

        return (new BetaUrnSource(fit.Experiment, beta, biases), null);
    }
}

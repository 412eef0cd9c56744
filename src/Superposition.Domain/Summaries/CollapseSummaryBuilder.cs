using Superposition.Collapse;
using Superposition.Results;
using Superposition.Specs;

namespace Superposition.Summaries;

/// <summary>
/// Aggregates the run documents of a collapse experiment, one group per (model, initial setting): run r is of
/// setting r / R. Keeps each run's final counts (a few integers per run), not its turns, so memory grows by runs
/// only.
/// </summary>
public sealed class CollapseSummaryBuilder
{
    private readonly ExperimentSpec _spec;
    private readonly CollapseSpec _options;
    private readonly IReadOnlyList<IReadOnlyList<int>> _initial;
    private readonly Dictionary<(string Model, int Setting), List<RunOutcome>> _runs = [];

    public CollapseSummaryBuilder(ExperimentSpec spec)
    {
        _spec = spec ?? throw new ArgumentNullException(nameof(spec));
        _options = spec.Collapse ?? throw new ArgumentException($"Experiment '{spec.Name}' is not a collapse experiment.", nameof(spec));
        _initial = [.. _options.Initial.Select(i => i.Resolve(spec.Tasks.Count))];
    }

    public int Count { get; private set; }

    public void Add(CollapseRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Experiment != _spec.Name || !result.Tasks.SequenceEqual(_spec.Tasks))
        {
            throw new ArgumentException($"Run {result.Run} of '{result.Experiment}' ({string.Join(", ", result.Tasks)}) does not belong to '{_spec.Name}'.", nameof(result));
        }

        if (result.Run < 0 || result.Run >= _options.TotalRuns)
        {
            throw new ArgumentException($"Run {result.Run} of {result.Model} is outside runs 0..{_options.TotalRuns - 1} of '{_spec.Name}' ({_options.Initial.Count} initial setting(s) × {_options.Runs} runs).", nameof(result));
        }

        var key = (result.Model, _options.SettingOf(result.Run));
        if (!_runs.TryGetValue(key, out var runs))
        {
            _runs.Add(key, runs = []);
        }

        runs.Add(result.Outcome);
        Count++;
    }

    /// <summary>
    /// The seed of a model's beta-urn simulation under an initial setting, so that plots can show the very runs the
    /// summary counted. Setting 0 keeps the seed summaries had before there were several settings.
    /// </summary>
    public static int PredictionSeed(ExperimentSpec spec, string model, int setting = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return setting == 0
            ? Randomness.Seeds.Derive(spec.Seed, "collapse-summary", model)
            : Randomness.Seeds.Derive(spec.Seed, "collapse-summary", model, setting.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The summary. <paramref name="calibration"/> gives a model's exponent fitted on a calibration experiment,
    /// with that experiment's tasks, if any; the beta-urn takes the biases by task id. A fit that cannot be used
    /// (other tasks, β not identifiable or out of range) gives no beta-urn but a
    /// <see cref="CollapseModelSummary.BetaUrnProblem"/> saying why; everything else is summarised as usual. One
    /// summary per (model, initial setting), ordered by model, then setting.
    /// </summary>
    public ExperimentSummary Build(DateTimeOffset generatedAt, Func<string, double?>? parameterCount = null, Func<string, FittedCalibration?>? calibration = null)
    {
        var alpha = _spec.Polya?.Alpha;
        var models = _runs
            .Select(pair =>
            {
                var (model, setting) = pair.Key;
                var counts = _initial[setting];
                var (source, problem) = BetaUrn(model, calibration?.Invoke(model));

                // With a Pólya comparison the calibrated urn is the Bayes-optimal one and starts at n + α; the
                // beta-urn keeps n, because its β and biases were fitted against D ∝ n.
                var urnInitial = CalibratedUrnStart.Of(counts, alpha);
                var betaUrn = source is null ? null : new UrnModel(CalibratedUrnStart.Of(counts, null), source.Beta, source.TaskBiases);
                var seed = PredictionSeed(_spec, model, setting);
                var report = CollapseAnalysis.Analyze(pair.Value, urnInitial, seed, betaUrn);
                return new CollapseModelSummary(model, parameterCount?.Invoke(model), counts, _options.Turns, report, source, problem, setting, urnInitial, alpha);
            })
            .OrderBy(m => m.ParameterCount ?? double.PositiveInfinity)
            .ThenBy(m => m.Model, StringComparer.Ordinal)
            .ThenBy(m => m.Setting)
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

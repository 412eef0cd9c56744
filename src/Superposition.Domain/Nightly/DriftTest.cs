using Superposition.Randomness;
using Superposition.Statistics;

namespace Superposition.Nightly;

/// <summary>
/// The nightly drift test: is a run's headline number (mean KL_raw, KL_norm or valid mass of P(answer + "\n") over
/// prompts) different from a baseline run's beyond sampling error? For each model × distribution × measure ×
/// baseline, the difference of means (run − baseline) gets a percentile bootstrap interval with
/// <see cref="Resamples"/> = 2000 resamples:
/// <list type="bullet">
/// <item>paired (resample prompts, each with its two values) when both runs scored the same prompts, i.e. the same
/// prompt ids (<see cref="PromptMeasure.IdOf"/>: same spec and seed), which removes the prompt-to-prompt spread
/// both runs share; otherwise unpaired (resample each run's prompts on their own);</item>
/// <item>prompts whose value is infinite in either run (a KL with a task at probability 0) are left out and counted
/// in <see cref="DriftComparison.Excluded"/>: an infinite difference has no interval;</item>
/// <item>with fewer than <see cref="MinimumPrompts"/> = 10 prompts the comparison is not tested (never flagged):
/// a percentile bootstrap of so few values is too coarse;</item>
/// <item>the level is 1 − α/m, m the comparisons tested for the run that night (Bonferroni), so that the chance of
/// any false flag in a night stays below α;</item>
/// <item>flagged when the interval excludes 0.</item>
/// </list>
/// Each comparison's bootstrap seed derives from the two run ids, model, distribution and measure, so a re-run of
/// the test gives the same answer.
/// </summary>
public static class DriftTest
{
    /// <summary>Bootstrap resamples per comparison (B).</summary>
    public const int Resamples = Bootstrap.DefaultResamples;

    /// <summary>Fewest prompts (pairs when paired, the smaller sample otherwise) a comparison needs to be tested.</summary>
    public const int MinimumPrompts = 10;

    /// <summary>The measures compared, by the names the reports use.</summary>
    public static IReadOnlyList<(string Name, Func<PromptMeasure, double> Value)> Measures { get; } =
    [
        ("klRaw", p => p.KlRaw),
        ("klNorm", p => p.KlNormalized),
        ("validMass", p => p.ValidMass),
    ];

    /// <summary>
    /// Compares <paramref name="run"/> with each baseline, for every model and distribution of the run and every
    /// measure; returns every comparison, those tested at level 1 − <paramref name="alpha"/>/m.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not in (0, 1).</exception>
    public static DriftReport Run(string experiment, RunMeasures run, IReadOnlyList<DriftBaseline> baselines, double alpha)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(baselines);
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The drift test's α must lie strictly between 0 and 1 (e.g. 0.01).");
        }

        var prepared = new List<Prepared>();
        foreach (var baseline in baselines)
        {
            foreach (var group in run.Groups)
            {
                var other = baseline.Measures.Group(group.Model, group.Distribution);
                foreach (var (name, value) in Measures)
                {
                    prepared.Add(Prepare(run.RunId, group, baseline, other, name, value));
                }
            }
        }

        var m = prepared.Count(p => p.NotTested is null);
        var confidence = m == 0 ? 0 : 1 - (alpha / m);
        var tests = prepared.Select(p => p.NotTested is null ? p.Test(confidence) : p.Untested()).ToList();
        return new DriftReport(DriftReport.CurrentVersion, run.RunId, experiment, alpha, Resamples, MinimumPrompts, m, tests);
    }

    private static Prepared Prepare(string runId, GroupMeasures group, DriftBaseline baseline, GroupMeasures? other, string measure, Func<PromptMeasure, double> value)
    {
        var seed = Seeds.Derive(0, "drift", runId, baseline.Measures.RunId, group.Model, group.Distribution, measure);
        var prepared = new Prepared(group.Model, group.Distribution, measure, baseline.Kind, baseline.Measures.RunId, seed);
        if (other is null)
        {
            return prepared with { Prompts = group.Prompts.Count, NotTested = "the baseline has no results for this model and distribution" };
        }

        var paired = group.Prompts.Select(p => p.Id).ToHashSet(StringComparer.Ordinal).SetEquals(other.Prompts.Select(p => p.Id));
        if (paired)
        {
            var baselineById = other.Prompts.ToDictionary(p => p.Id, StringComparer.Ordinal);
            var pairs = group.Prompts
                .Select(p => (Run: value(p), Baseline: value(baselineById[p.Id])))
                .Where(v => double.IsFinite(v.Run) && double.IsFinite(v.Baseline))
                .ToList();
            prepared = prepared with
            {
                Paired = true,
                Run = [.. pairs.Select(v => v.Run)],
                Baseline = [.. pairs.Select(v => v.Baseline)],
                Excluded = group.Prompts.Count - pairs.Count,
            };
        }
        else
        {
            var a = group.Prompts.Select(value).ToList();
            var b = other.Prompts.Select(value).ToList();
            prepared = prepared with
            {
                Paired = false,
                Run = [.. a.Where(double.IsFinite)],
                Baseline = [.. b.Where(double.IsFinite)],
                Excluded = a.Count(v => !double.IsFinite(v)) + b.Count(v => !double.IsFinite(v)),
            };
        }

        var n = Math.Min(prepared.Run.Length, prepared.Baseline.Length);
        return n < MinimumPrompts
            ? prepared with { NotTested = $"too few prompts ({n} < {MinimumPrompts})" }
            : prepared;
    }

    private sealed record Prepared(string Model, string Distribution, string Measure, string Kind, string BaselineRun, int Seed)
    {
        public bool Paired { get; init; }

        public double[] Run { get; init; } = [];

        public double[] Baseline { get; init; } = [];

        public int Excluded { get; init; }

        public int Prompts { get; init; }

        public string? NotTested { get; init; }

        public DriftComparison Test(double confidence)
        {
            var interval = Paired
                ? MeanDifferenceBootstrap.Paired(Run, Baseline, Seed, Resamples, confidence)
                : MeanDifferenceBootstrap.Unpaired(Run, Baseline, Seed, Resamples, confidence);
            var difference = Run.Average() - Baseline.Average();
            return new DriftComparison(Model, Distribution, Measure, Kind, BaselineRun, Paired, Run.Length, Baseline.Length, Excluded, difference, interval.Low, interval.High, confidence, !interval.Contains(0));
        }

        public DriftComparison Untested() =>
            new(Model, Distribution, Measure, Kind, BaselineRun, Paired, Math.Max(Prompts, Run.Length), Baseline.Length, Excluded, null, null, null, null, false, NotTested);
    }
}

using Superposition.Collapse;
using Superposition.Statistics;
using Superposition.Summaries;

namespace Superposition.Reports.Reading;

/// <summary>
/// What an experiment's summary shows, in at most three sentences with their numbers, for a reader who will not study
/// the table: which model is closest to calibrated and which furthest, how the numbers move with size when sizes are
/// known, and, for multi-turn runs, which models collapse more (or less) than the calibrated urn predicts. Every
/// sentence is computed from the summary; none states a conclusion the numbers do not carry (a size trend is
/// described, not called an improvement, and a test that could not run says so).
/// </summary>
public static class SummaryReading
{
    /// <summary>The level at which a dispersion test's verdict is read: the sweep's findings' level, so both read alike.</summary>
    public const double Level = SweepFindings.Level;

    /// <summary>At most three lines.</summary>
    public static IReadOnlyList<string> Of(ExperimentSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Collapse is { Count: > 0 } collapse ? Collapse(collapse) : Calibration(summary);
    }

    private static List<string> Calibration(ExperimentSummary summary)
    {
        var lines = new List<string>();
        var models = summary.Models.Where(m => m.Across is not null).ToList();
        if (models.Count == 0)
        {
            return lines;
        }

        // Ordered by KL_norm (calibration alone), ties by KL_raw (a model that leaks mass off the answers is further).
        // At the precision shown: two KL_norm of 1e-17 and 0 are both 0.000, and then KL_raw decides.
        var ranked = models.OrderBy(m => Math.Round(m.Across!.KlNormalized.Mean, 3)).ThenBy(m => m.Across!.KlRaw.Mean).ToList();
        var (best, worst) = (ranked[0], ranked[^1]);
        lines.Add(models.Count == 1
            ? $"{best.Model}: KL_norm {Metric(best.Across!.KlNormalized)}, β {Beta(best.Exponent)} (1 is calibrated)."
            : $"Closest to calibrated: {best.Model} (KL_norm {Metric(best.Across!.KlNormalized)}, β {Beta(best.Exponent)}); furthest: {worst.Model} (KL_norm {Metric(worst.Across!.KlNormalized)}, β {Beta(worst.Exponent)}).");

        // Over size only where a size names one model: two regimes at one size (a sweep of both) have no single trend.
        var sized = models.Where(m => m.ParameterCount is not null).OrderBy(m => m.ParameterCount).ToList();
        if (sized.Count >= 2 && sized.DistinctBy(m => m.ParameterCount).Count() == sized.Count)
        {
            var (small, large) = (sized[0], sized[^1]);
            lines.Add($"From the smallest to the largest model ({Parameters(small.ParameterCount)} → {Parameters(large.ParameterCount)} parameters): "
                + $"KL_raw {Number(small.Across!.KlRaw.Mean)} → {Number(large.Across!.KlRaw.Mean)}, β {Beta(small.Exponent)} → {Beta(large.Exponent)}"
                + (Overlap(small.Across.KlRaw, large.Across.KlRaw) ? " (their KL_raw intervals overlap)." : "."));
        }

        var masses = models.Select(m => m.Across!.ValidMass.Mean).ToList();
        lines.Add($"Valid mass (probability on the tasks' answers) {Number(masses.Min())}–{Number(masses.Max())}; KL_norm leaves the rest out, KL_raw counts it.");
        return lines;
    }

    private static List<string> Collapse(IReadOnlyList<CollapseModelSummary> models)
    {
        var lines = new List<string>();
        var observed = models.Select(m => m.Report.Observed.CollapseIndex).ToList();
        var urn = models.Select(m => m.Report.CalibratedUrn.CollapseIndex).ToList();
        lines.Add($"Collapse index (share of runs ≥ 90% one task) {Number(observed.Min())}–{Number(observed.Max())} over {models.Count} model and start rows; the {models[0].UrnName()} predicts {Number(urn.Min())}–{Number(urn.Max())}.");

        var tested = models.Where(m => m.Report.Dispersion is not null).ToList();
        if (tested.Count == 0)
        {
            lines.Add("No dispersion test could run at these sizes.");
        }
        else
        {
            // Rows per verdict, and the models they are of (a model has a row per start).
            var verdicts = tested.GroupBy(m => m.Report.Dispersion!.VerdictAt(Level)).ToDictionary(g => g.Key, g => (Rows: g.Count(), Models: g.Select(m => m.Model).Distinct().ToList()));
            string Named(DispersionVerdict v, string what) =>
                verdicts.TryGetValue(v, out var found) ? $"{what} {found.Rows} ({string.Join(", ", found.Models.Take(4))}{(found.Models.Count > 4 ? ", …" : "")})" : $"{what} 0";
            lines.Add($"Rows against the {models[0].UrnName()} (dispersion test, p < {Number(Level)}): {Named(DispersionVerdict.OverDispersed, "collapse-like")}; {Named(DispersionVerdict.UnderDispersed, "flattened")}; {Named(DispersionVerdict.Consistent, "consistent")}.");
        }

        var untested = models.Count(m => m.Report.Fit.Runs == 0);
        if (untested > 0)
        {
            lines.Add($"The chi-square urn fit tested no run for {untested} of {models.Count} rows: too few runs share a number of task answers at these sizes (the dispersion test does not need that).");
        }

        return lines;
    }

    private static bool Overlap(MetricSummary a, MetricSummary b) => a.Low <= b.High && b.Low <= a.High;

    private static string Metric(MetricSummary m) => $"{Number(m.Mean)} [{Number(m.Low)}, {Number(m.High)}]";

    private static string Beta(ExponentSummary? e) => e is { Identifiable: true, Beta: { } b } ? Number(b) : "–";

    private static string Parameters(double? n) => n is { } v ? v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "?";

    private static string Number(double value) => double.IsPositiveInfinity(value) ? "∞" : NumberText.Of(value, "0.000");
}

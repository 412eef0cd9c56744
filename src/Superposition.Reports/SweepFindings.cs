using Superposition.Collapse;
using Superposition.Scores;
using Superposition.Summaries;
using Superposition.Training;

namespace Superposition.Reports;

/// <summary>
/// The trained sweep's findings as rows, so that the page and the Markdown note show the same numbers: the paper's
/// Fig. 6 over size (one row per model, each measure averaged over D1–D3 with its stratified bootstrap interval,
/// β with its interval), and the regime contrast of the multi-turn runs (how many (model, start) rows each urn's
/// dispersion test rejects, and in which direction).
/// </summary>
internal static class SweepFindings
{
    /// <summary>The level at which a dispersion test's verdict is read.</summary>
    public const double Level = 0.05;

    /// <summary>One model of the Fig. 6 over size table; a measure's numbers are null where it was not taken.</summary>
    /// <param name="Model">The experiment's name for the model.</param>
    /// <param name="Regime">Its training regime; null without a record.</param>
    /// <param name="Size">Its size in the sweep ("l2-w24").</param>
    /// <param name="Parameters">Its parameters; null when unknown.</param>
    /// <param name="PaperKlRaw">KL_raw of the prefix-inclusive P, as the paper's Fig. 6 measured.</param>
    /// <param name="Terminated">KL_raw, KL_norm, valid mass and KL to Pólya of P(answer + "\n").</param>
    /// <param name="Exponent">β of P(answer + "\n"), the exponent the beta-urn takes.</param>
    public sealed record CalibrationRow(
        string Model, RegimeKind? Regime, string Size, double? Parameters, MetricSummary? PaperKlRaw, AcrossDistributions? Terminated, ExponentSummary? Exponent)
    {
        /// <summary>The row of <paramref name="model"/>, with what the caller knows of its regime, size and parameters.</summary>
        public static CalibrationRow Of(ModelSummary model, RegimeKind? regime, string size, double? parameters) =>
            new(model.Model, regime, size, parameters, model.PrefixAcross?.KlRaw, model.Across, model.ExponentOf(AnswerMeasure.Terminated));
    }

    /// <summary>One regime's multi-turn rows, counted by each test's verdict.</summary>
    /// <param name="Regime">The regime; null for models without a record.</param>
    /// <param name="Rows">(model, start) rows.</param>
    /// <param name="VersusUrn">Verdicts of the dispersion test against the calibrated urn (the Pólya urn from n + α).</param>
    /// <param name="VersusBetaUrn">Verdicts of the same test against the beta-urn, over the rows that have one.</param>
    public sealed record RegimeContrast(RegimeKind? Regime, int Rows, VerdictCounts VersusUrn, VerdictCounts VersusBetaUrn);

    /// <summary>How many rows a test found consistent, over-dispersed and under-dispersed.</summary>
    public sealed record VerdictCounts(int Consistent, int OverDispersed, int UnderDispersed)
    {
        public int Tested => Consistent + OverDispersed + UnderDispersed;

        public static VerdictCounts Of(IEnumerable<DispersionTest?> tests)
        {
            var verdicts = tests.OfType<DispersionTest>().Select(t => t.VerdictAt(Level)).ToList();
            return new(
                verdicts.Count(v => v == DispersionVerdict.Consistent),
                verdicts.Count(v => v == DispersionVerdict.OverDispersed),
                verdicts.Count(v => v == DispersionVerdict.UnderDispersed));
        }
    }

    /// <summary>The calibration experiment's models in the page's order.</summary>
    public static IReadOnlyList<CalibrationRow> Calibration(TrainedSweep sweep) =>
        [.. sweep.CalibrationModels.Select(m => CalibrationRow.Of(m, sweep.RegimeOf(m.Model), sweep.SizeOf(m.Model), sweep.ParametersOf(m.Model, m.ParameterCount)))];

    /// <summary>Per regime (page order), the collapse rows counted by verdict.</summary>
    public static IReadOnlyList<RegimeContrast> Contrast(TrainedSweep sweep) =>
        [.. TrainedSweep.Regimes(sweep.CollapseModels.Select(m => sweep.RegimeOf(m.Model))).Select(regime =>
        {
            var rows = sweep.CollapseModels.Where(m => sweep.RegimeOf(m.Model) == regime).ToList();
            return new RegimeContrast(
                regime,
                rows.Count,
                VerdictCounts.Of(rows.Select(r => r.Report.Dispersion)),
                VerdictCounts.Of(rows.Select(r => r.Report.BetaUrnDispersion)));
        })];

    /// <summary>A verdict as the tables write it.</summary>
    public static string Label(DispersionVerdict verdict) => verdict switch
    {
        DispersionVerdict.OverDispersed => "over-dispersed",
        DispersionVerdict.UnderDispersed => "under-dispersed",
        _ => "consistent",
    };
}

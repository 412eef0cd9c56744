using Superposition.Collapse;
using Superposition.Reports.Plots;
using Superposition.Summaries;

namespace Superposition.Reports;

/// <summary>Every plot of one experiment's report, rendered once and shared by the HTML page and the files.</summary>
/// <param name="Fig6">KL by model (the paper's Fig. 6): prefix-inclusive KL_raw, KL_raw and KL_norm of P(answer + "\n"); null when the summary has no calibration results (collapse experiments).</param>
/// <param name="Exponent">ln P against ln D with fitted β; null likewise.</param>
/// <param name="MeanProbabilities">Mean P against D, one per model, keyed by model name.</param>
/// <param name="EqualKl">Equal-KL explainers of each finite mean KL_raw (<see cref="ExplainedKl"/>), keyed by (model, distribution).</param>
/// <param name="CollapseShares">Histogram of final shares against the urns; null without collapse data.</param>
/// <param name="Trajectories">Running shares of a few runs; null without trajectories.</param>
public sealed record ReportPlots(
    RenderedPlot? Fig6,
    RenderedPlot? Exponent,
    IReadOnlyDictionary<string, RenderedPlot> MeanProbabilities,
    IReadOnlyDictionary<(string Model, string Distribution), RenderedPlot> EqualKl,
    RenderedPlot? CollapseShares,
    RenderedPlot? Trajectories)
{
    /// <summary>All plots, in page order.</summary>
    public IEnumerable<RenderedPlot> All
    {
        get
        {
            if (Fig6 is not null)
            {
                yield return Fig6;
            }

            if (Exponent is not null)
            {
                yield return Exponent;
            }

            foreach (var plot in MeanProbabilities.Values)
            {
                yield return plot;
            }

            foreach (var plot in EqualKl.Values)
            {
                yield return plot;
            }

            if (CollapseShares is not null)
            {
                yield return CollapseShares;
            }

            if (Trajectories is not null)
            {
                yield return Trajectories;
            }
        }
    }

    /// <summary>
    /// The KL value the equal-KL explainer shows for a distribution: the prefix-inclusive KL_raw, the one readers
    /// set beside the paper's numbers (and the research note's 1.5), else KL_raw of P(answer + "\n"). A negative
    /// prefix-inclusive KL_raw (answers that are prefixes of others push the valid mass above 1) is no distance to
    /// explain, so the second is shown then.
    /// </summary>
    public static (double Kl, string Label)? ExplainedKl(DistributionSummary distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return distribution.Prefix is { KlRaw.Mean: >= 0 } prefix ? (prefix.KlRaw.Mean, "prefix-inclusive KL_raw")
            : distribution.Terminated is { } terminated ? (terminated.KlRaw.Mean, "KL_raw of P(answer + \\n)")
            : null;
    }

    /// <summary>Renders every plot of the summary (and of the collapse data, when given).</summary>
    public static ReportPlots Render(ExperimentSummary summary, CollapseReportData? collapse)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var models = ModelLabels.Ordered(summary.Models);
        var equal = new Dictionary<(string, string), RenderedPlot>();
        foreach (var model in models)
        {
            foreach (var d in model.Distributions)
            {
                if (ExplainedKl(d) is not { } explained)
                {
                    continue;
                }

                var name = $"equal-kl-{Slug.Of(model.Model)}-{Slug.Of(d.Distribution)}";
                var plot = EqualKlPlot.Render(name, d.Target, explained.Kl, $"{model.Model}, {d.Distribution}, {explained.Label}", summary.Tasks);
                if (plot is not null)
                {
                    equal[(model.Model, d.Distribution)] = plot;
                }
            }
        }

        return new ReportPlots(
            summary.Models.Count == 0 ? null : Fig6KlPlot.Render(summary),
            summary.Models.Count == 0 ? null : ExponentPlot.Render(summary),
            models.ToDictionary(m => m.Model, MeanProbabilityPlot.Render, StringComparer.Ordinal),
            equal,
            collapse is null ? null : CollapseSharesPlot.Render(collapse),
            collapse is null ? null : TrajectoryPlot.Render(collapse));
    }
}

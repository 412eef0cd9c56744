using ScottPlot;
using Superposition.Summaries;

namespace Superposition.Reports.Plots;

/// <summary>
/// Calibration of the trained sweep against model size: three panels, KL_raw, KL_norm and KL_raw to the Pólya
/// predictive, with x = log10 of the parameter count and one series per regime. Each point is one model: the mean
/// over its distributions (D1–D3) of the per-distribution means, with its 95% stratified bootstrap interval
/// (<see cref="ModelSummary.Across"/>, <see cref="Aggregate"/>). Each model is read under P(answer + "\n"), or the
/// prefix-inclusive P where it has only that (<see cref="Measures.PrimaryOf"/>). Models of unknown size, and
/// infinite means, are left out of the plot (the page's table shows them).
/// </summary>
internal static class SweepCalibrationPlot
{
    public const string Name = "sweep-calibration";

    private static readonly (string Title, string YLabel, Func<AcrossDistributions, MetricSummary?> Metric)[] Metrics =
    [
        ("KL_raw(D‖P)", "mean KL_raw over D1–D3 (nats)", a => a.KlRaw),
        ("KL_norm(D‖P): calibration alone", "mean KL_norm over D1–D3 (nats)", a => a.KlNormalized),
        ("KL_raw(Pólya‖P): distance from Bayes-optimal", "mean KL to Pólya over D1–D3 (nats)", a => a.PolyaKlRaw),
    ];

    /// <summary>The plot; null without a model of known size with a KL.</summary>
    public static RenderedPlot? Render(TrainedSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var models = sweep.CalibrationModels.Select(m => (Model: m, Parameters: sweep.ParametersOf(m.Model, m.ParameterCount), Regime: sweep.RegimeOf(m.Model)))
            .Where(m => m.Parameters is not null).ToList();
        var panels = Metrics.Where(p => models.Any(m => Aggregate(m.Model, p.Metric) is not null)).ToList();
        if (panels.Count == 0)
        {
            return null;
        }

        var (width, height) = Fig6KlPlot.PanelSize(panels.Count);
        var plots = panels.Select(p =>
        {
            var plot = PlotStyle.Create(p.Title, SizeAxis.Title, p.YLabel);
            foreach (var regime in TrainedSweep.Regimes(models.Select(m => m.Regime)))
            {
                var points = models.Where(m => m.Regime == regime)
                    .Select(m => Aggregate(m.Model, p.Metric) is { } a ? new SizePoint(m.Parameters!.Value, a.Mean, a.Low, a.High) : null)
                    .OfType<SizePoint>();
                SizeAxis.Series(plot, TrainedSweep.RegimeLabel(regime), RegimeStyle.ColorOf(regime), RegimeStyle.MarkerOf(regime), LinePattern.Solid, points);
            }

            SizeAxis.Apply(plot, [.. models.Select(m => m.Parameters!.Value)]);
            PlotStyle.Legend(plot, Alignment.UpperRight);
            return plot;
        }).ToArray();
        return Figure.Render(Name, "Calibration of the trained sweep by model size", width * plots.Length, height, plots);
    }

    /// <summary>
    /// The model's KL across its distributions under its primary measure, as its summary recorded it; null when
    /// the summary has none (fewer than two distributions, or stored before it was recorded) or its mean is not
    /// finite (some prompt gave a task probability 0).
    /// </summary>
    public static MetricSummary? Aggregate(ModelSummary model, Func<AcrossDistributions, MetricSummary?> metric)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.AcrossOf(Measures.PrimaryOf(model)) is { } across && metric(across) is { } value && double.IsFinite(value.Mean) ? value : null;
    }
}

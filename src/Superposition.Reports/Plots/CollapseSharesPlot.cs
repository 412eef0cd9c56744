using ScottPlot;
using Superposition.Collapse;

namespace Superposition.Reports.Plots;

/// <summary>
/// Where multi-turn runs end: the histogram of the tracked task's final count among the generated task answers
/// (<see cref="CollapseReportData.TrackedTask"/>) beside the calibrated Pólya urn's exact prediction for the
/// same numbers of task answers (Beta-binomial marginal, averaged over runs), its Beta limit, and the fitted
/// beta-urn's simulated histogram, all in the same bins, one per possible count (<see cref="CountBins"/>). When
/// every run has the same number of task answers the axis reads as the share; when some answers joined no task it
/// reads as the count. Collapse shows as mass piled at both ends; a calibrated model stays near the initial share.
/// </summary>
public static class CollapseSharesPlot
{
    public const string Name = "collapse-shares";

    public static RenderedPlot Render(CollapseReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.Validate();
        var task = data.TrackedTask;
        var name = data.Tasks[task];
        var urn = data.UrnInitialCounts;
        var a = urn[task];
        var rest = urn.Sum() - a;
        var bins = new CountBins([.. data.Runs, .. data.BetaUrnRuns ?? []], data.Turns);

        // x of count k: its share k/N when every run has N task answers, else the count itself.
        var scale = bins.Uniform ? bins.Answers : 1.0;
        var title = $"{data.Model}: final {(bins.Uniform ? "share" : "count")} of {name} over {data.Runs.Count} runs";
        var xLabel = bins.Uniform
            ? $"share of {name} among the run's {bins.Answers} task answers"
            : $"count of {name} among the run's {bins.FewestAnswers}–{bins.Answers} task answers";
        var plot = PlotStyle.Create(title, xLabel, "fraction of runs at each count");
        var xs = Enumerable.Range(0, bins.Count).Select(k => k / scale).ToArray();

        var observed = bins.Observed(data.Runs, task);
        var bars = plot.Add.Bars(xs.Zip(observed, (x, y) => new Bar { Position = x, Value = y, Size = 0.9 / scale, FillColor = PlotStyle.ColorOf(0).WithAlpha(0.6), LineWidth = 0 }).ToList());
        bars.LegendText = "observed runs";

        var predicted = bins.Exact(data.Runs, a, rest);
        var exact = plot.Add.Scatter(xs, predicted, PlotStyle.ColorOf(1));
        exact.LegendText = data.PolyaAlpha is null ? "calibrated urn, exact (Beta-binomial)" : "Pólya urn from n + α, exact (Beta-binomial)";
        exact.MarkerSize = 8;
        exact.LineWidth = 2;

        // The limit density of the share, per count of a run of the mean number n̄ of task answers.
        var n = bins.MeanAnswers;
        var grid = Enumerable.Range(1, 199).Select(i => i / 200.0).ToArray();
        var limitValues = grid.Select(share => BetaBinomial.LimitDensity(share, a, rest) / n).ToArray();
        var limit = plot.Add.ScatterLine([.. grid.Select(share => share * n / scale)], limitValues, PlotStyle.ColorOf(2));
        limit.LinePattern = LinePattern.Dashed;
        limit.LineWidth = 2;
        limit.LegendText = bins.Uniform
            ? $"limit Beta({PlotStyle.Short(a)}, {PlotStyle.Short(rest)}) / {bins.Answers}"
            : $"limit Beta({PlotStyle.Short(a)}, {PlotStyle.Short(rest)}) at n̄ = {PlotStyle.Short(Math.Round(n, 1))}";

        var top = observed.Concat(predicted).Concat(limitValues.Where(double.IsFinite)).Max();
        if (data.BetaUrnRuns is { } simulated)
        {
            var beta = bins.Observed(simulated, task);
            top = Math.Max(top, beta.Max());
            var series = plot.Add.Scatter(xs, beta, PlotStyle.ColorOf(3));
            series.LegendText = data.BetaUrnBeta is { } b ? $"beta-urn β = {PlotStyle.Short(b)}, simulated" : "beta-urn, simulated";
            series.MarkerShape = MarkerShape.FilledDiamond;
            series.MarkerSize = 8;
            series.LineWidth = 2;
        }

        var initialShare = data.InitialCounts[task] / data.InitialCounts.Sum();
        var start = plot.Add.VerticalLine(initialShare * n / scale, 1.5f, PlotStyle.Grey, LinePattern.Dotted);
        start.LegendText = bins.Uniform ? $"initial share {PlotStyle.Short(initialShare)}" : $"initial share {PlotStyle.Short(initialShare)} of n̄";
        plot.Axes.SetLimits(-1 / scale, (bins.Answers + 1) / scale, 0, Math.Max(0.05, top * 1.15));
        PlotStyle.Legend(plot, Alignment.UpperRight);
        return Figure.Render(Name, title, PlotStyle.Width, PlotStyle.Height, plot);
    }
}

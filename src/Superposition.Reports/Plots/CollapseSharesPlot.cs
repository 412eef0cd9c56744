using ScottPlot;
using Superposition.Collapse;

namespace Superposition.Reports.Plots;

/// <summary>
/// Where multi-turn runs end: the histogram of the tracked task's final share of the generated task answers
/// (<see cref="CollapseReportData.TrackedTask"/>) beside the calibrated Pólya urn's exact prediction for the
/// same numbers of task answers (Beta-binomial marginal, averaged over runs), its Beta limit density, and the
/// fitted beta-urn's simulated histogram. Collapse shows as mass piled at 0 and 1; a calibrated model stays
/// near the initial share.
/// </summary>
public static class CollapseSharesPlot
{
    public const string Name = "collapse-shares";

    /// <summary>Bins of width 0.05 over [0, 1].</summary>
    public const int Bins = 20;

    public static RenderedPlot Render(CollapseReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.Validate();
        var task = data.TrackedTask;
        var a = data.InitialCounts[task];
        var rest = data.InitialCounts.Sum() - a;
        var title = $"{data.Model}: final share of {data.Tasks[task]} over {data.Runs.Count} runs";
        var plot = PlotStyle.Create(title, $"share of {data.Tasks[task]} among the run's task answers", "fraction of runs per bin (bin width 0.05)");
        var centres = Enumerable.Range(0, Bins).Select(b => (b + 0.5) / Bins).ToArray();

        var observed = Histogram(data.Runs, task);
        var bars = plot.Add.Bars(centres.Zip(observed, (x, y) => new Bar { Position = x, Value = y, Size = 0.9 / Bins, FillColor = PlotStyle.ColorOf(0).WithAlpha(0.6), LineWidth = 0 }).ToList());
        bars.LegendText = "observed runs";

        var predicted = new double[Bins];
        var counted = 0;
        foreach (var run in data.Runs.Where(r => r.TaskAnswers > 0))
        {
            var p = BetaBinomial.Probabilities(run.TaskAnswers, a, rest);
            for (var x = 0; x < p.Length; x++)
            {
                predicted[Bin((double)x / run.TaskAnswers)] += p[x];
            }

            counted++;
        }

        var exact = plot.Add.Scatter(centres, [.. predicted.Select(v => counted == 0 ? 0 : v / counted)], PlotStyle.ColorOf(1));
        exact.LegendText = "calibrated urn, exact (Beta-binomial)";
        exact.MarkerSize = 8;
        exact.LineWidth = 2;

        var grid = Enumerable.Range(1, 199).Select(i => i / 200.0).ToArray();
        var limitValues = grid.Select(x => BetaBinomial.LimitDensity(x, a, rest) / Bins).ToArray();
        var limit = plot.Add.ScatterLine(grid, limitValues, PlotStyle.ColorOf(2));
        limit.LinePattern = LinePattern.Dashed;
        limit.LineWidth = 2;
        limit.LegendText = $"limit Beta({PlotStyle.Short(a)}, {PlotStyle.Short(rest)}) × bin width";

        var top = observed.Concat(predicted.Select(v => counted == 0 ? 0 : v / counted)).Concat(limitValues.Where(double.IsFinite)).Max();
        if (data.BetaUrnRuns is { } simulated)
        {
            var beta = Histogram(simulated, task);
            top = Math.Max(top, beta.Max());
            var series = plot.Add.Scatter(centres, beta, PlotStyle.ColorOf(3));
            series.LegendText = data.BetaUrnBeta is { } b ? $"beta-urn β = {PlotStyle.Short(b)}, simulated" : "beta-urn, simulated";
            series.MarkerShape = MarkerShape.FilledDiamond;
            series.MarkerSize = 8;
            series.LineWidth = 2;
        }

        var initialShare = a / (a + rest);
        var start = plot.Add.VerticalLine(initialShare, 1.5f, PlotStyle.Grey, LinePattern.Dotted);
        start.LegendText = $"initial share {PlotStyle.Short(initialShare)}";
        plot.Axes.SetLimits(0, 1, 0, Math.Max(0.05, top * 1.15));
        PlotStyle.Legend(plot, Alignment.UpperRight);
        return Figure.Render(Name, title, PlotStyle.Width, PlotStyle.Height, plot);
    }

    /// <summary>Fraction of the runs with task answers whose share falls in each bin.</summary>
    internal static double[] Histogram(IReadOnlyList<RunOutcome> runs, int task)
    {
        var counts = new double[Bins];
        var n = 0;
        foreach (var run in runs.Where(r => r.TaskAnswers > 0))
        {
            counts[Bin((double)run.TaskCounts[task] / run.TaskAnswers)]++;
            n++;
        }

        return [.. counts.Select(c => n == 0 ? 0 : c / n)];
    }

    private static int Bin(double share) => Math.Min(Bins - 1, (int)(share * Bins));
}

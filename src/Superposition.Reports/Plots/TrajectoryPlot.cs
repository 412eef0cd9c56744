using ScottPlot;
using Superposition.Collapse;

namespace Superposition.Reports.Plots;

/// <summary>
/// A few runs turn by turn: the tracked task's share of the context (initial examples plus the task answers so
/// far, "other" answers not counted), which is the probability a calibrated model gives that task next. A
/// calibrated run wanders and settles; a collapsing one heads to 0 or 1.
/// </summary>
public static class TrajectoryPlot
{
    public const string Name = "collapse-trajectories";

    /// <summary>The plot, or null when there are no trajectories.</summary>
    public static RenderedPlot? Render(CollapseReportData data, int maxRuns = 8)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.Validate();
        if (data.Trajectories.Count == 0)
        {
            return null;
        }

        var task = data.TrackedTask;
        var title = $"{data.Model}: share of {data.Tasks[task]} in the context, turn by turn";
        var plot = PlotStyle.Create(title, "turn (answers generated)", $"share of {data.Tasks[task]} (examples + answers)");
        var a = data.InitialCounts[task];
        var total = data.InitialCounts.Sum();
        foreach (var (path, r) in data.Trajectories.Take(maxRuns).Select((p, r) => (p, r)))
        {
            var xs = new double[path.Count + 1];
            var ys = new double[path.Count + 1];
            double mine = a, all = total;
            ys[0] = mine / all;
            for (var t = 0; t < path.Count; t++)
            {
                if (path[t] >= 0)
                {
                    all++;
                    mine += path[t] == task ? 1 : 0;
                }

                xs[t + 1] = t + 1;
                ys[t + 1] = mine / all;
            }

            var line = plot.Add.ScatterLine(xs, ys, PlotStyle.ColorOf(r));
            line.LineWidth = 2;
            line.LegendText = $"run {r + 1}";
        }

        var start = plot.Add.HorizontalLine(a / total, 1.5f, PlotStyle.Grey, LinePattern.Dashed);
        start.LegendText = "initial share";
        plot.Axes.SetLimits(0, Math.Max(1, data.Trajectories.Take(maxRuns).Max(p => p.Count)), 0, 1);
        PlotStyle.Legend(plot, Alignment.UpperRight);
        return Figure.Render(Name, title, PlotStyle.Width, PlotStyle.Height, plot);
    }
}

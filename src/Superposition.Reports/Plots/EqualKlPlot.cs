using ScottPlot;
using ScottPlot.TickGenerators;
using Superposition.Metrics;

namespace Superposition.Reports.Plots;

/// <summary>
/// What a KL value means: the target D and distributions of several shapes that all have KL(D‖P) equal to the
/// measured value (<see cref="EqualKlExplainer"/>), as groups of bars, one bar per task.
/// </summary>
public static class EqualKlPlot
{
    /// <summary>The plot, or null when the value cannot be explained (infinite, or fewer than two tasks in D).</summary>
    /// <param name="name">File stem.</param>
    /// <param name="target">D.</param>
    /// <param name="kl">The measured KL (nats).</param>
    /// <param name="what">What was measured, e.g. "model-a, D1, KL_raw".</param>
    /// <param name="tasks">Task ids for the legend.</param>
    public static RenderedPlot? Render(string name, IReadOnlyList<double> target, double kl, string what, IReadOnlyList<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(tasks);
        if (!double.IsFinite(kl) || kl < 0)
        {
            return null;
        }

        var examples = EqualKlExplainer.Explain(target, kl);
        if (examples.Count == 0)
        {
            return null;
        }

        var title = $"Distributions with KL = {PlotStyle.Short(kl)} from D ({what})";
        var plot = PlotStyle.Create(title, "distribution", "probability of each task's answer");
        var groups = new List<(string Label, IReadOnlyList<double> P)> { ("D (target)", target) };
        groups.AddRange(examples.Select(e => (e.Shape, e.Probabilities)));
        var k = target.Count;
        var width = 0.8 / k;
        for (var task = 0; task < k; task++)
        {
            var bars = groups.Select((g, gi) => new Bar
            {
                Position = gi + ((task - ((k - 1) / 2.0)) * width),
                Value = g.P[task],
                Size = width * 0.9,
                FillColor = PlotStyle.ColorOf(task),
                LineWidth = 0,
            }).ToList();
            var series = plot.Add.Bars(bars);
            series.LegendText = task < tasks.Count ? tasks[task] : $"task {task + 1}";
        }

        plot.Axes.Bottom.TickGenerator = new NumericManual(
            [.. Enumerable.Range(0, groups.Count).Select(i => (double)i)],
            [.. groups.Select(g => g.Label)]);
        plot.Axes.SetLimits(-0.6, groups.Count - 0.4, 0, 1.05);
        PlotStyle.Legend(plot, Alignment.UpperRight);
        return Figure.Render(name, title, PlotStyle.Width, PlotStyle.Height, plot);
    }
}

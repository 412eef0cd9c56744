using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;
using Superposition.Training;

namespace Superposition.Reports.Plots;

/// <summary>
/// Held-out loss per line, one panel per regime: x is the line k of a held-out sequence (its k-th line, predicted
/// after k − 1 earlier ones; the query is each sequence's last), y the loss of that line's answer and newline in
/// nats per line. One series per size, in the regime's colour and shaded by size as in the other sweep plots, and the
/// Bayes-optimal loss per line dashed in black: where a size's curve leaves the floor as k grows, it fails at long
/// contexts. The legend stands outside the axes, on the right, so it never hides a point. Only models whose
/// evaluation.json has the per-line losses are drawn.
/// </summary>
internal static class HeldoutByLinePlot
{
    public const string Name = "heldout-by-line";

    /// <summary>Legend text of the Bayes-optimal series.</summary>
    public const string BayesLegend = "Bayes-optimal";

    public static readonly Color BayesColor = Colors.Black;

    /// <summary>The plot; null when no model has per-line losses.</summary>
    public static RenderedPlot? Render(TrainedSweep sweep)
    {
        var panels = Panels(sweep);
        if (panels.Length == 0)
        {
            return null;
        }

        var (width, height) = Fig6KlPlot.PanelSize(panels.Length);
        return Figure.Render(Name, "Held-out loss per line of the sequence, by regime and size", width * panels.Length, height, panels);
    }

    /// <summary>One panel per regime with a model that has per-line losses, in page order.</summary>
    internal static Plot[] Panels(TrainedSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var measured = sweep.Models.Where(m => m.Evaluation?.Heldout.ByLine is { Count: > 0 }).ToList();
        return [.. TrainedSweep.Regimes(measured.Select(m => (RegimeKind?)m.Spec.Regime.Kind)).Select(regime => Panel(sweep, measured, regime))];
    }

    private static Plot Panel(TrainedSweep sweep, IReadOnlyList<TrainedModelRecord> measured, RegimeKind? regime)
    {
        var plot = PlotStyle.Create($"Held-out loss per line: {TrainedSweep.RegimeLabel(regime)}", "line k of the sequence (after k − 1 lines)", "held-out loss (nats per line)");

        // Shades by rank among all the regime's models, so that a size has the same shade here as in the held-out curves.
        var group = sweep.Models.Where(m => m.Spec.Regime.Kind == regime).ToList();
        foreach (var model in measured.Where(m => m.Spec.Regime.Kind == regime))
        {
            var lines = model.Evaluation!.Heldout.ByLine!.Where(l => double.IsFinite(l.Loss)).ToList();
            var series = Line(plot, lines.Select(l => (l.Line, l.Loss)), RegimeStyle.ShadeOf(regime, group.IndexOf(model), group.Count));
            series.LegendText = $"{model.Size} ({ModelLabels.Parameters(model.Parameters)})";
            series.MarkerShape = RegimeStyle.MarkerOf(regime);
        }

        // Every size of a sweep is measured on the same held-out sequences, so their floors coincide; a floor drawn
        // once per distinct set of values keeps a sweep with other sequences honest without repeating the line.
        var floors = measured.Where(m => m.Spec.Regime.Kind == regime)
            .Select(m => m.Evaluation!.Heldout.ByLine!)
            .Where(lines => lines.All(l => l.BayesOptimalLoss is { } b && double.IsFinite(b)))
            .Select(lines => lines.Select(l => (l.Line, l.BayesOptimalLoss!.Value)).ToList())
            .DistinctBy(points => string.Join(";", points))
            .ToList();
        foreach (var floor in floors)
        {
            var series = Line(plot, floor, BayesColor);
            series.LegendText = floors.Count == 1 ? BayesLegend : $"{BayesLegend} ({floors.IndexOf(floor) + 1})";
            series.LinePattern = LinePattern.Dashed;
            series.MarkerSize = 0;
        }

        var last = measured.Where(m => m.Spec.Regime.Kind == regime).Max(m => m.Evaluation!.Heldout.ByLine!.Max(l => l.Line));
        plot.Axes.SetLimitsX(0, last + 1);
        plot.Axes.Bottom.TickGenerator = LineTicks(last);
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = PlotStyle.LegendSize;
        return plot;
    }

    /// <summary>
    /// Ticks on whole lines only (a line 2.5 does not exist): line 1, then every multiple of the first of 1, 2, 5, 10,
    /// 20, … that leaves at most about a dozen ticks.
    /// </summary>
    internal static NumericManual LineTicks(int last)
    {
        var step = new[] { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 }.FirstOrDefault(s => last / s <= 12, Math.Max(1, last / 10));
        var ticks = new[] { 1 }.Concat(Enumerable.Range(1, last / step).Select(i => i * step)).Distinct().ToArray();
        return new NumericManual([.. ticks.Select(t => (double)t)], [.. ticks.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    private static Scatter Line(Plot plot, IEnumerable<(int Line, double Value)> points, Color color)
    {
        var ordered = points.OrderBy(p => p.Line).ToList();
        var series = plot.Add.Scatter(ordered.Select(p => (double)p.Line).ToArray(), ordered.Select(p => p.Value).ToArray(), color);
        series.LineWidth = 2;
        series.MarkerSize = 4;
        return series;
    }
}

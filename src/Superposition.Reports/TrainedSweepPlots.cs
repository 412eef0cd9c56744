using Superposition.Reports.Plots;

namespace Superposition.Reports;

/// <summary>Every plot of the trained sweep's page, rendered once and shared by the page and the files; each null where its data is missing.</summary>
/// <param name="HeldoutCurves">Held-out loss over steps, one line per model.</param>
/// <param name="HeldoutByLine">Held-out loss per line of the sequence, a panel per regime; null when no evaluation has per-line losses.</param>
/// <param name="Calibration">KL_raw, KL_norm and KL to Pólya against size; null without a calibration summary.</param>
/// <param name="Exponent">β against size; null without a fitted β.</param>
/// <param name="Collapse">Collapse index against size beside the urns'; null without a collapse summary.</param>
internal sealed record TrainedSweepPlots(RenderedPlot? HeldoutCurves, RenderedPlot? HeldoutByLine, RenderedPlot? Calibration, RenderedPlot? Exponent, RenderedPlot? Collapse)
{
    /// <summary>The plots there are, in page order.</summary>
    public IEnumerable<RenderedPlot> All => new[] { HeldoutCurves, HeldoutByLine, Calibration, Exponent, Collapse }.OfType<RenderedPlot>();

    public static TrainedSweepPlots Render(TrainedSweep sweep) => new(
        HeldoutCurvePlot.Render(sweep),
        HeldoutByLinePlot.Render(sweep),
        SweepCalibrationPlot.Render(sweep),
        SweepExponentPlot.Render(sweep),
        SweepCollapsePlot.Render(sweep));
}

using Superposition.Reports.Plots;
using Superposition.Summaries;

namespace Superposition.Reports.Tests;

public sealed class ProbeTests
{
    [Fact]
    public void Probe_renders()
    {
        var ms = new MetricSummary(1.5, 1.2, double.PositiveInfinity);
        var d = new DistributionSummary("D1", [0.5, 0.5], 10, 10, 1, ms, ms, new MetricSummary(0.3, 0.2, 0.4), 1.2, 0.1, [0.2, 0.1], Superposition.Scores.ScoringCost.None);
        var s = new ExperimentSummary(1, "x", ["a", "b"], 10, DateTimeOffset.UnixEpoch, [new ModelSummary("m", 7e9, [d], null)]);
        var r = Fig6KlPlot.Render(s);
        File.WriteAllBytes("/tmp/wt-reports-probe.png", r.Png);
        File.WriteAllText("/tmp/wt-reports-probe.svg", r.Svg);
    }
}

using Superposition.Collapse;
using Superposition.Reports.Reading;
using Superposition.Statistics;

namespace Superposition.Reports.Tests.Reading;

public sealed class SummaryReadingTests
{
    [Fact]
    public void A_calibration_summary_reads_in_at_most_three_lines_naming_the_closest_and_furthest_model_with_their_numbers()
    {
        var summary = Samples.Summary;

        var lines = SummaryReading.Of(summary);

        Assert.InRange(lines.Count, 1, 3);
        var ranked = summary.Models.Where(m => m.Across is not null).OrderBy(m => Math.Round(m.Across!.KlNormalized.Mean, 3)).ThenBy(m => m.Across!.KlRaw.Mean).ToList();
        Assert.StartsWith($"Closest to calibrated: {ranked[0].Model} (KL_norm {NumberText.Of(ranked[0].Across!.KlNormalized.Mean, "0.000")}", lines[0], StringComparison.Ordinal);
        Assert.Contains($"furthest: {ranked[^1].Model}", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_size_line_goes_from_the_smallest_to_the_largest_model_with_their_KL_raw_and_beta()
    {
        var lines = SummaryReading.Of(Samples.Summary);

        var sized = Samples.Summary.Models.Where(m => m.ParameterCount is not null && m.Across is not null).OrderBy(m => m.ParameterCount).ToList();
        var line = Assert.Single(lines, l => l.StartsWith("From the smallest", StringComparison.Ordinal));
        Assert.Contains("(500,000,000 → 70,000,000,000 parameters)", line, StringComparison.Ordinal);
        Assert.Contains($"KL_raw {NumberText.Of(sized[0].Across!.KlRaw.Mean, "0.000")} → {NumberText.Of(sized[^1].Across!.KlRaw.Mean, "0.000")}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_models_of_one_size_give_no_size_line_because_no_single_trend_runs_through_them()
    {
        var summary = Samples.Summary with { Models = [.. Samples.Summary.Models.Select(m => m with { ParameterCount = m.ParameterCount is null ? null : 7e9 })] };

        Assert.DoesNotContain(SummaryReading.Of(summary), l => l.StartsWith("From the smallest", StringComparison.Ordinal));
    }

    [Fact]
    public void A_collapse_summary_counts_the_rows_each_dispersion_verdict_has_and_footnotes_an_urn_fit_that_tested_nothing()
    {
        var summary = Samples.CollapseSummary();
        var rows = summary.Collapse!;

        var lines = SummaryReading.Of(summary);

        Assert.InRange(lines.Count, 2, 3);
        Assert.StartsWith($"Collapse index (share of runs ≥ 90% one task) {NumberText.Of(rows.Min(r => r.Report.Observed.CollapseIndex), "0.000")}–", lines[0], StringComparison.Ordinal);
        var over = rows.Count(r => r.Report.Dispersion?.VerdictAt(SummaryReading.Level) == DispersionVerdict.OverDispersed);
        var under = rows.Count(r => r.Report.Dispersion?.VerdictAt(SummaryReading.Level) == DispersionVerdict.UnderDispersed);
        Assert.Contains($"collapse-like {over}", lines[1], StringComparison.Ordinal);
        Assert.Contains($"flattened {under}", lines[1], StringComparison.Ordinal);
        Assert.Equal(rows.Any(r => r.Report.Fit.Runs == 0), lines.Any(l => l.Contains("tested no run", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_urn_fit_that_tested_no_run_is_one_footnote_for_all_such_rows()
    {
        var summary = Samples.CollapseSummary();
        var untested = summary with { Collapse = [.. summary.Collapse!.Select(r => r with { Report = r.Report with { Fit = r.Report.Fit with { Runs = 0 } } })] };

        var footnote = Assert.Single(SummaryReading.Of(untested), l => l.Contains("tested no run", StringComparison.Ordinal));
        Assert.Contains($"for {summary.Collapse!.Count} of {summary.Collapse!.Count} rows", footnote, StringComparison.Ordinal);
    }
}

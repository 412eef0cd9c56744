using System.Globalization;
using Superposition.Collapse;
using Superposition.Summaries;

namespace Superposition.Reports.Tests.Markdown;

public sealed class FindingsMarkdownTests
{
    private static readonly Lazy<string> Text = new(() => ReportWriter.RenderFindings(SweepSamples.Models, SweepSamples.Calibration, SweepSamples.Collapse));

    /// <summary>The rows of the Markdown table under the heading that contains <paramref name="heading"/>, cells trimmed, header first.</summary>
    private static List<string[]> Table(string heading)
    {
        var lines = Text.Value.Split('\n');
        var start = Array.FindIndex(lines, l => l.Contains(heading, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no '{heading}' in\n{Text.Value}");
        return [.. lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|'))
            .Where(l => !l.StartsWith("| ---", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray())];
    }

    /// <summary>"1.234 [1.100, 1.400]" as its three numbers.</summary>
    private static (double Mean, double Low, double High) Interval(string cell)
    {
        var parts = cell.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Split(' ');
        return (Number(parts[0]), Number(parts[1]), Number(parts[2]));
    }

    private static double Number(string text) => text == "∞" ? double.PositiveInfinity : double.Parse(text, CultureInfo.InvariantCulture);

    private static void AssertShown(MetricSummary expected, string cell, string what)
    {
        var (mean, low, high) = Interval(cell);
        foreach (var (e, shown) in new[] { (expected.Mean, mean), (expected.Low, low), (expected.High, high) })
        {
            Assert.True(Math.Abs(e - shown) <= 0.5e-3 + 1e-12, $"{what}: expected {e:R}, shown '{cell}'");
        }
    }

    [Fact]
    public void Fig6_over_size_has_a_row_per_model_with_regime_size_parameters_and_every_measure_with_its_interval()
    {
        var rows = Table("### Fig. 6 over size");

        Assert.Equal(["Regime", "Size", "Parameters", "Paper KL_raw", "KL_raw", "KL_norm", "KL to Pólya, raw", "KL to Pólya, norm", "Valid mass", "β"], rows[0]);
        Assert.Equal(["single-task", "dirichlet", "dirichlet", "regime unknown"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(["l1-w16", "l1-w16", "l3-w56", SweepSamples.Stranger], rows.Skip(1).Select(r => r[1]));
        foreach (var row in rows.Skip(1))
        {
            var name = row[1] == SweepSamples.Stranger ? row[1] : $"train-numbers-{(row[0] == "single-task" ? "single" : "dirichlet")}-{row[1]}";
            var model = SweepSamples.Calibration.Models.Single(m => m.Model == name);
            Assert.Equal(model.ParameterCount is { } p ? p.ToString("N0", CultureInfo.InvariantCulture) : "–", row[2]);
            AssertShown(model.PrefixAcross!.KlRaw, row[3], $"paper KL_raw of {name}");
            AssertShown(model.Across!.KlRaw, row[4], $"KL_raw of {name}");
            AssertShown(model.Across.KlNormalized, row[5], $"KL_norm of {name}");
            AssertShown(model.Across.PolyaKlRaw!, row[6], $"KL to Pólya of {name}");
            AssertShown(model.Across.PolyaKlNormalized!, row[7], $"KL_norm to Pólya of {name}");
            AssertShown(model.Across.ValidMass, row[8], $"valid mass of {name}");
            AssertShown(new MetricSummary(model.Exponent!.Beta!.Value, model.Exponent.Low!.Value, model.Exponent.High!.Value), row[9], $"β of {name}");
        }

        Assert.Contains("α = 1", Text.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_turn_rows_give_each_model_and_start_its_tests_against_both_urns()
    {
        var rows = Table("### Multi-turn runs against the urns");
        var collapse = SweepSamples.Collapse.Collapse!;

        Assert.Equal(collapse.Count + 1, rows.Count);
        Assert.Equal(["Regime", "Size", "Parameters", "Start", "Other rate", "Collapse index", "Urn", "Beta-urn (β)", "Dispersion vs urn", "Dispersion vs beta-urn", "χ² p vs urn (runs)"], rows[0]);
        var single = collapse.Single(m => m.Model == "train-numbers-single-l1-w16").Report;
        var row = rows.Single(r => r[0] == "single-task");
        Assert.Equal("2,2", row[3]);
        Assert.Equal($"{single.Dispersion!.Ratio.ToString("0.00", CultureInfo.InvariantCulture)} ({Statistics.PValueText.Of(single.Dispersion.PValue)})", row[8]);
        Assert.Equal($"{single.BetaUrnDispersion!.Ratio.ToString("0.00", CultureInfo.InvariantCulture)} ({Statistics.PValueText.Of(single.BetaUrnDispersion.PValue)})", row[9]);
        Assert.EndsWith("(1.50)", row[7], StringComparison.Ordinal);

        // The dirichlet models have no fitted β in the sample: no beta-urn and no test against one.
        Assert.All(rows.Where(r => r[0] == "dirichlet"), r => Assert.Equal(("–", "–"), (r[7], r[9])));
        Assert.Contains("100 runs of 20 turns per start", Text.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Regime_contrast_counts_the_verdicts_per_regime()
    {
        var rows = Table("**Regime contrast**");
        var collapse = SweepSamples.Collapse.Collapse!;

        Assert.Equal(["single-task", "dirichlet"], rows.Skip(1).Select(r => r[0]));
        foreach (var (row, prefix) in rows.Skip(1).Zip(new[] { "train-numbers-single-", "train-numbers-dirichlet-" }))
        {
            var mine = collapse.Where(m => m.Model.StartsWith(prefix, StringComparison.Ordinal)).Select(m => m.Report.Dispersion!.VerdictAt()).ToList();
            Assert.Equal(mine.Count.ToString(CultureInfo.InvariantCulture), row[1]);
            Assert.Equal(FormattableString.Invariant($"{mine.Count(v => v == DispersionVerdict.Consistent)} / {mine.Count(v => v == DispersionVerdict.OverDispersed)} / {mine.Count(v => v == DispersionVerdict.UnderDispersed)}"), row[2]);
        }

        Assert.Equal("–", rows.Single(r => r[0] == "dirichlet")[3]);
    }

    [Fact]
    public void Without_the_experiments_there_is_no_table_and_nothing_throws()
    {
        Assert.Equal("", ReportWriter.RenderFindings(SweepSamples.Models, null, null));
        Assert.DoesNotContain("Multi-turn", ReportWriter.RenderFindings(SweepSamples.Models, SweepSamples.Calibration, null), StringComparison.Ordinal);
    }
}

using Superposition.Collapse;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Summaries;

namespace Superposition.Cli.Tests.Output;

public sealed class SummaryTablesTests
{
    private static readonly ExperimentSpec Spec = new()
    {
        Name = "collapse-table",
        Kind = ExperimentKind.Collapse,
        Tasks = ["country.capital", "country.first-letter"],
        Models = ["calibrated"],
        Seed = 1,
        Collapse = new CollapseSpec(new InitialExamples(Counts: [4, 4]), Turns: 40, Runs: 203),
    };

    private static string Written(IEnumerable<RunOutcome> runs)
    {
        var builder = new CollapseSummaryBuilder(Spec);
        var r = 0;
        foreach (var outcome in runs)
        {
            builder.Add(new CollapseRunResult(1, Spec.Name, "calibrated", r++, Spec.Tasks, [4, 4], [], outcome.TaskCounts, outcome.OtherCount, 1.0, ScoringCost.None, DateTimeOffset.UnixEpoch));
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        SummaryTables.Write(new CliConsole(stdout, stderr), builder.Build(DateTimeOffset.UnixEpoch));
        return stdout.ToString();
    }

    [Fact]
    public void Collapse_table_says_how_many_runs_the_chi_square_left_out()
    {
        // Three runs lost three answers each to "other": too few at T = 37 to test, so they are left out.
        var full = UrnSimulator.Simulate(UrnModel.Linear([4, 4]), 40, 200, seed: 2).Runs;
        RunOutcome[] odd = [new([20, 17], 3), new([30, 7], 3), new([1, 36], 3)];

        var text = Written([.. full, .. odd]);

        Assert.Contains("urn fit of calibrated: 200 runs tested; 3 left out, too few of them with the same number of task answers to test", text, StringComparison.Ordinal);
        Assert.Contains(SummaryTables.FitReading, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Collapse_table_says_nothing_of_left_out_runs_when_every_run_was_tested() =>
        Assert.DoesNotContain("left out", Written(UrnSimulator.Simulate(UrnModel.Linear([4, 4]), 40, 200, seed: 3).Runs), StringComparison.Ordinal);

    [Fact]
    public void Collapse_table_labels_each_initial_setting_of_a_model_by_its_counts_and_names_the_Polya_urn()
    {
        var spec = Spec with
        {
            Collapse = Spec.Collapse! with { Initial = new InitialSettings([new InitialExamples(Counts: [4, 4]), new InitialExamples(Counts: [2, 6])], asArray: true), Runs = 100 },
            Polya = new PolyaSpec(1),
        };
        var builder = new CollapseSummaryBuilder(spec);
        var runs = UrnSimulator.Simulate(UrnModel.Linear([4, 4]), 40, 200, seed: 2).Runs;
        for (var r = 0; r < runs.Count; r++)
        {
            builder.Add(new CollapseRunResult(1, spec.Name, "calibrated", r, spec.Tasks, r < 100 ? [4, 4] : [2, 6], [], runs[r].TaskCounts, runs[r].OtherCount, 1.0, ScoringCost.None, DateTimeOffset.UnixEpoch));
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        SummaryTables.Write(new CliConsole(stdout, stderr), builder.Build(DateTimeOffset.UnixEpoch));
        var text = stdout.ToString();

        Assert.Contains("calibrated (counts 4,4)", text, StringComparison.Ordinal);
        Assert.Contains("calibrated (counts 2,6)", text, StringComparison.Ordinal);
        Assert.Contains("urn: the Pólya urn from n + α (α = 1)", text, StringComparison.Ordinal);
    }
}

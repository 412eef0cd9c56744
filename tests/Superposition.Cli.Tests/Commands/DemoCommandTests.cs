using Superposition.Cli.Commands;

namespace Superposition.Cli.Tests.Commands;

[Trait(Needs.Trait, Needs.Demo)]
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("superposition-demo-").FullName;

    public DemoCommandTests() => Needs.Require(Needs.Demo);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Demo_runs_fig6_the_note_mix_collapse_and_the_trained_sweeps_offline_and_writes_reports_with_tables()
    {
        var run = await CliRun.Of("demo", "--out", _folder);

        Assert.Equal(CliApp.Success, run.ExitCode);
        foreach (var experiment in new[] { "fig6-numbers", "fig6-countries", "note-countries", "collapse-note-countries", "trained-numbers-fig6", "trained-numbers-collapse" })
        {
            var report = Path.Combine(_folder, "reports", experiment, "report.html");
            Assert.True(File.Exists(report), $"no report for {experiment}");
            Assert.Contains($"Superposition report: {experiment}", await File.ReadAllTextAsync(report), StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(_folder, "reports", "fig6-numbers", "fig6-kl.png")));
        Assert.True(File.Exists(Path.Combine(_folder, "reports", "fig6-numbers", "results.csv")));
        Assert.True(File.Exists(Path.Combine(_folder, "reports", "collapse-note-countries", "collapse-shares.png")));
        var index = await File.ReadAllTextAsync(Path.Combine(_folder, "reports", "index.html"));
        Assert.Contains("fig6-countries/report.html", index, StringComparison.Ordinal);

        // One table per experiment: the reference models' Fig. 6 numbers with β of both measures as columns (the
        // common "reference-" prefix in the heading), then at most three lines of reading; nothing per model below it.
        Assert.Contains("fig6-numbers: 1500 results", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ sharp\s+│.*│ 3\.000\s+│ 3\.000\s+│", run.Out);
        Assert.Matches(@"│ flat\s+│.*│ 0\.500\s+│ 0\.500\s+│", run.Out);
        Assert.Contains("Closest to calibrated: reference-calibrated", run.Out, StringComparison.Ordinal);
        Assert.Contains("collapse-note-countries: 1000 runs of 30 turns", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("calibration exponent of", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("urn fit of", run.Out, StringComparison.Ordinal);
        var blocks = ReadingBlocks(run.Out).ToList();
        Assert.Equal(6, blocks.Count);
        Assert.All(blocks, block => Assert.InRange(block, 1, 3));

        // The committed trained models, without training, at demo size: 8 models × 3 distributions × 25 prompts,
        // compared with the Pólya predictive; their collapse runs from 3 starting points beside the urn from n + 1.
        Assert.Contains("trained-numbers-fig6: 600 results", run.Out, StringComparison.Ordinal);
        Assert.Contains("KL to Pólya", run.Out, StringComparison.Ordinal);
        Assert.Contains("dirichlet-l3-w56", run.Out, StringComparison.Ordinal);
        Assert.Contains("trained-numbers-collapse: 288 runs of 20 turns", run.Out, StringComparison.Ordinal);
        var sweep = await File.ReadAllTextAsync(Path.Combine(_folder, "reports", DemoCommand.TrainedSweepFolder, "index.html"));
        Assert.Contains("train-numbers-single-l3-w56", sweep, StringComparison.Ordinal);
        Assert.Contains($"{DemoCommand.TrainedSweepFolder}/index.html", index, StringComparison.Ordinal);
        Assert.Contains("Demo done", run.Out, StringComparison.Ordinal);
    }

    /// <summary>The lengths of the blocks of reading lines (indented by two spaces) the demo prints under its tables.</summary>
    private static IEnumerable<int> ReadingBlocks(string output)
    {
        var count = 0;
        foreach (var line in output.Split('\n'))
        {
            // Exactly two spaces: a table's centred title has more.
            if (line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith("   ", StringComparison.Ordinal))
            {
                count++;
            }
            else if (count > 0)
            {
                yield return count;
                count = 0;
            }
        }
    }
}

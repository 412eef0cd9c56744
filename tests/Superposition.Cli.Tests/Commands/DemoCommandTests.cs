namespace Superposition.Cli.Tests.Commands;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("superposition-demo-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Demo_runs_fig6_the_note_mix_and_collapse_offline_and_writes_reports_with_tables()
    {
        var run = await CliRun.Of("demo", "--out", _folder);

        Assert.Equal(CliApp.Success, run.ExitCode);
        foreach (var experiment in new[] { "fig6-numbers", "fig6-countries", "note-countries", "collapse-note-countries" })
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

        // The printed tables: Fig. 6 numbers for the five reference models, β, and the collapse comparison.
        Assert.Contains("fig6-numbers: 1500 results", run.Out, StringComparison.Ordinal);
        Assert.Contains("calibration exponent of reference-sharp, P(answer + \\n): β = 3.000", run.Out, StringComparison.Ordinal);
        Assert.Contains("calibration exponent of reference-flat, P(answer + \\n): β = 0.500", run.Out, StringComparison.Ordinal);
        Assert.Contains("collapse-note-countries: collapse index", run.Out, StringComparison.Ordinal);
        Assert.Contains("Demo done", run.Out, StringComparison.Ordinal);
    }
}

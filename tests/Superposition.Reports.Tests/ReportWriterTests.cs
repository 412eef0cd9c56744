namespace Superposition.Reports.Tests;

public sealed class ReportWriterTests
{
    [Fact]
    public void Write_puts_the_page_every_plot_as_PNG_and_SVG_and_the_CSV_in_the_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "superposition-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = ReportWriter.Write(Samples.Summary, Samples.PromptResults, Samples.Collapse(), folder);
            Assert.Equal(Path.Combine(folder, "report.html"), files.Html);
            Assert.True(File.Exists(files.Html));
            Assert.Equal(Samples.PromptResults.Count + 1, File.ReadAllLines(files.Csv!).Length);
            Assert.Contains(Path.Combine(folder, "fig6-kl.png"), files.Plots);
            Assert.Contains(Path.Combine(folder, "collapse-shares.svg"), files.Plots);
            Assert.Equal(files.Plots.Count(p => p.EndsWith(".png", StringComparison.Ordinal)), files.Plots.Count(p => p.EndsWith(".svg", StringComparison.Ordinal)));
            Assert.All(files.Plots, p => Assert.True(new FileInfo(p).Length > 1000, p));
            Assert.Contains("href=\"results.csv\"", File.ReadAllText(files.Html), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

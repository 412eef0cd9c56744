using Microsoft.Playwright;

namespace Superposition.Reports.Tests.Browser;

/// <summary>The trained sweep's written page opened in headless Chromium: no console error, every image decoded, no sideways scrolling.</summary>
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class ChromiumTrainedSweepTests
{
    [Fact]
    public async Task Trained_sweep_page_renders_in_Chromium_without_console_errors_and_with_every_image_decoded()
    {
        var folder = Path.Combine(Path.GetTempPath(), "superposition-sweep-browser-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = ReportWriter.WriteTrainedSweep(SweepSamples.Models, SweepSamples.Calibration, SweepSamples.Collapse, folder);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await ChromiumReportTests.LaunchAsync(playwright);
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
            var errors = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => errors.Add(error);
            await page.GotoAsync(new Uri(path).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });

            Assert.Equal("Superposition: the trained sweep", await page.TitleAsync());
            var images = await page.EvaluateAsync<int[]>(
                "Promise.all([...document.images].map(i => i.decode().then(() => i.naturalWidth, () => 0)))");
            Assert.Equal(5, images.Length);
            Assert.All(images, width => Assert.True(width > 0, "An image did not decode."));
            var rows = await page.EvaluateAsync<int>("document.querySelectorAll('#training-table tbody tr').length");
            Assert.Equal(SweepSamples.Models.Count, rows);
            var (pageWidth, scrollWidth) = (await page.EvaluateAsync<double>("document.documentElement.clientWidth"), await page.EvaluateAsync<double>("document.documentElement.scrollWidth"));
            Assert.True(scrollWidth <= pageWidth, $"The page scrolls sideways: {scrollWidth} px of content on {pageWidth} px.");
            Assert.Empty(errors);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using Microsoft.Playwright;
using Superposition.Reports.Tests.Html;

namespace Superposition.Reports.Tests.Browser;

/// <summary>
/// The written report opened in headless Chromium through Playwright's bundled driver (no browser download): it
/// renders, every image decodes, every inline SVG has a size, and the headline numbers a reader sees equal the
/// summary's. The browser is found by <see cref="ChromiumExecutable"/>.
/// </summary>
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class ChromiumReportTests
{
    /// <summary>Where the test leaves its full-page screenshot for a person to look at.</summary>
    public static readonly string ScreenshotPath = Path.Combine(Path.GetTempPath(), "superposition-report-screenshot.png");

    [Fact]
    public async Task Report_renders_in_Chromium_with_every_image_decoded_and_the_summary_numbers_shown()
    {
        var folder = Path.Combine(Path.GetTempPath(), "superposition-browser-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = ReportWriter.Write(Samples.Summary, Samples.PromptResults, Samples.Collapse(), folder);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await LaunchAsync(playwright);
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
            await page.GotoAsync(new Uri(files.Html).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });

            Assert.Equal("Superposition report: fig6-numbers", await page.TitleAsync());
            var images = await page.EvaluateAsync<ImageState[]>(
                "Promise.all([...document.images].map(i => i.decode().then(() => ({ Name: i.alt, Complete: i.complete, Width: i.naturalWidth }), () => ({ Name: i.alt, Complete: false, Width: 0 }))))");
            Assert.NotEmpty(images);
            Assert.All(images, i => Assert.True(i.Complete && i.Width > 0, $"Image '{i.Name}' did not load."));
            var svgs = await page.EvaluateAsync<double[]>("[...document.querySelectorAll('figure svg')].map(s => { const r = s.getBoundingClientRect(); return r.width * r.height; })");
            Assert.NotEmpty(svgs);
            Assert.All(svgs, area => Assert.True(area > 10_000, $"An inline SVG has area {area}."));

            var shown = await page.EvaluateAsync<ShownNumber[]>(
                "[...document.querySelectorAll('#headline [data-metric]')].map(e => ({ Metric: e.dataset.metric, Model: e.dataset.model ?? null, Distribution: e.dataset.distribution ?? null, Bound: e.dataset.bound, Text: e.innerText }))");
            var expected = PageNumbers.Expected(Samples.Summary).ToList();
            foreach (var (metric, model, distribution, bound, value) in expected)
            {
                var number = Assert.Single(shown, s => s.Metric == metric && s.Model == model && s.Distribution == distribution && s.Bound == bound);
                PageNumbers.AssertShown(value, number.Text, $"{metric}/{model}/{distribution}/{bound}");
            }

            await page.ScreenshotAsync(new() { Path = ScreenshotPath, FullPage = true });
            Assert.True(new FileInfo(ScreenshotPath).Length > 10_000);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Index_lists_every_experiment_with_results_and_no_table_is_wider_than_the_page()
    {
        var folder = Path.Combine(Path.GetTempPath(), "superposition-browser-" + Guid.NewGuid().ToString("N"));
        try
        {
            // As the demo writes them: a calibration report, a collapse report (runs, no prompt results), the index.
            var collapse = Samples.CollapseSummary();
            var pages = new List<string>
            {
                ReportWriter.Write(Samples.Summary, Samples.PromptResults, null, Path.Combine(folder, "fig6-numbers")).Html,
                ReportWriter.Write(collapse, null, Samples.Collapse(), Path.Combine(folder, "collapse-sample")).Html,
            };
            var index = ReportWriter.WriteIndex([new(Samples.Summary, "fig6-numbers/report.html"), new(collapse, "collapse-sample/report.html")], folder);
            pages.Add(index);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await LaunchAsync(playwright);
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(index).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
            var listed = await page.EvaluateAsync<ListedRow[]>(
                "[...document.querySelectorAll('tr[data-experiment]')].map(r => ({ Experiment: r.dataset.experiment, Href: r.querySelector('a')?.getAttribute('href') ?? '', Text: r.innerText }))");
            Assert.Equal(["collapse-sample", "fig6-numbers"], listed.Select(r => r.Experiment).Distinct().Order(StringComparer.Ordinal));
            Assert.All(listed, r => Assert.DoesNotContain("no results yet", r.Text, StringComparison.Ordinal));
            Assert.All(listed, r => Assert.Equal($"{r.Experiment}/report.html", r.Href));

            // A laptop's width and a wide screen's: tables wrap their headers and intervals rather than run off the page.
            foreach (var width in new[] { 1024, 1600 })
            {
                await page.SetViewportSizeAsync(width, 900);
                foreach (var path in pages)
                {
                    await page.GotoAsync(new Uri(path).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
                    var pageWidth = await page.EvaluateAsync<double>("document.documentElement.clientWidth");
                    var tables = await page.EvaluateAsync<TableBox[]>(
                        "[...document.querySelectorAll('table')].map(t => { const r = t.getBoundingClientRect(); return { Id: t.id, Left: r.left, Right: r.right }; })");
                    Assert.NotEmpty(tables);
                    Assert.All(tables, t => Assert.True(t.Left >= 0 && t.Right <= pageWidth, $"Table '{t.Id}' of {path} spans [{t.Left}, {t.Right}] on a page {pageWidth} px wide."));
                    var scrollWidth = await page.EvaluateAsync<double>("document.documentElement.scrollWidth");
                    Assert.True(scrollWidth <= pageWidth, $"{path} scrolls sideways at {width} px: {scrollWidth} px of content.");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Playwright fills results by property name, so these have setters and JavaScript uses the same names.
    private sealed class ImageState
    {
        public string Name { get; set; } = string.Empty;

        public bool Complete { get; set; }

        public int Width { get; set; }
    }

    private sealed class ShownNumber
    {
        public string Metric { get; set; } = string.Empty;

        public string? Model { get; set; }

        public string? Distribution { get; set; }

        public string Bound { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;
    }

    private sealed class ListedRow
    {
        public string Experiment { get; set; } = string.Empty;

        public string Href { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;
    }

    private sealed class TableBox
    {
        public string Id { get; set; } = string.Empty;

        public double Left { get; set; }

        public double Right { get; set; }
    }

    // Headless Chromium found by ChromiumExecutable (configuration or PATH), without network or first-run chores.
    internal static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumExecutable.Find(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
}

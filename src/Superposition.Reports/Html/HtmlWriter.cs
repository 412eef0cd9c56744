using System.Globalization;
using System.Net;
using System.Text;
using Superposition.Reports.Plots;

namespace Superposition.Reports.Html;

/// <summary>
/// A small builder for self-contained pages: every text taken from data goes through <see cref="Text"/> (HTML
/// escaping), images are embedded (PNG as data: URIs, SVG inline with its ids made unique), CSS is inline.
/// </summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _html = new();
    private int _svgCount;

    public static string Text(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public HtmlWriter Raw(string html)
    {
        _html.Append(html);
        return this;
    }

    public HtmlWriter Line(string html) => Raw(html).Raw("\n");

    public void Begin(string title)
    {
        Line("<!DOCTYPE html>");
        Line("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        Line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        Line($"<title>{Text(title)}</title>");
        Line($"<style>{ReportStyles.Css}</style>");
        Line("</head><body><main>");
    }

    public string End()
    {
        Line("</main></body></html>");
        return _html.ToString();
    }

    /// <summary>A figure with the plot as an embedded PNG and a caption (caption is HTML, built by the caller).</summary>
    public void PngFigure(RenderedPlot plot, string captionHtml)
    {
        Line($"<figure id=\"{Text(plot.Name)}\"><img src=\"data:image/png;base64,{Convert.ToBase64String(plot.Png)}\" width=\"{plot.Width}\" height=\"{plot.Height}\" alt=\"{Text(plot.Title)}\">");
        Line($"<figcaption>{captionHtml}</figcaption></figure>");
    }

    /// <summary>A figure with the plot inline as SVG (scales without blur); its ids get a per-page prefix.</summary>
    public void SvgFigure(RenderedPlot plot, string captionHtml)
    {
        var prefix = $"s{++_svgCount}-";
        var svg = plot.Svg;
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = start < 0 ? svg : svg[start..];
        svg = svg.Replace("id=\"", "id=\"" + prefix, StringComparison.Ordinal)
            .Replace("url(#", "url(#" + prefix, StringComparison.Ordinal)
            .Replace("href=\"#", "href=\"#" + prefix, StringComparison.Ordinal);
        svg = svg.Replace($"width=\"{plot.Width}\" height=\"{plot.Height}\">", $"width=\"{plot.Width}\" height=\"{plot.Height}\" viewBox=\"0 0 {plot.Width} {plot.Height}\" role=\"img\" aria-label=\"{Text(plot.Title)}\">", StringComparison.Ordinal);
        Line($"<figure id=\"{Text(plot.Name)}\" class=\"svg\">{svg}");
        Line($"<figcaption>{captionHtml}</figcaption></figure>");
    }

    /// <summary>A number cell readable by tests: data-metric, data-model, data-distribution, data-bound.</summary>
    public static string Number(double? value, string metric, string? model = null, string? distribution = null, string bound = "mean") =>
        Marked(ReportNumber.Format(value), metric, model, distribution, bound);

    /// <summary>
    /// A p-value readable by tests like <see cref="Number"/>, but with three significant digits: a p of 1e-12 is
    /// a finding that four fixed decimals would print as 0.
    /// </summary>
    public static string PValue(double value, string metric, string? model = null) =>
        Marked(Statistics.PValueText.Of(value), metric, model, null, "mean");

    /// <summary>A count (of runs, prompts, parameters) readable by tests like <see cref="Number"/>.</summary>
    public static string Count(long value, string metric, string? model = null) =>
        Marked(value.ToString(CultureInfo.InvariantCulture), metric, model, null, "mean");

    /// <summary>"mean [low, high]" with each number marked up.</summary>
    public static string Interval(double? mean, double? low, double? high, string metric, string? model = null, string? distribution = null) =>
        $"{Number(mean, metric, model, distribution)} <span class=\"ci\">[{Number(low, metric, model, distribution, "low")}, {Number(high, metric, model, distribution, "high")}]</span>";

    /// <summary>Any shown text (a duration, "n/a") marked up like <see cref="Number"/>.</summary>
    public static string Marked(string shown, string metric, string? model, string? distribution, string bound)
    {
        var attributes = new StringBuilder($" data-metric=\"{Text(metric)}\" data-bound=\"{bound}\"");
        if (model is not null)
        {
            attributes.Append($" data-model=\"{Text(model)}\"");
        }

        if (distribution is not null)
        {
            attributes.Append($" data-distribution=\"{Text(distribution)}\"");
        }

        return $"<span class=\"num\"{attributes}>{Text(shown)}</span>";
    }
}

using System.Text;
using ScottPlot;
using SkiaSharp;

namespace Superposition.Reports.Plots;

/// <summary>
/// Draws one or more ScottPlot panels side by side on one canvas, to PNG (raster surface) and to SVG (Skia's SVG
/// canvas), so that both files always show the same picture. Each panel's legend is first placed where it hides no
/// point (<see cref="LegendPlacement"/>).
/// </summary>
internal static class Figure
{
    public static RenderedPlot Render(string name, string title, int width, int height, params Plot[] panels)
    {
        ArgumentOutOfRangeException.ThrowIfZero(panels.Length);
        foreach (var panel in panels)
        {
            LegendPlacement.Place(panel, PanelWidth(width, panels.Length), height);
        }

        return new RenderedPlot(name, title, width, height, Png(width, height, panels), Svg(width, height, panels)) { Panels = panels };
    }

    private static byte[] Png(int width, int height, Plot[] panels)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Skia could not create a {width}×{height} surface.");
        Draw(surface.Canvas, width, height, panels);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static string Svg(int width, int height, Plot[] panels)
    {
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            Draw(canvas, width, height, panels);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Draw(SKCanvas canvas, int width, int height, Plot[] panels)
    {
        canvas.Clear(SKColors.White);
        var panelWidth = (float)width / panels.Length;
        for (var i = 0; i < panels.Length; i++)
        {
            var rect = new PixelRect(i * panelWidth, (i + 1) * panelWidth, height, 0);

            // A plot clears its canvas before drawing; the clip keeps it from wiping the panels beside it.
            canvas.Save();
            canvas.ClipRect(new SKRect(rect.Left, rect.Top, rect.Right, rect.Bottom));
            panels[i].Render(canvas, rect);
            canvas.Restore();
        }
    }

    /// <summary>The width in whole pixels of each of <paramref name="count"/> panels side by side (Draw gives each width / count).</summary>
    internal static int PanelWidth(int width, int count) => (int)Math.Round((double)width / count);
}

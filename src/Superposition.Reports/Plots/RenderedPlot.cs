namespace Superposition.Reports.Plots;

/// <summary>A plot drawn once, as PNG bytes and SVG text of the same size.</summary>
/// <param name="Name">File stem, unique within a report (e.g. <c>fig6-kl</c>); lower case, digits and dashes.</param>
/// <param name="Title">What the plot shows, in words (also its alt text).</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Png">The PNG file.</param>
/// <param name="Svg">The SVG document (UTF-8 text, with its XML declaration).</param>
public sealed record RenderedPlot(string Name, string Title, int Width, int Height, byte[] Png, string Svg)
{
    /// <summary>The panels as drawn (their legends placed), so that tests can check the drawn geometry.</summary>
    internal IReadOnlyList<ScottPlot.Plot> Panels { get; init; } = [];
}

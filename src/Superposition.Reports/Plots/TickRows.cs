using ScottPlot;
using ScottPlot.TickGenerators;

namespace Superposition.Reports.Plots;

/// <summary>
/// Bottom-axis labels that never overlap: each label goes in the first row where it clears the label before it by
/// <see cref="Gap"/> pixels, as measured in the plot's own tick font at the plot's drawn size; a label in row r is
/// pushed down r label heights (leading blank lines). Labels close together (two models of similar size on a log
/// axis, long names one category apart) stagger instead of colliding; labels far apart stay in one row.
/// </summary>
internal static class TickRows
{
    /// <summary>Least horizontal space between two labels of one row, in pixels.</summary>
    public const float Gap = 8;

    /// <summary>
    /// Sets manual bottom ticks at <paramref name="positions"/> with <paramref name="labels"/> (each of the same
    /// number of lines), staggered for a plot drawn at <paramref name="width"/> × <paramref name="height"/>.
    /// </summary>
    public static void Apply(Plot plot, IReadOnlyList<double> positions, IReadOnlyList<string> labels, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (positions.Count != labels.Count)
        {
            throw new ArgumentException($"{positions.Count} tick positions but {labels.Count} labels.", nameof(labels));
        }

        var rows = new int[labels.Count];

        // Staggering makes the axis taller, which can move the y ticks and so the data area's left edge by a few
        // pixels: lay out again on the drawn plot until the rows stop changing.
        for (var pass = 0; pass < 4; pass++)
        {
            plot.Axes.Bottom.TickGenerator = new NumericManual([.. positions], [.. labels.Select((l, i) => Shifted(l, rows[i]))]);
            plot.GetImage(width, height).Dispose();
            var next = Rows(plot, positions, labels);
            if (next.SequenceEqual(rows))
            {
                return;
            }

            rows = next;
        }

        plot.Axes.Bottom.TickGenerator = new NumericManual([.. positions], [.. labels.Select((l, i) => Shifted(l, rows[i]))]);
    }

    /// <summary>The label's pixel extent along x, centred on its tick, in the plot's tick font, as last drawn.</summary>
    public static (float Left, float Right) Extent(Plot plot, double position, string label)
    {
        using var paint = Paint.NewDisposablePaint();
        var style = plot.Axes.Bottom.TickLabelStyle;
        var width = label.Split('\n').Max(line => line.Length == 0 ? 0 : style.Measure(line, paint).Width);
        var x = plot.GetPixel(new Coordinates(position, 0)).X;
        return (x - (width / 2), x + (width / 2));
    }

    private static int[] Rows(Plot plot, IReadOnlyList<double> positions, IReadOnlyList<string> labels)
    {
        var rows = new int[labels.Count];
        var rowEnds = new List<float>();
        foreach (var i in Enumerable.Range(0, labels.Count).OrderBy(i => positions[i]))
        {
            var (left, right) = Extent(plot, positions[i], labels[i]);
            var row = rowEnds.FindIndex(end => end + Gap <= left);
            if (row < 0)
            {
                rowEnds.Add(right);
                row = rowEnds.Count - 1;
            }
            else
            {
                rowEnds[row] = right;
            }

            rows[i] = row;
        }

        return rows;
    }

    private static string Shifted(string label, int row) => new string('\n', row * (label.Count(c => c == '\n') + 1)) + label;
}

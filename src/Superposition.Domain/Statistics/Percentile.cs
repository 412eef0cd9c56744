namespace Superposition.Statistics;

/// <summary>
/// Percentiles of bootstrap replicates. Written by hand because MathNet's quantiles interpolate as
/// a + h·(b − a), which is NaN when a bound is infinite (∞ − ∞, or 0·∞): replicates of an infinite KL must give
/// an infinite bound, never NaN.
/// </summary>
internal static class Percentile
{
    /// <summary>
    /// The percentile interval of <paramref name="replicates"/> (sorted in place) at <paramref name="confidence"/>:
    /// the α/2 and 1 − α/2 quantiles, linear interpolation between order statistics (R type 7, Excel/NumPy default).
    /// </summary>
    public static Interval Of(double[] replicates, double confidence)
    {
        Array.Sort(replicates);
        var alpha = 1 - confidence;
        return new Interval(OfSorted(replicates, alpha / 2), OfSorted(replicates, 1 - (alpha / 2)), confidence);
    }

    /// <summary>Quantile <paramref name="p"/> of sorted, NaN-free values; infinities propagate instead of giving NaN.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values to take a quantile of.", nameof(sorted));
        }

        var position = p * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        var fraction = position - below;
        var a = sorted[below];
        var b = sorted[above];
        if (fraction == 0 || a == b)
        {
            return a;
        }

        if (double.IsInfinity(a) || double.IsInfinity(b))
        {
            // Any positive share of an infinite neighbour makes the interpolated value that infinity.
            return double.IsInfinity(b) ? b : a;
        }

        return a + (fraction * (b - a));
    }
}

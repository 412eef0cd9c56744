using System.Globalization;
using Superposition.Statistics;

namespace Superposition.Cli;

/// <summary>Numbers are printed the same way on every machine.</summary>
internal static class Format
{
    public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A KL or probability for a table: +∞ shown as ∞, never NaN, and a value that rounds to zero shown without a
    /// sign (a KL of −1e-17 from floating-point cancellation is 0, not "-0.000").
    /// </summary>
    public static string Number(double value, string format = "0.0000")
    {
        if (double.IsPositiveInfinity(value))
        {
            return "∞";
        }

        return NumberText.Of(value, format);
    }
}

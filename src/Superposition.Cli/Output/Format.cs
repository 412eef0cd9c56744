using System.Globalization;

namespace Superposition.Cli;

/// <summary>Numbers are printed the same way on every machine.</summary>
internal static class Format
{
    public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A KL or probability for a table: +∞ shown as ∞, never NaN.</summary>
    public static string Number(double value, string format = "0.0000") =>
        double.IsPositiveInfinity(value) ? "∞" : value.ToString(format, Invariant);
}

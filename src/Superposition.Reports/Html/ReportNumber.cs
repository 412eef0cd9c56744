using System.Globalization;
using Superposition.Statistics;

namespace Superposition.Reports.Html;

/// <summary>
/// How reports print numbers: fixed 4 decimals, invariant culture ("1.5141"), +∞ as "∞", a missing value as
/// "–", and a value that rounds to zero without a sign (<see cref="NumberText"/>). Tests read numbers back from
/// the HTML's data- attributes, so this is the one place the format lives.
/// </summary>
public static class ReportNumber
{
    /// <summary>Decimals shown for every KL, mass, probability and exponent.</summary>
    public const int Decimals = 4;

    public const string Infinity = "∞";

    public const string Missing = "–";

    public static string Format(double? value) => value switch
    {
        null => Missing,
        { } v when double.IsPositiveInfinity(v) => Infinity,
        { } v when double.IsNegativeInfinity(v) => "−" + Infinity,
        { } v when double.IsNaN(v) => Missing,
        { } v => NumberText.Of(v, "F" + Decimals),
    };

    /// <summary>A short probability vector, "[0.0040, 0.0040, 0.3300]"; values under 0.0001 in scientific notation.</summary>
    public static string Vector(IEnumerable<double> values) =>
        "[" + string.Join(", ", values.Select(v => v is > 0 and < 1e-4 ? v.ToString("0.0E+0", CultureInfo.InvariantCulture) : Format(v))) + "]";
}

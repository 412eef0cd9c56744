using System.Globalization;
using Superposition.Statistics;

namespace Superposition.Reports.Csv;

/// <summary>RFC 4180 fields: quoted when they hold a comma, quote, CR or LF (quotes doubled); invariant numbers.</summary>
public static class CsvField
{
    public static string Text(string? value)
    {
        value ??= string.Empty;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Round-trip ("R") invariant text, −0 as "0"; "Infinity" / "-Infinity" for the infinities.</summary>
    public static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : NumberText.Of(value, "R");

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Boolean(bool value) => value ? "true" : "false";
}

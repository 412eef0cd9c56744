using System.Globalization;

namespace Superposition.Statistics;

/// <summary>
/// How a number is written for readers (reports, CSV, plot labels, console tables): invariant culture, and a value
/// that rounds to zero without a sign. A KL of −1e-17 from floating-point cancellation is 0, not "-0.0000"; the
/// sign of an exact −0.0 carries no meaning either.
/// </summary>
public static class NumberText
{
    /// <summary><paramref name="value"/> in the .NET <paramref name="format"/> ("F4", "0.###", "R"), invariant.</summary>
    public static string Of(double value, string format) =>
        WithoutSignedZero(value.ToString(format, CultureInfo.InvariantCulture));

    /// <summary>Drops the minus of a number's text whose digits are all zero ("-0.0000" → "0.0000", "-0" → "0").</summary>
    public static string WithoutSignedZero(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 1 && text[0] == '-' && text.AsSpan(1).Trim("0.").IsEmpty ? text[1..] : text;
    }
}

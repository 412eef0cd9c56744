using System.Globalization;

namespace Superposition.Statistics;

/// <summary>
/// How a p-value is written for readers: three significant digits, and a p that underflowed to 0 (a chi-square
/// far in its tail, below double's smallest value) as "&lt; 1e-300", never as 0, which would claim certainty.
/// </summary>
public static class PValueText
{
    public static string Of(double p) =>
        p == 0 ? "< 1e-300" : p.ToString("G3", CultureInfo.InvariantCulture);
}

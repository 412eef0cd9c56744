namespace Superposition.Statistics;

/// <summary>
/// A confidence (or credible) interval. Bounds may be infinite (a bootstrap of values that include +infinity,
/// e.g. an infinite KL, has <see cref="High"/> = +infinity) but are never NaN.
/// </summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound, at least <paramref name="Low"/>.</param>
/// <param name="Confidence">Nominal coverage, e.g. 0.95.</param>
public sealed record Interval(double Low, double High, double Confidence)
{
    /// <summary>Whether <paramref name="value"/> lies in the closed interval.</summary>
    public bool Contains(double value) => Low <= value && value <= High;

    /// <summary>High − Low: +infinity when one bound is infinite, 0 when both are the same (even infinite) value.</summary>
    public double Width => Low == High ? 0 : High - Low;

    /// <summary>Checks a confidence level: strictly between 0 and 1. The message names the parameter.</summary>
    internal static void CheckConfidence(double confidence, string parameterName)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(parameterName, confidence, "The confidence level must be strictly between 0 and 1 (e.g. 0.95).");
        }
    }
}

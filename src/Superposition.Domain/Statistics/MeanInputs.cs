namespace Superposition.Statistics;

/// <summary>
/// What a mean may be taken of: values that are not NaN and do not mix +infinity with −infinity. One infinite
/// sign is allowed because an infinite KL (P_i = 0) is a real outcome that makes the mean infinite: it is reported
/// as such, never as NaN (docs/science.md, "Metrics").
/// </summary>
internal static class MeanInputs
{
    public static void Check(IReadOnlyList<double> values, string parameterName)
    {
        var sawPositive = false;
        var sawNegative = false;
        for (var i = 0; i < values.Count; i++)
        {
            Check(values[i], i, ref sawPositive, ref sawNegative, parameterName);
        }
    }

    /// <summary>Checks one value of a stream, remembering which infinite signs were seen.</summary>
    public static void Check(double value, long index, ref bool sawPositive, ref bool sawNegative, string parameterName)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException($"Value {index} is NaN; a mean needs numbers (±infinity is allowed).", parameterName);
        }

        sawPositive |= double.IsPositiveInfinity(value);
        sawNegative |= double.IsNegativeInfinity(value);
        if (sawPositive && sawNegative)
        {
            throw new ArgumentException($"Value {index} makes the values contain both +infinity and −infinity, so their mean is undefined.", parameterName);
        }
    }
}

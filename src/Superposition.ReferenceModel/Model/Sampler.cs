namespace Superposition.ReferenceModel.Model;

/// <summary>
/// Draws the next token as a real model does: logits log p divided by the temperature, then softmax over the
/// node's support; temperature 0 takes the most likely token.
/// </summary>
public static class Sampler
{
    /// <summary>The distribution actually sampled from at a temperature: softmax(log p / T), in the order given.</summary>
    public static double[] Tempered(IReadOnlyList<NextToken> next, double temperature)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentOutOfRangeException.ThrowIfNegative(temperature);
        var result = new double[next.Count];
        if (next.Count == 0)
        {
            return result;
        }

        if (temperature == 0)
        {
            result[0] = 1; // Next is sorted most likely first.
            return result;
        }

        var max = double.NegativeInfinity;
        for (var i = 0; i < next.Count; i++)
        {
            result[i] = Math.Log(next[i].Probability) / temperature;
            max = Math.Max(max, result[i]);
        }

        var sum = 0.0;
        for (var i = 0; i < next.Count; i++)
        {
            result[i] = Math.Exp(result[i] - max);
            sum += result[i];
        }

        for (var i = 0; i < next.Count; i++)
        {
            result[i] /= sum;
        }

        return result;
    }

    /// <summary>Index into <paramref name="next"/> of the drawn token.</summary>
    public static int Sample(IReadOnlyList<NextToken> next, double temperature, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var p = Tempered(next, temperature);
        if (p.Length == 0)
        {
            throw new ArgumentException("Cannot sample from an empty distribution.", nameof(next));
        }

        var u = random.NextDouble();
        var cumulative = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            cumulative += p[i];
            if (u < cumulative)
            {
                return i;
            }
        }

        return p.Length - 1;
    }
}

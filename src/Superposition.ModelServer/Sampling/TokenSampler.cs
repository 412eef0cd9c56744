using Superposition.LanguageModels;

namespace Superposition.ModelServer.Sampling;

/// <summary>
/// Draws the next token as a real model server does: logits log p divided by the temperature, then softmax over
/// the distribution's support; temperature 0 takes the most likely token (the first of the support's maxima).
/// </summary>
public static class TokenSampler
{
    /// <summary>The distribution actually sampled from at a temperature: softmax(log p / T), in the support's order.</summary>
    public static double[] Tempered(ReadOnlySpan<NextToken> support, double temperature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(temperature);
        var result = new double[support.Length];
        if (support.Length == 0)
        {
            return result;
        }

        if (temperature == 0)
        {
            result[ArgMax(support)] = 1;
            return result;
        }

        var max = double.NegativeInfinity;
        for (var i = 0; i < support.Length; i++)
        {
            result[i] = Math.Log(support[i].Probability) / temperature;
            max = Math.Max(max, result[i]);
        }

        var sum = 0.0;
        for (var i = 0; i < support.Length; i++)
        {
            result[i] = Math.Exp(result[i] - max);
            sum += result[i];
        }

        for (var i = 0; i < support.Length; i++)
        {
            result[i] /= sum;
        }

        return result;
    }

    /// <summary>
    /// The tempering of <paramref name="support"/>, whose <see cref="Tempering.Of"/> gives a token's tempered
    /// probability as <see cref="Tempered"/> computes it (bit for bit) without an array of the whole support.
    /// </summary>
    public static Tempering Temper(ReadOnlySpan<NextToken> support, double temperature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(temperature);
        if (temperature == 0 || support.Length == 0)
        {
            return new Tempering(0, 0, 0, support.Length == 0 ? -1 : support[ArgMax(support)].Token);
        }

        var max = double.NegativeInfinity;
        foreach (var n in support)
        {
            max = Math.Max(max, Math.Log(n.Probability) / temperature);
        }

        var sum = 0.0;
        foreach (var n in support)
        {
            sum += Math.Exp((Math.Log(n.Probability) / temperature) - max);
        }

        return new Tempering(temperature, max, sum, -1);
    }

    /// <summary>Index into <paramref name="tempered"/> (from <see cref="Tempered"/>) of the drawn token.</summary>
    public static int Sample(ReadOnlySpan<double> tempered, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (tempered.Length == 0)
        {
            throw new ArgumentException("Cannot sample from an empty distribution.", nameof(tempered));
        }

        var u = random.NextDouble();
        var cumulative = 0.0;
        for (var i = 0; i < tempered.Length; i++)
        {
            cumulative += tempered[i];
            if (u < cumulative)
            {
                return i;
            }
        }

        return tempered.Length - 1;
    }

    /// <summary>Index into <paramref name="support"/> of the token drawn at <paramref name="temperature"/>.</summary>
    public static int Sample(ReadOnlySpan<NextToken> support, double temperature, Random random) =>
        Sample(Tempered(support, temperature), random);

    private static int ArgMax(ReadOnlySpan<NextToken> support)
    {
        var best = 0;
        for (var i = 1; i < support.Length; i++)
        {
            if (support[i].Probability > support[best].Probability)
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>softmax(log p / T) of one distribution, token by token.</summary>
    public readonly record struct Tempering(double Temperature, double Max, double Sum, int Greedy)
    {
        /// <summary>The tempered probability of a token of raw probability <paramref name="probability"/>.</summary>
        public double Of(int token, double probability) =>
            Temperature == 0 ? (token == Greedy ? 1 : 0) : Math.Exp((Math.Log(probability) / Temperature) - Max) / Sum;
    }
}

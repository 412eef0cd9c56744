namespace Superposition.Statistics;

/// <summary>
/// Draws from Poisson(1) by inverting its CDF with one uniform. Hand-written because the streaming bootstrap
/// draws one weight per value per replicate (2·10⁸ draws for 100k values × 2000 replicates) and MathNet's
/// small-mean sampler needs about two uniforms per draw.
/// </summary>
internal static class PoissonOneSampler
{
    // Cumulative probabilities P(K ≤ k); the last entry is 1 in double precision, so the search always stops.
    private static readonly double[] Cumulative = BuildTable();

    public static int Sample(Random random) => FromUniform(random.NextDouble());

    /// <summary>The Poisson(1) draw for uniform <paramref name="u"/> in [0, 1).</summary>
    public static int FromUniform(double u)
    {
        // Counting the first four thresholds without branches covers 98% of draws (P(K ≤ 3) = 0.981); the loop
        // finishes the rest. An unpredictable loop exit would cost more than the draw itself.
        var c = Cumulative;
        var k = (u >= c[0] ? 1 : 0) + (u >= c[1] ? 1 : 0) + (u >= c[2] ? 1 : 0) + (u >= c[3] ? 1 : 0);
        while (k < c.Length - 1 && u >= c[k])
        {
            k++;
        }

        return k;
    }

    private static double[] BuildTable()
    {
        var table = new List<double>();
        var term = Math.Exp(-1);
        var total = 0.0;
        for (var k = 0; total < 1.0 && k < 40; k++)
        {
            total += term;
            table.Add(total);
            term /= k + 1;
        }

        table[^1] = 1.0;
        return [.. table];
    }
}

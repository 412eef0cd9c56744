using MathNet.Numerics.RootFinding;

namespace Superposition.Metrics;

/// <summary>
/// Shows what a KL value means: for a target D and a value κ, distributions of several shapes whose KL(D || P)
/// is κ, solved numerically. Each shape is a one-parameter family P(u), u ≥ 0, with P(0) = D and KL growing
/// without bound in u; Brent's method finds the u with KL = κ. For D uniform over six tasks and κ = 1.5 the
/// shapes reproduce the research note's P1..P4: half the tasks starved to ~0.004, one task at ~0.9, one task at
/// ~1e-5, and a doubling ladder.
/// </summary>
public static class EqualKlExplainer
{
    private const double Accuracy = 1e-12;

    // exp(-700) is still a normal double: the largest parameter the shapes are evaluated at.
    private const double MaxParameter = 700;

    public static IReadOnlyList<EqualKlExample> Explain(IReadOnlyList<double> target, double kl)
    {
        ArgumentNullException.ThrowIfNull(target);
        CalibrationKl.ValidateTarget(target);
        if (!double.IsFinite(kl) || kl < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kl), kl, "The KL value to explain must be finite and non-negative.");
        }

        var d = target.ToArray();
        var support = Enumerable.Range(0, d.Length).Where(i => d[i] > 0).ToArray();
        var examples = new List<EqualKlExample>();
        if (support.Length < 2)
        {
            return examples; // With one task every distribution on it has KL 0 or +∞: nothing to show.
        }

        var half = support.Take(support.Length / 2).ToArray();
        Add(examples, d, kl, "sparse", $"{half.Length} of {support.Length} tasks starved, the rest scaled up", u => Starve(d, half, u));
        Add(examples, d, kl, "spike", "one task takes the surplus, the others shrink in proportion", u => Spike(d, support[^1], u));
        Add(examples, d, kl, "one-near-zero", "one task starved, the rest scaled up", u => Starve(d, [support[0]], u));
        Add(examples, d, kl, "geometric", "each task's weight multiplied by a constant ratio over the previous one", u => Geometric(d, u));
        return examples;
    }

    private static void Add(List<EqualKlExample> examples, double[] d, double kl, string shape, string description, Func<double, double[]> family)
    {
        double Gap(double u) => CalibrationKl.Compute(d, family(u)).KlRaw - kl;

        if (kl == 0)
        {
            examples.Add(new EqualKlExample(shape, description, d, 0));
            return;
        }

        // Bracket the root by doubling; a shape that cannot reach κ within the double range is left out.
        var upper = 1.0;
        while (Gap(upper) < 0)
        {
            upper *= 2;
            if (upper > MaxParameter)
            {
                return;
            }
        }

        var u = Brent.FindRoot(Gap, 0, upper, Accuracy, maxIterations: 500);
        var p = family(u);
        if (examples.Any(e => e.Probabilities.Zip(p).All(pair => Math.Abs(pair.First - pair.Second) < 1e-9)))
        {
            return; // With few tasks some shapes coincide; show each distribution once.
        }

        examples.Add(new EqualKlExample(shape, description, p, CalibrationKl.Compute(d, p).KlRaw));
    }

    /// <summary>Tasks in <paramref name="starved"/> get t·D_i with t = e^−u; the others share the rest in proportion to D.</summary>
    private static double[] Starve(double[] d, int[] starved, double u)
    {
        var t = Math.Exp(-u);
        var starvedMass = starved.Sum(i => d[i]);
        var scale = (1 - (t * starvedMass)) / (1 - starvedMass);
        var p = d.Select(x => x * scale).ToArray();
        foreach (var i in starved)
        {
            p[i] = d[i] * t;
        }

        return p;
    }

    /// <summary>Task j gets s = 1 − (1 − D_j)e^−u; the others share 1 − s in proportion to D.</summary>
    private static double[] Spike(double[] d, int j, double u)
    {
        var rest = (1 - d[j]) * Math.Exp(-u);
        var p = d.Select(x => x * rest / (1 - d[j])).ToArray();
        p[j] = 1 - rest;
        return p;
    }

    /// <summary>P_i ∝ D_i · r^i with r = e^u.</summary>
    private static double[] Geometric(double[] d, double u)
    {
        // Work in log space so that large ratios do not overflow.
        var logs = d.Select((x, i) => x > 0 ? Math.Log(x) + (i * u) : double.NegativeInfinity).ToArray();
        var logTotal = CalibrationKl.LogSumExp(logs);
        return [.. logs.Select(l => Math.Exp(l - logTotal))];
    }
}

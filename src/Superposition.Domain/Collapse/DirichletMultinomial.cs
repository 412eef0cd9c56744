using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Superposition.Collapse;

/// <summary>
/// The k-task Pólya urn: starting from initial counts a (positive reals), the task counts x after T calibrated
/// answers are Dirichlet-multinomial(T; a) exactly:
/// P(x) = T!/(Π x_i!) · Γ(A)/Γ(A+T) · Π Γ(a_i+x_i)/Γ(a_i), A = Σ a_i (docs/science.md, "Multi-turn runs and the Pólya urn").
/// All probabilities are computed in log space with <see cref="SpecialFunctions.GammaLn"/>.
/// </summary>
public static class DirichletMultinomial
{
    /// <summary>Default cap on the number of count vectors <see cref="Enumerate"/> will walk.</summary>
    public const long DefaultMaxCompositions = 10_000_000;

    /// <summary>ln P(x | a), T = Σ x. Throws if a count is negative or the counts and initial counts differ in length.</summary>
    public static double LogPmf(IReadOnlyList<int> counts, IReadOnlyList<double> initial)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var a = CollapseArguments.InitialCounts(initial, nameof(initial));
        CollapseArguments.SameTaskCount(counts.Count, a.Length, nameof(counts));
        var x = new int[counts.Count];
        for (var i = 0; i < x.Length; i++)
        {
            if (counts[i] < 0)
            {
                throw new ArgumentException($"Count {i} is {counts[i]}: counts must be non-negative.", nameof(counts));
            }

            x[i] = counts[i];
        }

        return LogPmfUnchecked(x, a);
    }

    /// <summary>
    /// ln P(x | a) where the counts must sum to <paramref name="turns"/>; the check guards callers that know T.
    /// </summary>
    public static double LogPmf(IReadOnlyList<int> counts, IReadOnlyList<double> initial, int turns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(turns);
        ArgumentNullException.ThrowIfNull(counts);
        var sum = counts.Sum(c => (long)c);
        if (sum != turns)
        {
            throw new ArgumentException($"Counts sum to {sum}, not to the {turns} turns.", nameof(counts));
        }

        return LogPmf(counts, initial);
    }

    /// <summary>P(x | a), T = Σ x.</summary>
    public static double Pmf(IReadOnlyList<int> counts, IReadOnlyList<double> initial) =>
        Math.Exp(LogPmf(counts, initial));

    /// <summary>Exact mean shares of the generated answers: E[x_i / T] = a_i / A for every T ≥ 1.</summary>
    public static double[] MeanShares(IReadOnlyList<double> initial)
    {
        var a = CollapseArguments.InitialCounts(initial, nameof(initial));
        var total = a.Sum();
        return [.. a.Select(ai => ai / total)];
    }

    /// <summary>How many count vectors of k tasks sum to T: C(T+k−1, k−1), saturating at <see cref="long.MaxValue"/>.</summary>
    public static long CompositionCount(int tasks, int turns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tasks);
        ArgumentOutOfRangeException.ThrowIfNegative(turns);
        Int128 count = 1;
        for (var j = 1; j < tasks; j++)
        {
            // C(T+j, j) = C(T+j−1, j−1)·(T+j)/j, exact in integers; the product stays below 2^127 because the
            // running count is capped at long.MaxValue before it is multiplied.
            count = count * (turns + j) / j;
            if (count >= long.MaxValue)
            {
                return long.MaxValue;
            }
        }

        return (long)count;
    }

    /// <summary>
    /// Every count vector x with Σ x = T and its probability, in lexicographic order of x. Refuses (throws
    /// <see cref="ArgumentOutOfRangeException"/> on <paramref name="turns"/>) when there are more than
    /// <paramref name="maxCompositions"/> vectors (default <see cref="DefaultMaxCompositions"/>). The vector
    /// passed out is a fresh array each time.
    /// </summary>
    public static IEnumerable<(int[] Counts, double Probability)> Enumerate(
        IReadOnlyList<double> initial, int turns, long maxCompositions = DefaultMaxCompositions)
    {
        var a = CollapseArguments.InitialCounts(initial, nameof(initial));
        ArgumentOutOfRangeException.ThrowIfNegative(turns);
        var n = CompositionCount(a.Length, turns);
        if (n > maxCompositions)
        {
            throw new ArgumentOutOfRangeException(nameof(turns), turns, $"{a.Length} tasks and {turns} turns give {n} count vectors, more than the {maxCompositions} allowed.");
        }

        return EnumerateCore(a, turns);
    }

    /// <summary>
    /// Exact P(collapse) after T ≥ 1 answers, for any number of tasks: P(some task gets ≥ ceil(0.9·T)). The
    /// threshold exceeds T/2, so at most one task can reach it, the events are disjoint and the probability is
    /// the sum over tasks of the marginal tails; the marginal of task i is Beta-binomial(T, a_i, A − a_i).
    /// O(k·T) special-function calls.
    /// </summary>
    public static double CollapseProbability(IReadOnlyList<double> initial, int turns)
    {
        var a = CollapseArguments.InitialCounts(initial, nameof(initial), minimumTasks: 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(turns);
        var threshold = CollapseRule.MinimumDominantCount(turns);
        var total = a.Sum();
        var p = 0.0;
        foreach (var ai in a)
        {
            var marginal = new BetaBinomial.Terms(turns, ai, total - ai);
            for (var x = threshold; x <= turns; x++)
            {
                p += Math.Exp(marginal.LogPmf(x));
            }
        }

        return Math.Min(p, 1);
    }

    /// <summary>
    /// Exact expected entropy (nats) of the shares x_i / T of T ≥ 1 generated answers, for any number of tasks:
    /// the entropy is a sum of per-task terms −(x_i/T)·ln(x_i/T), so its expectation needs only the
    /// Beta-binomial(T, a_i, A − a_i) marginals. O(k·T) special-function calls.
    /// </summary>
    public static double ExpectedEntropy(IReadOnlyList<double> initial, int turns)
    {
        var a = CollapseArguments.InitialCounts(initial, nameof(initial), minimumTasks: 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(turns);
        var total = a.Sum();
        var h = 0.0;
        foreach (var ai in a)
        {
            var marginal = new BetaBinomial.Terms(turns, ai, total - ai);
            for (var x = 1; x < turns; x++)
            {
                h += Math.Exp(marginal.LogPmf(x)) * CollapseRule.ShareEntropyTerm(x, turns);
            }
        }

        return h;
    }

    /// <summary>
    /// ln of the Dirichlet(a) density of the limiting shares (MathNet's Dirichlet); −∞ off the open simplex
    /// (MathNet returns 0 there, which would read as density 1).
    /// </summary>
    public static double LimitLogDensity(IReadOnlyList<double> shares, IReadOnlyList<double> initial)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var a = CollapseArguments.InitialCounts(initial, nameof(initial), minimumTasks: 2);
        CollapseArguments.SameTaskCount(shares.Count, a.Length, nameof(shares));
        var sum = 0.0;
        foreach (var s in shares)
        {
            if (!double.IsFinite(s))
            {
                throw new ArgumentException($"Share {s} is not finite.", nameof(shares));
            }

            if (s <= 0 || s >= 1)
            {
                return double.NegativeInfinity;
            }

            sum += s;
        }

        if (Math.Abs(sum - 1) > 1e-9)
        {
            return double.NegativeInfinity;
        }

        return new Dirichlet(a).DensityLn([.. shares]);
    }

    internal static double LogPmfUnchecked(ReadOnlySpan<int> x, ReadOnlySpan<double> a)
    {
        var turns = 0;
        var total = 0.0;
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            turns += x[i];
            total += a[i];
            sum += SpecialFunctions.GammaLn(a[i] + x[i]) - SpecialFunctions.GammaLn(a[i]) - SpecialFunctions.GammaLn(x[i] + 1.0);
        }

        return sum + SpecialFunctions.GammaLn(turns + 1.0) + SpecialFunctions.GammaLn(total) - SpecialFunctions.GammaLn(total + turns);
    }

    private static IEnumerable<(int[] Counts, double Probability)> EnumerateCore(double[] a, int turns)
    {
        var k = a.Length;
        var x = new int[k];
        x[k - 1] = turns;
        while (true)
        {
            yield return ([.. x], Math.Exp(LogPmfUnchecked(x, a)));

            // Next composition in lexicographic order: find the rightmost non-last position that can grow by
            // taking from the remainder held in the last position.
            var i = k - 2;
            while (i >= 0 && x[k - 1] == 0)
            {
                // Nothing left to move right of i: fold x[i] back into the remainder and step left.
                x[k - 1] += x[i];
                x[i] = 0;
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            x[i]++;
            x[k - 1]--;
        }
    }
}

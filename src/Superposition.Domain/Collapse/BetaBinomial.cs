using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Superposition.Collapse;

/// <summary>
/// The two-task Pólya urn: starting from (a1, a2) examples, the number x of task-1 answers among T calibrated
/// answers is Beta-binomial(T, a1, a2), and the limiting share of task 1 is Beta(a1, a2) (docs/science.md, "Multi-turn runs and the Pólya urn").
/// </summary>
public static class BetaBinomial
{
    /// <summary>
    /// ln P(x | T, a1, a2) = ln C(T, x) + ln Γ(a1+x) + ln Γ(a2+T−x) + ln Γ(A) − ln Γ(A+T) − ln Γ(a1) − ln Γ(a2),
    /// A = a1 + a2; −∞ outside 0..T.
    /// </summary>
    public static double LogPmf(int successes, int trials, double a1, double a2)
    {
        Check(trials, a1, a2);
        return new Terms(trials, a1, a2).LogPmf(successes);
    }

    /// <summary>P(x | T, a1, a2); 0 outside 0..T.</summary>
    public static double Pmf(int successes, int trials, double a1, double a2) =>
        Math.Exp(LogPmf(successes, trials, a1, a2));

    /// <summary>The whole pmf, index x = 0..T, each term from special functions (no recurrence, so no drift).</summary>
    public static double[] Probabilities(int trials, double a1, double a2)
    {
        Check(trials, a1, a2);
        var terms = new Terms(trials, a1, a2);
        var p = new double[trials + 1];
        for (var x = 0; x <= trials; x++)
        {
            p[x] = Math.Exp(terms.LogPmf(x));
        }

        return p;
    }

    /// <summary>
    /// Exact P(collapse) after T ≥ 1 answers: the probability that one of the two tasks gets at least
    /// ceil(0.9·T) of them (<see cref="CollapseRule.MinimumDominantCount"/>).
    /// </summary>
    public static double CollapseProbability(int trials, double a1, double a2) =>
        DirichletMultinomial.CollapseProbability([a1, a2], trials);

    /// <summary>Exact expected entropy (nats) of the shares of the T ≥ 1 generated answers, by enumeration.</summary>
    public static double ExpectedEntropy(int trials, double a1, double a2) =>
        DirichletMultinomial.ExpectedEntropy([a1, a2], trials);

    /// <summary>The Beta(a1, a2) density of the limiting share of task 1 at <paramref name="share"/> (MathNet's Beta).</summary>
    public static double LimitDensity(double share, double a1, double a2)
    {
        CheckShapes(a1, a2);
        if (!double.IsFinite(share) || share < 0 || share > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "A share lies in [0, 1].");
        }

        return Beta.PDF(a1, a2, share);
    }

    private static void Check(int trials, double a1, double a2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        CheckShapes(a1, a2);
    }

    private static void CheckShapes(double a1, double a2)
    {
        if (!double.IsFinite(a1) || a1 <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a1), a1, "Initial count a1 must be positive and finite.");
        }

        if (!double.IsFinite(a2) || a2 <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a2), a2, "Initial count a2 must be positive and finite.");
        }
    }

    /// <summary>The x-independent part of the log pmf, computed once per (T, a1, a2).</summary>
    internal readonly struct Terms(int trials, double a1, double a2)
    {
        private readonly double _constant = SpecialFunctions.GammaLn(trials + 1.0)
            + SpecialFunctions.GammaLn(a1 + a2) - SpecialFunctions.GammaLn(a1 + a2 + trials)
            - SpecialFunctions.GammaLn(a1) - SpecialFunctions.GammaLn(a2);

        public double LogPmf(int x)
        {
            if (x < 0 || x > trials)
            {
                return double.NegativeInfinity;
            }

            return _constant - SpecialFunctions.GammaLn(x + 1.0) - SpecialFunctions.GammaLn(trials - x + 1.0)
                + SpecialFunctions.GammaLn(a1 + x) + SpecialFunctions.GammaLn(a2 + trials - x);
        }
    }
}

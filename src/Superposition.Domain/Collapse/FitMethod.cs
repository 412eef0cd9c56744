namespace Superposition.Collapse;

/// <summary>Which test produced a <see cref="FitTest"/>'s p-value.</summary>
public enum FitMethod
{
    /// <summary>
    /// Two tasks: Pearson chi-square over the whole Beta-binomial pmf (x = 0..T), adjacent cells pooled until
    /// each expects at least 5 runs; p from the chi-square distribution. Asymptotic, so it can reach p &lt; 1e-6.
    /// </summary>
    ChiSquareFullPmf,

    /// <summary>
    /// Three or more tasks: Pearson chi-square over "majority cells": one cell per (task i, x_i = m) for every
    /// m &gt; T/2, whose probabilities are exact because at most one task can hold a majority, plus one cell for
    /// "no task has a majority"; pooled to expected counts ≥ 5. Sensitive to collapse (mass at high m), blind to
    /// how the counts spread when no task has a majority.
    /// </summary>
    ChiSquareMajorityCells,

    /// <summary>
    /// Any number of tasks: statistic Σ_r −ln P(x_r), compared with M seeded simulations of the calibrated urn;
    /// p = (1 + #{simulated ≥ observed}) / (1 + M), so never below 1/(M+1).
    /// </summary>
    MonteCarloLogLikelihood,
}

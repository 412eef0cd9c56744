namespace Superposition.Collapse;

/// <summary>Which test produced a <see cref="FitTest"/>'s p-value.</summary>
public enum FitMethod
{
    /// <summary>
    /// Two tasks: Pearson chi-square over the whole Beta-binomial pmf (x = 0..T), cells pooled in a fixed order
    /// (the tie, then task 0 rising, then task 1 falling) until each expects at least 5 runs; p from the chi-square distribution. Asymptotic, so it can reach p &lt; 1e-6.
    /// </summary>
    ChiSquareFullPmf,

    /// <summary>
    /// Three or more tasks: Pearson chi-square over cells of the largest count M = max_i x_i. Where M &gt; T/2 the
    /// cell is also split by which task holds it (at most one task can), with exact probabilities from the
    /// Beta-binomial(T, a_i, A − a_i) marginals; where M ≤ T/2 the exact P(M = m) comes from a dynamic programme
    /// over the tasks (x_j given the remaining answers is Beta-binomial). Pooled to expected counts ≥ 5. Sensitive
    /// both to collapse (M large) and to flattening (M small, β &lt; 1).
    /// </summary>
    ChiSquareLargestCount,

    /// <summary>
    /// Three or more tasks with more than 1000 answers in a run (where the programme above would be slow):
    /// as <see cref="ChiSquareLargestCount"/> but with all M ≤ T/2 in one cell. These "majority cells" are one
    /// cell per (task i, x_i = m) for every m &gt; T/2 plus one cell for "no task has a majority"; pooled to
    /// expected counts ≥ 5. Sensitive to collapse (mass at high m), blind to how the counts spread when no task
    /// has a majority.
    /// </summary>
    ChiSquareMajorityCells,

    /// <summary>
    /// Any number of tasks: statistic Σ_r −ln P(x_r), compared with M seeded simulations of the calibrated urn;
    /// p = (1 + #{simulated ≥ observed}) / (1 + M), so never below 1/(M+1). One-sided: runs that stay nearer the
    /// start than the urn's (β &lt; 1) are more likely under the urn, not less, so it cannot reject them
    /// (<see cref="UrnDispersion"/> can).
    /// </summary>
    MonteCarloLogLikelihood,
}

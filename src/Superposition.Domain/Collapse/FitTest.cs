namespace Superposition.Collapse;

/// <summary>
/// A goodness-of-fit test of runs' final counts against the calibrated urn (Dirichlet-multinomial).
/// </summary>
/// <param name="Method">Which test produced <paramref name="PValue"/>.</param>
/// <param name="Statistic">Pearson X² for the chi-square methods, Σ −ln P(x_r) for Monte Carlo.</param>
/// <param name="PValue">Probability under the urn of a statistic at least this large.</param>
/// <param name="Runs">Runs the test weighed: those with at least one task answer, less <paramref name="ExcludedRuns"/>.</param>
/// <param name="DegreesOfFreedom">Pooled cells minus one per tested group of runs with the same total; null for Monte Carlo.</param>
/// <param name="Cells">Pooled cells over the tested groups; null for Monte Carlo.</param>
/// <param name="Simulations">Simulated data sets; null for the chi-square methods.</param>
/// <param name="ExcludedRuns">Chi-square only: runs with task answers left out because their group (runs with the
/// same number of task answers) expects too few runs per cell to test: pooling leaves it one cell, no degrees of
/// freedom, so it cannot weigh for or against the urn. 0 for Monte Carlo, which tests every run.</param>
public sealed record FitTest(
    FitMethod Method,
    double Statistic,
    double PValue,
    int Runs,
    int? DegreesOfFreedom = null,
    int? Cells = null,
    int? Simulations = null,
    int ExcludedRuns = 0);

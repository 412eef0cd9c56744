namespace Superposition.Collapse;

/// <summary>
/// A goodness-of-fit test of runs' final counts against the calibrated urn (Dirichlet-multinomial).
/// </summary>
/// <param name="Method">Which test produced <paramref name="PValue"/>.</param>
/// <param name="Statistic">Pearson X² for the chi-square methods, Σ −ln P(x_r) for Monte Carlo.</param>
/// <param name="PValue">Probability under the urn of a statistic at least this large.</param>
/// <param name="Runs">Runs that entered the test (those with at least one task answer).</param>
/// <param name="DegreesOfFreedom">Pooled cells minus one per group of runs with the same total; null for Monte Carlo.</param>
/// <param name="Cells">Pooled cells over all groups; null for Monte Carlo.</param>
/// <param name="Simulations">Simulated data sets; null for the chi-square methods.</param>
public sealed record FitTest(
    FitMethod Method,
    double Statistic,
    double PValue,
    int Runs,
    int? DegreesOfFreedom = null,
    int? Cells = null,
    int? Simulations = null);

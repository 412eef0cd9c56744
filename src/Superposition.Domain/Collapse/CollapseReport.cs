namespace Superposition.Collapse;

/// <summary>
/// Multi-turn statistics of one experiment beside what the urns predict for the same initial counts and the
/// same numbers of task answers per run.
/// </summary>
/// <param name="Observed">The runs' mean shares, collapse index, entropy and other-answer rate.</param>
/// <param name="CalibratedUrn">Exact prediction of the calibrated urn (<see cref="UrnPredictions.ExactForTotals"/>).</param>
/// <param name="BetaUrn">Simulated prediction of the urn with the β and biases fitted on the model's calibration
/// experiments; null when no fit was given.</param>
/// <param name="Fit">Chi-square goodness of fit of the runs to the calibrated urn.</param>
/// <param name="MonteCarloFit">Monte Carlo goodness of fit, when simulations were asked for; otherwise null.</param>
/// <param name="Dispersion">Dispersion of the runs' final counts against the calibrated urn's exact variance, with
/// its direction (<see cref="DispersionTest.Ratio"/>); null only in summaries stored before the test existed.</param>
/// <param name="BetaUrnDispersion">The same statistic against the beta-urn, by simulation
/// (<see cref="SimulatedUrnDispersion"/>): whether the fitted β and biases account for the runs' spread; null
/// without a beta-urn, and in summaries stored before the test existed.</param>
public sealed record CollapseReport(
    CollapseSummary Observed,
    UrnStatistics CalibratedUrn,
    UrnStatistics? BetaUrn,
    FitTest Fit,
    FitTest? MonteCarloFit,
    DispersionTest? Dispersion = null,
    DispersionTest? BetaUrnDispersion = null);

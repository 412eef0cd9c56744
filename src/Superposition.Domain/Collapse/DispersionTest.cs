namespace Superposition.Collapse;

/// <summary>
/// The dispersion test of runs' final counts against the calibrated urn (<see cref="UrnDispersion"/>): how far the
/// counts spread from the urn's mean, measured in units of the urn's exact variance. Unlike the likelihood and
/// chi-square tests it says which way the runs depart: over-dispersed (collapse) or under-dispersed (flattening).
/// </summary>
/// <param name="Statistic">D = Σ_r d_r over the tested runs (<see cref="UrnDispersion"/> defines d_r).</param>
/// <param name="Expected">E[D] under the urn tested against: exactly (k − 1) per tested run for k tasks under the
/// calibrated urn; the mean of the simulated data sets for an urn without a closed form (<see cref="SimulatedUrnDispersion"/>).</param>
/// <param name="PValue">Two-sided p-value. Monte Carlo: 2·(1 + the smaller of #{D_sim ≥ D}, #{D_sim ≤ D}) / (1 + M),
/// at most 1, never below 2/(1 + M). Normal: 2·Φ(−|D − E[D]| / sd(D)), with the exact sd under the urn.</param>
/// <param name="Runs">Runs tested: those with at least one task answer.</param>
/// <param name="Simulations">Data sets M simulated from the urn with the same run totals; 0 when the reference was
/// normal.</param>
/// <param name="Reference">What the p-value was computed against; Monte Carlo in summaries stored before the
/// normal reference existed.</param>
public sealed record DispersionTest(
    double Statistic,
    double Expected,
    double PValue,
    int Runs,
    int Simulations,
    DispersionReference Reference = DispersionReference.MonteCarlo)
{
    /// <summary>
    /// D / E[D]: about 1 for the calibrated urn; above 1 over-dispersed (shares pushed apart: collapse, β &gt; 1, or a
    /// bias that shifts the mean shares); below 1 under-dispersed (shares held near the start: flattening, β &lt; 1).
    /// </summary>
    public double Ratio => Statistic / Expected;

    /// <summary>
    /// The test's verdict at <paramref name="level"/> (default 0.05): over-dispersed or under-dispersed when p is
    /// below it, in the direction of <see cref="Ratio"/>; otherwise consistent with the urn.
    /// </summary>
    public DispersionVerdict VerdictAt(double level = 0.05) =>
        PValue >= level ? DispersionVerdict.Consistent
        : Ratio > 1 ? DispersionVerdict.OverDispersed
        : DispersionVerdict.UnderDispersed;
}

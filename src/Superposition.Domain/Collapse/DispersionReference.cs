namespace Superposition.Collapse;

/// <summary>What a <see cref="DispersionTest"/>'s p-value was computed against.</summary>
public enum DispersionReference
{
    /// <summary>Monte Carlo data sets drawn from the calibrated urn with the same run totals.</summary>
    MonteCarlo,

    /// <summary>
    /// A normal distribution with D's exact mean and variance under the calibrated urn, used from
    /// <see cref="UrnDispersion.NormalReferenceRuns"/> tested runs on (D is then a sum of that many independent terms).
    /// </summary>
    Normal,
}

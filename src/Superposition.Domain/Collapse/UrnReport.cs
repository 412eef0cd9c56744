namespace Superposition.Collapse;

/// <summary>
/// What <c>superposition urn</c> prints: the calibrated urn's exact statistics beside a simulation of the
/// (possibly nonlinear) urn, and how well the simulated runs fit the calibrated urn.
/// </summary>
/// <param name="Model">The simulated urn (β, biases; no other answers).</param>
/// <param name="Turns">Answers per run T.</param>
/// <param name="Runs">Simulated runs R.</param>
/// <param name="Seed">Seed of the simulation.</param>
/// <param name="Exact">Exact statistics of the calibrated (β = 1, no bias) urn from the same initial counts.</param>
/// <param name="Simulated">Statistics of the R simulated runs of <paramref name="Model"/>.</param>
/// <param name="Fit">Chi-square fit of the simulated runs to the calibrated urn: with β = 1 it should not reject.</param>
/// <param name="Dispersion">Dispersion of the simulated runs against the calibrated urn: ratio about 1 with β = 1,
/// above 1 for β &gt; 1, below 1 for β &lt; 1.</param>
public sealed record UrnReport(
    UrnModel Model,
    int Turns,
    int Runs,
    int Seed,
    UrnStatistics Exact,
    CollapseSummary Simulated,
    FitTest Fit,
    DispersionTest Dispersion);

namespace Superposition.Summaries;

/// <summary>
/// The calibration exponent of one model under one measure: ln P̄_i = β·ln D_i + b_i + c_d fitted on the mean
/// probability of each task under each distribution (one intercept per distribution, biases summing to 0).
/// β = 1 calibrated, β &gt; 1 over-confident, β &lt; 1 flattened. Null numbers where β cannot be identified (e.g.
/// only the uniform D1), with the reason.
/// </summary>
/// <param name="Identifiable">Whether β could be fitted.</param>
/// <param name="Reason">Why not, when it could not.</param>
/// <param name="Beta">β.</param>
/// <param name="Low">Lower end of the 95% percentile-bootstrap interval over prompts (each distribution's prompts resampled on their own).</param>
/// <param name="High">Upper end of that interval.</param>
/// <param name="TaskBiases">b_i in task order, summing to 0.</param>
/// <param name="RSquared">Within-distribution R² of the fit.</param>
/// <param name="Observations">(distribution, task) points fitted.</param>
/// <param name="PowerLawResidual">Root mean square distance of ln P̄_i from the fitted power law (nats): 0 for an exact power law; not an uncertainty.</param>
/// <param name="Resamples">Bootstrap resamples that gave a β.</param>
/// <param name="UnidentifiableResamples">Resamples in which β could not be fitted, left out of the interval.</param>
public sealed record ExponentSummary(
    bool Identifiable,
    string? Reason,
    double? Beta,
    double? Low,
    double? High,
    IReadOnlyList<double> TaskBiases,
    double? RSquared,
    int Observations,
    double? PowerLawResidual = null,
    int Resamples = 0,
    int UnidentifiableResamples = 0);

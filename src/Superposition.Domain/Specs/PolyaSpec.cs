namespace Superposition.Specs;

/// <summary>
/// Compare with the Pólya predictive of the prompt's example counts, the Bayes-optimal answer of a model trained on
/// Dirichlet(<paramref name="Alpha"/>) task mixtures (<see cref="Distributions.PolyaPredictive"/>): calibration
/// summaries add the KL to it beside the KL to D, and collapse experiments start the calibrated urn at n_i + α.
/// </summary>
/// <param name="Alpha">The Dirichlet concentration α of the training mixtures, positive and finite.</param>
public sealed record PolyaSpec(double Alpha);

namespace Superposition.Summaries;

/// <summary>
/// One measure's KL to the Pólya predictive (n_i + α) / (N + kα) of each prompt's example counts, the Bayes-optimal
/// answer of a model trained on Dirichlet(α) task mixtures, beside the KL to D of <see cref="MeasureSummary"/>:
/// the same KLs with the predictive in place of D, over the same prompts and bootstrap weights.
/// </summary>
/// <param name="Alpha">The Dirichlet concentration α of the spec's <c>polya</c>.</param>
/// <param name="KlRaw">Mean per-prompt KL(Pólya ‖ P) with P as the model gave it, with bootstrap interval.</param>
/// <param name="KlNormalized">Mean per-prompt KL(Pólya ‖ P / s), with bootstrap interval.</param>
/// <param name="KlOfMeanRaw">KL_raw of the mean P against the mean Pólya predictive.</param>
/// <param name="KlOfMeanNormalized">KL_norm of the mean P against the mean Pólya predictive.</param>
/// <param name="MeanPredictive">The mean Pólya predictive per task, in task order.</param>
public sealed record PolyaComparison(
    double Alpha,
    MetricSummary KlRaw,
    MetricSummary KlNormalized,
    double KlOfMeanRaw,
    double KlOfMeanNormalized,
    IReadOnlyList<double> MeanPredictive);

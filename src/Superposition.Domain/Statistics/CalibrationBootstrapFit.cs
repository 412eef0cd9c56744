namespace Superposition.Statistics;

/// <summary>A calibration fit with a prompt-resampling bootstrap interval for β (<see cref="CalibrationExponent.FitOfMeans"/>).</summary>
/// <param name="Fit">The fit on all prompts (its <c>BetaInterval</c> is the OLS t interval, a distance from a power law).</param>
/// <param name="BootstrapInterval">Percentile interval of β over resampled prompts; null when β is not identifiable on all prompts.</param>
/// <param name="Resamples">Resamples that gave a β.</param>
/// <param name="UnidentifiableResamples">Resamples left out because β was not identifiable in them.</param>
public sealed record CalibrationBootstrapFit(CalibrationFit Fit, Interval? BootstrapInterval, int Resamples, int UnidentifiableResamples);

namespace Superposition.Statistics;

/// <summary>
/// One point for the calibration-exponent fit: in prompt (or mixture) <paramref name="Group"/>, task
/// <paramref name="Task"/> had share <paramref name="Share"/> of the in-context examples and the model gave its
/// answer probability <paramref name="Probability"/>.
/// </summary>
/// <param name="Group">The intercept group: the prompt id, or the distribution name when P is averaged per distribution.</param>
/// <param name="Task">Task index, 0..k−1.</param>
/// <param name="Share">D_i, the task's share of the prompt's examples (count / examples); 0 is dropped and counted.</param>
/// <param name="Probability">P_i, raw or normalised (the per-group intercept absorbs the scale); 0 is dropped and counted.</param>
public sealed record CalibrationObservation(string Group, int Task, double Share, double Probability);

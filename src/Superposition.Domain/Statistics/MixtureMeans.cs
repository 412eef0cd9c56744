namespace Superposition.Statistics;

/// <summary>
/// One mixture's input to <see cref="CalibrationExponent.FitOfMeans"/>: the task shares D, the mean probability of
/// each task's answer over the mixture's prompts, and the bootstrap replicates of those means.
/// </summary>
/// <param name="Name">Mixture (distribution) name: the intercept group.</param>
/// <param name="Target">D_i per task.</param>
/// <param name="MeanProbabilities">Mean P_i per task over the prompts.</param>
/// <param name="Replicates">Per task, the mean P_i of every bootstrap replicate (NaN for a replicate that drew no prompt).</param>
public sealed record MixtureMeans(string Name, IReadOnlyList<double> Target, IReadOnlyList<double> MeanProbabilities, IReadOnlyList<double[]> Replicates);

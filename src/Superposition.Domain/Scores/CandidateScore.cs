namespace Superposition.Scores;

/// <summary>
/// The probability a model gives one candidate answer (with the end-of-answer "\n" unless the paper's mode is
/// asked for), in log space so that tiny probabilities stay exact. −∞ means probability 0.
/// </summary>
/// <param name="Task">Task id of the candidate.</param>
/// <param name="Answer">The candidate answer text (without terminator).</param>
/// <param name="LogProbability">Natural log of P; for <see cref="Exactness.Bound"/> an upper bound; for an estimate the point estimate.</param>
/// <param name="Exactness">Exact, bound, or estimate.</param>
/// <param name="LowerLogProbability">Lower end of the interval (estimates), else null.</param>
/// <param name="UpperLogProbability">Upper end of the interval (estimates), else null.</param>
public sealed record CandidateScore(
    string Task,
    string Answer,
    double LogProbability,
    Exactness Exactness,
    double? LowerLogProbability = null,
    double? UpperLogProbability = null)
{
    public double Probability => Math.Exp(LogProbability);
}

namespace Superposition.Scores;

/// <summary>
/// A model's probability of one candidate answer under one <see cref="AnswerMeasure"/>, in log space so that tiny
/// probabilities stay exact. −∞ means probability 0.
/// </summary>
/// <param name="LogProbability">Natural log of P; for a bound the bound itself; for an estimate the point estimate.</param>
/// <param name="Exactness">Exact, an upper or lower bound, or an estimate.</param>
/// <param name="LowerLogProbability">Lower end of the interval (estimates), else null.</param>
/// <param name="UpperLogProbability">Upper end of the interval (estimates), else null.</param>
public sealed record AnswerProbability(
    double LogProbability,
    Exactness Exactness,
    double? LowerLogProbability = null,
    double? UpperLogProbability = null)
{
    public double Probability => Math.Exp(LogProbability);

    /// <summary>An exact log-probability.</summary>
    public static AnswerProbability Exact(double logProbability) => new(logProbability, Exactness.Exact);
}

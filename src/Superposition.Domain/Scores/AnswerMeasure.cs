namespace Superposition.Scores;

/// <summary>
/// Which event a candidate's probability is the probability of (docs/science.md, "Two measures of an answer").
/// </summary>
public enum AnswerMeasure
{
    /// <summary>
    /// The answer followed by its end, the "\n" that closes every example line: the probability that the model
    /// generates exactly this answer. The suite's measure.
    /// </summary>
    Terminated,

    /// <summary>
    /// The answer's tokens alone, with no end: it also holds every continuation that starts with them (P("I")
    /// includes "Italian" tokenised "I" + "talian"). What the authors' code computes, so the measure that numbers
    /// set beside the paper's Fig. 6 must use.
    /// </summary>
    Prefix,
}

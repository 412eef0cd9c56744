namespace Superposition.Scores;

/// <summary>How far a candidate's probability can be trusted.</summary>
public enum Exactness
{
    /// <summary>The model's probability itself, from teacher-forced or complete top-k log-probabilities.</summary>
    Exact,

    /// <summary>
    /// An upper bound: some needed token was missing from a top-k list, so its probability is at most the
    /// smallest listed one. <see cref="AnswerProbability.LogProbability"/> is the bound.
    /// </summary>
    Bound,

    /// <summary>A statistical estimate (sampling) with a confidence interval.</summary>
    Estimate,

    /// <summary>
    /// A lower bound: the procedure summed only the paths it found. The authors' beam (<c>paper-beam</c>) records
    /// 0 for an answer it never reached, which is this, not the model's probability.
    /// </summary>
    LowerBound,
}

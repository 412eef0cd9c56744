using Superposition.Specs;

namespace Superposition.Scores;

/// <summary>One prompt scored by one model: a score per candidate, in the prompt's task order, and the cost.</summary>
/// <param name="Model">Model name (from configuration, or a reference model).</param>
/// <param name="Strategy">The strategy that produced the numbers (<c>StrategyNames</c> in the scoring library).</param>
/// <param name="Candidates">One score per candidate, in the prompt's task order.</param>
/// <param name="Cost">Requests, tokens and time spent.</param>
/// <param name="Tokenization">How the answers were tokenised: apart from the prompt (every strategy), or with it as the authors did (paper-forward's option).</param>
public sealed record PromptScore(string Model, string Strategy, IReadOnlyList<CandidateScore> Candidates, ScoringCost Cost, Tokenization Tokenization = Tokenization.Separate)
{
    /// <summary>True when every candidate has a probability under <paramref name="measure"/>.</summary>
    public bool Has(AnswerMeasure measure) => Candidates.Count > 0 && Candidates.All(c => c.Of(measure) is not null);

    /// <summary>True when every candidate's probability under <paramref name="measure"/> is exact.</summary>
    public bool IsExact(AnswerMeasure measure) => Candidates.All(c => c.Of(measure) is { Exactness: Exactness.Exact });

    /// <summary>The log-probabilities under <paramref name="measure"/>, in task order; null when some candidate lacks one.</summary>
    public IReadOnlyList<double>? LogProbabilities(AnswerMeasure measure) =>
        Has(measure) ? [.. Candidates.Select(c => c.Of(measure)!.LogProbability)] : null;
}

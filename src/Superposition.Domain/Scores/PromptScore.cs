namespace Superposition.Scores;

/// <summary>One prompt scored by one model: a score per candidate, in the prompt's task order, and the cost.</summary>
/// <param name="Model">Model name (from configuration, or a reference model).</param>
/// <param name="Strategy">The strategy that produced the numbers (echo, trie, chat, sample, paper-forward, paper-beam).</param>
/// <param name="Terminator">True when each answer was scored with its end-of-answer "\n".</param>
/// <param name="Candidates">One score per candidate, in the prompt's task order.</param>
/// <param name="Cost">Requests, tokens and time spent.</param>
public sealed record PromptScore(string Model, string Strategy, bool Terminator, IReadOnlyList<CandidateScore> Candidates, ScoringCost Cost)
{
    /// <summary>True when every candidate's probability is exact.</summary>
    public bool Exact => Candidates.All(c => c.Exactness == Exactness.Exact);

    public IReadOnlyList<double> LogProbabilities => [.. Candidates.Select(c => c.LogProbability)];
}

using Superposition.Scores;

namespace Superposition.Scoring.Strategies;

/// <summary>One way of scoring a prompt's candidates on an endpoint.</summary>
internal interface IScoringStrategy
{
    /// <summary>The name in results (<see cref="StrategyNames"/>).</summary>
    string Name { get; }

    /// <summary>Whether the candidates are scored with their terminator given what was asked (the paper's procedures never are).</summary>
    bool ScoresTerminator(bool requested);

    /// <summary>One score per candidate, in the prompt's task order; costs go to the context's meter.</summary>
    Task<IReadOnlyList<CandidateScore>> ScoreAsync(ScoringContext context, CancellationToken cancellationToken);
}

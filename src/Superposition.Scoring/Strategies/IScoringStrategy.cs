using Superposition.Scores;

namespace Superposition.Scoring.Strategies;

/// <summary>One way of scoring a prompt's candidates on an endpoint.</summary>
internal interface IScoringStrategy
{
    /// <summary>The name in results (<see cref="StrategyNames"/>).</summary>
    string Name { get; }

    /// <summary>
    /// One score per candidate, in the prompt's task order, with every measure the strategy takes: the prefix-inclusive
    /// P always, P(answer + "\n") when the context asks for the terminator and the strategy can score it (the
    /// authors' procedures cannot); costs go to the context's meter.
    /// </summary>
    Task<IReadOnlyList<CandidateScore>> ScoreAsync(ScoringContext context, CancellationToken cancellationToken);
}

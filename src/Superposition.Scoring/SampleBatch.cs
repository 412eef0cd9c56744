using Superposition.Scores;

namespace Superposition.Scoring;

/// <summary>Sampled completions, in order, with why each ended ("stop", "length") and what they cost.</summary>
public sealed record SampleBatch(IReadOnlyList<string> Texts, IReadOnlyList<string?> FinishReasons, ScoringCost Cost);

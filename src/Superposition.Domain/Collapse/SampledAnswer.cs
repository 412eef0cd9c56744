using Superposition.Scores;

namespace Superposition.Collapse;

/// <summary>One answer sampled from a model: its text (without the stop "\n"), whether "\n" ended it, and the cost.</summary>
public sealed record SampledAnswer(string Text, bool Ended, ScoringCost Cost);

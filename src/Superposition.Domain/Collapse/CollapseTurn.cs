namespace Superposition.Collapse;

/// <summary>One turn of a multi-turn run: the question, the model's answer, and the task it matched (null: other).</summary>
public sealed record CollapseTurn(string Question, string Answer, string? Task);

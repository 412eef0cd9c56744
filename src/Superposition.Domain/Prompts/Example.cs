namespace Superposition.Prompts;

/// <summary>One in-context example line: which task produced it, its question and its answer.</summary>
public sealed record Example(string Task, string Question, string Answer);

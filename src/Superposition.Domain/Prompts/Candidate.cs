namespace Superposition.Prompts;

/// <summary>The answer a task gives to the prompt's final question: what the model's probability is measured for.</summary>
public sealed record Candidate(string Task, string Answer);

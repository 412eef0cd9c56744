namespace Superposition.Nightly;

/// <summary>The prompt measures of one model under one distribution in one run, ordered by prompt id.</summary>
public sealed record GroupMeasures(string Model, string Distribution, IReadOnlyList<PromptMeasure> Prompts);

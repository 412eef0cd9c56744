namespace Superposition.Specs;

/// <summary>How a spec's prompts are scored.</summary>
/// <param name="Strategy">auto (default), echo, trie, chat, sample, paper-forward or paper-beam.</param>
/// <param name="Terminator">Score answer + "\n" (default true); false reproduces the paper's prefix-inclusive P.</param>
/// <param name="Samples">Samples per prompt for the sample strategy (default 200).</param>
public sealed record ScoringOptions(string Strategy = "auto", bool Terminator = true, int Samples = 200);

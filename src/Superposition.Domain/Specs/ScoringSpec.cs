namespace Superposition.Specs;

/// <summary>How a spec's prompts are scored.</summary>
/// <param name="Strategy">auto (default), echo, trie, chat, sample, paper-forward, paper-beam or beam.</param>
/// <param name="Terminator">
/// Also measure P(answer + "\n") (default true). The prefix-inclusive P(answer), comparable with the paper, is
/// measured either way wherever the strategy allows; false measures it alone (cheaper, and right for chat models
/// that end a reply without "\n").
/// </param>
/// <param name="Samples">Samples per prompt for the sample strategy (default 200).</param>
/// <param name="Tokenization">Separate (default), or joint: the authors' tokenisation of prompt + answer, for paper-forward only.</param>
public sealed record ScoringSpec(string Strategy = "auto", bool Terminator = true, int Samples = 200, Tokenization Tokenization = Tokenization.Separate);

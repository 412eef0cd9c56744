using Superposition.LanguageModels;
using Superposition.Prompts;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Strategies;

namespace Superposition.Benchmarks;

/// <summary>
/// The least a prompt can cost a model that computes each token once: its own tokens plus the distinct tokens of
/// its candidates' trie (answer, then "\n" with the terminator), tokenised apart as the scorer tokenises them.
/// </summary>
internal static class Minimum
{
    public static int Tokens(ITokenizer tokenizer, Prompt prompt, bool terminator) =>
        tokenizer.Encode(prompt.Text).Length + new CandidateTrie(Candidates(tokenizer, prompt, terminator), id => new CandidateToken(id, null, null)).DistinctTokens;

    /// <summary>The longest sequence echo sends: the prompt followed by its longest candidate.</summary>
    public static int Longest(ITokenizer tokenizer, Prompt prompt, bool terminator) =>
        tokenizer.Encode(prompt.Text).Length + Candidates(tokenizer, prompt, terminator).Max(c => c.Length);

    /// <summary>1 + candidates × mean candidate length / prompt length: the goal without a key/value cache.</summary>
    public static double WithoutCacheBound(ITokenizer tokenizer, Prompt prompt, bool terminator)
    {
        var candidates = Candidates(tokenizer, prompt, terminator);
        return 1 + (candidates.Count * candidates.Average(c => c.Length) / tokenizer.Encode(prompt.Text).Length);
    }

    private static List<int[]> Candidates(ITokenizer tokenizer, Prompt prompt, bool terminator)
    {
        var newline = terminator ? tokenizer.Encode("\n") : [];
        return [.. prompt.Candidates.Select(c => (int[])[.. tokenizer.Encode(c.Answer), .. newline])];
    }
}

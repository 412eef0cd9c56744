using Superposition.LanguageModels;

namespace Superposition.OnnxModel.Tests.Inference;

/// <summary>
/// The request an echo strategy sends for one prompt: the context's ids followed by each candidate answer's ids and
/// the terminator's, tokenised separately (as PromptTokens does); answers of different lengths, two sharing a
/// first token.
/// </summary>
internal sealed record EchoShape(int[] Context, IReadOnlyList<int[]> Candidates)
{
    public static readonly string[] Answers = [" Madrid", " Rome", " Lima, Peru", " Cairo", " 49", " Tokyo or Kyoto"];

    public IReadOnlyList<IReadOnlyList<int>> Sequences => [.. Candidates.Select(c => (IReadOnlyList<int>)[.. Context, .. c])];

    /// <summary>The least any model can compute: the context once and each distinct candidate prefix once.</summary>
    public int Minimum => Context.Length + Candidates.SelectMany(c => Enumerable.Range(1, c.Length).Select(k => string.Join(",", c.Take(k)))).Distinct().Count();

    public static EchoShape For(ITokenizer tokenizer)
    {
        var context = tokenizer.Encode("France -> Paris\nJapan -> Tokyo\nItaly -> Rome\n7 -> 49\nPeru -> Lima\nSpain ->");
        var newline = tokenizer.Encode("\n");
        return new EchoShape(context, [.. Answers.Select(a => (int[])[.. tokenizer.Encode(a), .. newline])]);
    }
}

using Superposition.Prompts;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// A prompt's token ids: the context's (with the tokenizer's special tokens, e.g. a BOS), then each candidate's
/// tokens AS THE MODEL WOULD GENERATE THEM after it: the answer's tokens in context, then the terminator's ("\n")
/// in context after the answer. A text's tokens in context are those the tokenizer gives it after the text before
/// it: the ids of (before + text) past the ids of before, when those are a prefix (no token spans the boundary).
/// This is what a SentencePiece-style tokenizer needs ("Rome" alone gets a word-start marker it does not have after
/// "->"); on byte-level BPE it equals tokenising the text alone. Where a token would span the boundary (BPE merging
/// across it), no continuation of the context's ids is the tokenizer's own split of that text, and the text's own
/// tokens are used (separate tokenisation), which is still a sequence the model can generate after the context's
/// ids. Every candidate continues the same context ids (the trie walk and echo score the same sequence), and the
/// answer's tokens are a prefix of answer-plus-terminator's, so the prefix-inclusive P and P(answer + "\n") come
/// from the same positions.
/// </summary>
/// <param name="Context">The prompt's ids (with the tokenizer's special tokens, e.g. a BOS).</param>
/// <param name="Candidates">Each candidate's ids: the answer's, then the terminator's when scored.</param>
/// <param name="AnswerLengths">How many of each candidate's ids are the answer's.</param>
internal sealed record PromptTokens(int[] Context, IReadOnlyList<int[]> Candidates, IReadOnlyList<int> AnswerLengths)
{
    public static async Task<PromptTokens> ForAsync(IScoringBackend backend, Prompt prompt, bool terminator, CancellationToken cancellationToken)
    {
        var context = backend.EncodeAsync(prompt.Text, addSpecialTokens: true, cancellationToken);
        var candidates = prompt.Candidates.Select(async c =>
        {
            var answer = await InContextAsync(backend, prompt.Text, c.Answer, cancellationToken);
            var newline = terminator ? await InContextAsync(backend, prompt.Text + c.Answer, "\n", cancellationToken) : [];
            return (Answer: answer, Newline: newline);
        }).ToList();
        await Task.WhenAll([context, .. candidates]);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Result.Answer.Length == 0)
            {
                throw new EndpointException(backend.Model.Name, $"tokenised the answer '{prompt.Candidates[i].Answer}' of task {prompt.Candidates[i].Task} to no tokens");
            }
        }

        return new PromptTokens(
            context.Result,
            [.. candidates.Select(c => (int[])[.. c.Result.Answer, .. c.Result.Newline])],
            [.. candidates.Select(c => c.Result.Answer.Length)]);
    }

    /// <summary>The tokens of <paramref name="text"/> after <paramref name="before"/> (see the type's summary); special tokens are not added to either.</summary>
    public static async Task<int[]> InContextAsync(IScoringBackend backend, string before, string text, CancellationToken cancellationToken)
    {
        var prefix = backend.EncodeAsync(before, addSpecialTokens: false, cancellationToken);
        var joint = backend.EncodeAsync(before + text, addSpecialTokens: false, cancellationToken);
        await Task.WhenAll(prefix, joint);
        var p = prefix.Result;
        var j = joint.Result;
        return j.Length > p.Length && j.AsSpan(0, p.Length).SequenceEqual(p)
            ? j[p.Length..]
            : await backend.EncodeAsync(text, addSpecialTokens: false, cancellationToken);
    }
}

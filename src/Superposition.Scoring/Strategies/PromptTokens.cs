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
        // The prompt's own ids are read once for every candidate, and each candidate's text with its answer once for
        // both its answer's tokens and its terminator's: 2 + 2 per candidate encodings, not 1 + 4 per candidate.
        var context = backend.EncodeAsync(prompt.Text, addSpecialTokens: true, cancellationToken);
        var promptIds = backend.EncodeAsync(prompt.Text, addSpecialTokens: false, cancellationToken);
        var candidates = prompt.Candidates.Select(async c =>
        {
            var withAnswer = await backend.EncodeAsync(prompt.Text + c.Answer, addSpecialTokens: false, cancellationToken);
            var answer = After(await promptIds, withAnswer) ?? await backend.EncodeAsync(c.Answer, addSpecialTokens: false, cancellationToken);
            var newline = terminator
                ? After(withAnswer, await backend.EncodeAsync(prompt.Text + c.Answer + "\n", addSpecialTokens: false, cancellationToken)) ?? await backend.EncodeAsync("\n", addSpecialTokens: false, cancellationToken)
                : [];
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

    /// <summary>
    /// The ids of a text in context: the ids of (before + text) past the ids of before, when those are a proper prefix
    /// of them (no token spans the boundary); null when they are not, and the text's own tokens are to be used.
    /// </summary>
    private static int[]? After(int[] before, int[] joint) =>
        joint.Length > before.Length && joint.AsSpan(0, before.Length).SequenceEqual(before) ? joint[before.Length..] : null;
}

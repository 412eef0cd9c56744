using Superposition.Prompts;
using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// A prompt's token ids. The context and each candidate are tokenised SEPARATELY and the ids concatenated:
/// candidate = tokens(answer), then tokens("\n") when the terminator is scored. So every candidate continues the
/// same context ids (the trie walk and echo score the same sequence), and the answer's tokens are a prefix of
/// answer-plus-terminator's, which gives the prefix-inclusive P and P(answer + "\n") from the same positions. A
/// server that would tokenise the joined text differently (BPE merging across the boundary) is thereby scored
/// on the tokenisation the model generates after the prompt, not a merged one.
/// </summary>
/// <param name="Context">The prompt's ids (with the tokenizer's special tokens, e.g. a BOS).</param>
/// <param name="Candidates">Each candidate's ids: the answer's, then the terminator's when scored.</param>
/// <param name="AnswerLengths">How many of each candidate's ids are the answer's.</param>
internal sealed record PromptTokens(int[] Context, IReadOnlyList<int[]> Candidates, IReadOnlyList<int> AnswerLengths)
{
    public static async Task<PromptTokens> ForAsync(ModelEndpoint endpoint, Prompt prompt, bool terminator, CancellationToken cancellationToken)
    {
        var context = endpoint.TokenizeAsync(prompt.Text, addSpecialTokens: true, cancellationToken);
        var newline = terminator ? endpoint.TokenizeAsync("\n", addSpecialTokens: false, cancellationToken) : Task.FromResult(Array.Empty<int>());
        var answers = prompt.Candidates.Select(c => endpoint.TokenizeAsync(c.Answer, addSpecialTokens: false, cancellationToken)).ToList();
        await Task.WhenAll([context, newline, .. answers]);
        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i].Result.Length == 0)
            {
                throw new EndpointException(endpoint.Model.Name, $"tokenised the answer '{prompt.Candidates[i].Answer}' of task {prompt.Candidates[i].Task} to no tokens");
            }
        }

        return new PromptTokens(context.Result, [.. answers.Select(a => (int[])[.. a.Result, .. newline.Result])], [.. answers.Select(a => a.Result.Length)]);
    }
}

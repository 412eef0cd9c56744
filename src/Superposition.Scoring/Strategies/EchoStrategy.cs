using Superposition.Scores;
using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Models;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// Teacher forcing through legacy completions with <c>echo</c>: every candidate's full sequence (context ids +
/// answer ids + "\n" ids) goes in one request (batches of the model's EchoBatchSize), and the candidate's
/// probabilities are sums of the echoed logprobs: over the answer's tokens (the prefix-inclusive P) and over the
/// answer's and the terminator's (P(answer + "\n")), both from the same positions. Token-id prompts where the
/// server tokenises; otherwise text prompts split by <c>text_offset</c>, where a candidate whose answer and "\n"
/// share a token gets its prefix-inclusive P from one more request without the "\n".
/// </summary>
internal sealed class EchoStrategy : IScoringStrategy
{
    public string Name => StrategyNames.Echo;

    public Task<IReadOnlyList<CandidateScore>> ScoreAsync(ScoringContext context, CancellationToken cancellationToken) =>
        TeacherForceAsync(context, context.Endpoint.Model.EchoBatchSize, context.Terminator, cancellationToken);

    /// <summary>
    /// Teacher forcing of every candidate with separate tokenisation, <paramref name="batchSize"/> candidates per
    /// request: the prefix-inclusive P always, P(answer + "\n") when <paramref name="terminator"/> is set. Echo sends
    /// the model's EchoBatchSize; the authors' paper-forward one candidate per request, without terminator.
    /// </summary>
    public static async Task<IReadOnlyList<CandidateScore>> TeacherForceAsync(ScoringContext context, int batchSize, bool terminator, CancellationToken cancellationToken)
    {
        var endpoint = context.Endpoint;
        var candidates = context.Prompt.Candidates;
        var prefix = new double?[candidates.Count];
        var terminated = new double?[candidates.Count];
        var batches = Enumerable.Range(0, candidates.Count).Chunk(batchSize).ToList();
        if (endpoint.Model.Tokenizer == TokenizerKind.Server)
        {
            var tokens = await PromptTokens.ForAsync(endpoint, context.Prompt, terminator, cancellationToken);
            await Task.WhenAll(batches.Select(async batch =>
            {
                var (result, maxTokens) = await EchoRequests.SendAsync(context, [.. batch.Select(i => PromptInput.FromIds([.. tokens.Context, .. tokens.Candidates[i]]))], cancellationToken);
                for (var j = 0; j < batch.Length; j++)
                {
                    var i = batch[j];
                    var start = tokens.Context.Length;
                    var positions = EchoRequests.PositionsOfIds(context, result, j, start + tokens.Candidates[i].Length, maxTokens);
                    prefix[i] = EchoRequests.Sum(context, positions, start, start + tokens.AnswerLengths[i]);
                    terminated[i] = terminator ? EchoRequests.Sum(context, positions, start, start + tokens.Candidates[i].Length) : null;
                }
            }));
        }
        else
        {
            await Task.WhenAll(batches.Select(batch => ScoreTextAsync(context, batch, terminator, prefix, terminated, cancellationToken)));
            var unseparated = Enumerable.Range(0, candidates.Count).Where(i => prefix[i] is null).ToArray();
            if (unseparated.Length > 0)
            {
                await ScoreTextAsync(context, unseparated, terminator: false, prefix, terminated, cancellationToken);
            }
        }

        return [.. candidates.Select((c, i) => new CandidateScore(
            c.Task,
            c.Answer,
            terminated[i] is { } t ? AnswerProbability.Exact(t) : null,
            AnswerProbability.Exact(prefix[i] ?? throw new EndpointException(context.Model, $"tokenised the answer '{c.Answer}' so that it cannot be separated from the prompt's text (configure a server tokeniser to send token ids)"))))];
    }

    /// <summary>Text prompts: the answer's span by character offsets; a prefix that shares a token with "\n" stays null.</summary>
    private static async Task ScoreTextAsync(ScoringContext context, int[] batch, bool terminator, double?[] prefix, double?[] terminated, CancellationToken cancellationToken)
    {
        var text = context.Prompt.Text;
        var answers = batch.Select(i => context.Prompt.Candidates[i].Answer).ToArray();
        var full = answers.Select(a => text + a + (terminator ? "\n" : string.Empty)).ToArray();
        var (result, _) = await EchoRequests.SendAsync(context, [.. full.Select(PromptInput.FromText)], cancellationToken);
        EchoRequests.CheckTextPromptCount(context, result, [.. full.Select(f => f.Length)]);
        for (var j = 0; j < batch.Length; j++)
        {
            var positions = EchoRequests.PositionsOfText(context, result, j);
            var start = EchoRequests.IndexAt(context, positions, text.Length)
                ?? throw new EndpointException(context.Model, "tokenised the prompt so that a token spans the end of the context and the start of the answer; the answer's probability cannot be separated (configure a server tokeniser to send token ids)");
            var answerEnd = EchoRequests.IndexAt(context, positions, text.Length + answers[j].Length);
            var end = EchoRequests.IndexAt(context, positions, full[j].Length) ?? positions.Count;
            if (answerEnd is { } a)
            {
                prefix[batch[j]] = EchoRequests.Sum(context, positions, start, a);
            }

            if (terminator)
            {
                terminated[batch[j]] = EchoRequests.Sum(context, positions, start, end);
            }
        }
    }
}

using Superposition.Scores;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// Teacher forcing: every candidate's full sequence (context ids + answer ids + "\n" ids) as one log-likelihood
/// request, the prompt's candidates in batches of the model's EchoBatchSize (one echo request on a server, one
/// batched forward pass in process), and the candidate's probabilities sums of the continuation's logprobs: over
/// the answer's tokens (the prefix-inclusive P) and over the answer's and the terminator's (P(answer + "\n")), both
/// from the same positions. Token ids where the backend reads them; otherwise text prompts the backend tokenises,
/// split by character offset, where a candidate whose answer and "\n" share a token gets its prefix-inclusive P
/// from one more request without the "\n".
/// </summary>
internal sealed class EchoStrategy : IScoringStrategy
{
    public string Name => StrategyNames.Echo;

    public Task<IReadOnlyList<CandidateScore>> ScoreAsync(ScoringContext context, CancellationToken cancellationToken) =>
        TeacherForceAsync(context, context.Backend.Model.EchoBatchSize, context.Terminator, cancellationToken);

    /// <summary>
    /// Teacher forcing of every candidate with separate tokenisation, <paramref name="batchSize"/> candidates per
    /// call: the prefix-inclusive P always, P(answer + "\n") when <paramref name="terminator"/> is set. Echo sends
    /// the model's EchoBatchSize; the authors' paper-forward one candidate per call, without terminator.
    /// </summary>
    public static async Task<IReadOnlyList<CandidateScore>> TeacherForceAsync(ScoringContext context, int batchSize, bool terminator, CancellationToken cancellationToken)
    {
        var backend = context.Backend;
        var candidates = context.Prompt.Candidates;
        var prefix = new double?[candidates.Count];
        var terminated = new double?[candidates.Count];
        var batches = Enumerable.Range(0, candidates.Count).Chunk(Math.Max(1, batchSize)).ToList();
        if (backend.Capabilities.TokenIds)
        {
            var tokens = await PromptTokens.ForAsync(backend, context.Prompt, terminator, cancellationToken);
            async Task ScoreAsync(int[] batch)
            {
                var logprobs = context.Cost.Record(await backend.LogLikelihoodAsync([.. batch.Select(i => new Continuation(tokens.Context, tokens.Candidates[i]))], cancellationToken));
                for (var j = 0; j < batch.Length; j++)
                {
                    var i = batch[j];
                    prefix[i] = Sum(logprobs[j], tokens.AnswerLengths[i]);
                    terminated[i] = terminator ? Sum(logprobs[j], logprobs[j].Length) : null;
                }
            }

            // The first batch runs alone, the others after it in parallel: the prompt is then in the model's prefix
            // cache (vLLM's, or an ONNX model's key/value cache in process) when they arrive, instead of every batch
            // missing it at once and computing the prompt again (paper-forward sends one candidate per call).
            await ScoreAsync(batches[0]);
            await Task.WhenAll(batches.Skip(1).Select(ScoreAsync));
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

    /// <summary>Σ of the first <paramref name="count"/> logprobs, in order (the same additions as a sum over echoed positions).</summary>
    public static double Sum(double[] logprobs, int count)
    {
        var sum = 0.0;
        for (var t = 0; t < count; t++)
        {
            sum += logprobs[t];
        }

        return sum;
    }

    /// <summary>Text prompts: the answer's span by character offsets; a prefix that shares a token with "\n" stays null.</summary>
    private static async Task ScoreTextAsync(ScoringContext context, int[] batch, bool terminator, double?[] prefix, double?[] terminated, CancellationToken cancellationToken)
    {
        var text = context.Prompt.Text;
        var answers = batch.Select(i => context.Prompt.Candidates[i].Answer).ToArray();
        var full = answers.Select(a => text + a + (terminator ? "\n" : string.Empty)).ToArray();
        var echoed = context.Cost.Record(await context.Backend.EchoTextAsync(full, cancellationToken));
        for (var j = 0; j < batch.Length; j++)
        {
            var positions = echoed[j];
            var start = TextSpans.IndexAt(context.Model, positions, text.Length)
                ?? throw new EndpointException(context.Model, "tokenised the prompt so that a token spans the end of the context and the start of the answer; the answer's probability cannot be separated (configure a server tokeniser to send token ids)");
            var answerEnd = TextSpans.IndexAt(context.Model, positions, text.Length + answers[j].Length);
            var end = TextSpans.IndexAt(context.Model, positions, full[j].Length) ?? positions.Count;
            if (answerEnd is { } a)
            {
                prefix[batch[j]] = TextSpans.Sum(context.Model, positions, start, a);
            }

            if (terminator)
            {
                terminated[batch[j]] = TextSpans.Sum(context.Model, positions, start, end);
            }
        }
    }
}

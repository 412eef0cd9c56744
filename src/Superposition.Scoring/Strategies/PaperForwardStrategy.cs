using Superposition.Scores;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Models;
using Superposition.Specs;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// The authors' procedure for local models (<c>get_probs</c> in their run_experiments.py): one teacher-forced
/// call per candidate, the answer without any terminator, its P the product of the answer's token
/// probabilities — the prefix-inclusive measure only. Tokenisation: <see cref="Tokenization.Separate"/> (prompt
/// and answer tokenised apart, as every strategy of the suite) or the authors' own <see cref="Tokenization.Joint"/>:
/// prompt + answer tokenised as one string and the answer taken as the tokens after the prompt's own token count
/// (BOS included where the tokenizer adds one). Where joint tokenisation merges across the boundary, those tokens
/// are not the answer's; where it leaves none after the count, the authors' product over no tokens is 1, and so is
/// the suite's.
/// </summary>
internal sealed class PaperForwardStrategy : IScoringStrategy
{
    public string Name => StrategyNames.PaperForward;

    public async Task<IReadOnlyList<CandidateScore>> ScoreAsync(ScoringContext context, CancellationToken cancellationToken)
    {
        var backend = context.Backend;
        var candidates = context.Prompt.Candidates;
        if (context.Tokenization == Tokenization.Separate)
        {
            return await EchoStrategy.TeacherForceAsync(context, batchSize: 1, terminator: false, cancellationToken);
        }

        if (!backend.Capabilities.CanTokenize)
        {
            throw new EndpointException(context.Model, "paper-forward with joint tokenisation needs the model's tokenizer to count the prompt's tokens (set Tokenizer: server, or the tiktoken encoding of an OpenAI model)");
        }

        var promptCount = (await backend.EncodeAsync(context.Prompt.Text, addSpecialTokens: true, cancellationToken)).Length;
        // The first candidate alone, then the others: the prompt is in the model's prefix cache when they arrive.
        var first = await JointAsync(context, candidates[0].Answer, promptCount, cancellationToken);
        double[] scores = [first, .. await Task.WhenAll(candidates.Skip(1).Select(c => JointAsync(context, c.Answer, promptCount, cancellationToken)))];
        return [.. candidates.Select((c, i) => new CandidateScore(c.Task, c.Answer, Terminated: null, AnswerProbability.Exact(scores[i])))];
    }

    private static async Task<double> JointAsync(ScoringContext context, string answer, int promptCount, CancellationToken cancellationToken)
    {
        var backend = context.Backend;
        var text = context.Prompt.Text + answer;
        var ids = await backend.EncodeAsync(text, addSpecialTokens: true, cancellationToken);

        // Their slice: logits[prompt_count − 1 : −1] against ids[prompt_count:], i.e. every position from the
        // prompt's own token count to the end; none when the joint text has no more tokens than the prompt alone.
        var from = Math.Min(promptCount, ids.Length);
        if (backend.Capabilities.TokenIds)
        {
            var logprobs = context.Cost.Record(await backend.LogLikelihoodAsync([new Continuation(ids[..from], ids[from..])], cancellationToken));
            return EchoStrategy.Sum(logprobs[0], logprobs[0].Length);
        }

        var positions = context.Cost.Record(await backend.EchoTextAsync([text], cancellationToken))[0];
        var echoed = positions.Count(p => p.TextOffset < text.Length);
        if (echoed != ids.Length)
        {
            var name = backend.Model.Tokenizer == TokenizerKind.Cl100kBase ? "cl100k_base" : "o200k_base";
            throw new EndpointException(context.Model, $"echoed {echoed} prompt tokens for a text its configured tokenizer ({name}) counts as {ids.Length}: that tokenizer is not the server's, so the prompt's token count cannot be taken from it");
        }

        return TextSpans.Sum(context.Model, positions, from, ids.Length);
    }
}

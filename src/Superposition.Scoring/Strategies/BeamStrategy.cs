using Superposition.Scores;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// A text beam for endpoints that give only top-k logprobs of generated tokens and no tokenizer: continuations
/// with max_tokens 1 and the top 10 logprobs (or the endpoint's limit), each call resending the whole
/// prompt as text plus a beam's text; beams are extended while they are a proper prefix of some answer (so "I"
/// goes on towards "Icelandic"), the 10 most likely kept per step, for at most T = ⌈1.5 × longest answer in
/// tokens⌉ steps, with no probability thresholds. An answer's P is the mass of the beams that spell it exactly,
/// without terminator (the prefix-inclusive measure). An answer no beam spelled gets an upper bound from the last
/// list on its path. It differs from the authors' procedure (<see cref="PaperBeamStrategy"/>), which stops at an
/// answer, prunes below 0.001 and records 0 for answers it never reaches: this one finds more of the mass.
/// </summary>
internal sealed class BeamStrategy : IScoringStrategy
{
    private const int Width = 10;

    public string Name => StrategyNames.Beam;

    public async Task<IReadOnlyList<CandidateScore>> ScoreAsync(ScoringContext context, CancellationToken cancellationToken)
    {
        var backend = context.Backend;
        var answers = context.Prompt.Candidates.Select(c => c.Answer).ToArray();
        var k = Math.Min(Width, backend.Capabilities.CompletionTopK);
        var longest = 0;
        foreach (var answer in answers)
        {
            longest = Math.Max(longest, backend.Capabilities.CanTokenize ? (await backend.EncodeAsync(answer, false, cancellationToken)).Length : answer.Length);
        }

        var steps = (int)Math.Ceiling(1.5 * longest);
        var found = answers.Select(_ => double.NegativeInfinity).ToArray();
        var bounds = answers.Select(_ => 0.0).ToArray();
        List<(string Text, double Logprob)> frontier = [(string.Empty, 0.0)];
        for (var step = 0; step < steps && frontier.Count > 0; step++)
        {
            var lists = await Task.WhenAll(frontier.Select(beam => TopAsync(context, beam.Text, k, cancellationToken)));
            var next = new List<(string Text, double Logprob)>();
            for (var b = 0; b < frontier.Count; b++)
            {
                var (text, logprob) = frontier[b];
                var top = lists[b];
                var ambiguous = top.Where(t => !CandidateToken.Identifiable(t.Token)).Select(t => ServedLogprobs.Normalize(t.Logprob)).DefaultIfEmpty(double.NegativeInfinity).Max();
                for (var a = 0; a < answers.Length; a++)
                {
                    if (IsProperPrefix(text, answers[a]))
                    {
                        // Any continuation towards answer a is a listed child or a missing one.
                        var towards = top.Where(t => CandidateToken.Identifiable(t.Token) && answers[a].StartsWith(text + t.Token, StringComparison.Ordinal))
                            .Select(t => ServedLogprobs.Normalize(t.Logprob)).DefaultIfEmpty(double.NegativeInfinity).Max();
                        var bound = logprob + Math.Max(towards, Math.Max(CandidateTrie.MissingBound(top, k), ambiguous));
                        bounds[a] = Math.Min(bounds[a], bound);
                    }
                }

                foreach (var entry in top)
                {
                    if (!CandidateToken.Identifiable(entry.Token))
                    {
                        continue; // a partial character cannot be appended to a text prompt
                    }

                    var extended = text + entry.Token;
                    var lp = logprob + ServedLogprobs.Normalize(entry.Logprob);
                    for (var a = 0; a < answers.Length; a++)
                    {
                        if (extended == answers[a])
                        {
                            found[a] = LogAdd(found[a], lp);
                        }
                    }

                    if (!double.IsNegativeInfinity(lp) && answers.Any(a => IsProperPrefix(extended, a)))
                    {
                        next.Add((extended, lp));
                    }
                }
            }

            frontier = [.. next.OrderByDescending(b => b.Logprob).Take(Width)];
        }

        return [.. context.Prompt.Candidates.Select((c, i) => double.IsNegativeInfinity(found[i]) && bounds[i] > double.NegativeInfinity
            ? new CandidateScore(c.Task, c.Answer, null, new AnswerProbability(bounds[i], Exactness.Bound))
            : new CandidateScore(c.Task, c.Answer, null, AnswerProbability.Exact(found[i])))];
    }

    private static async Task<IReadOnlyList<TopToken>> TopAsync(ScoringContext context, string beam, int k, CancellationToken cancellationToken)
    {
        var request = GenerationRequest.FromText(context.Prompt.Text + beam, maxTokens: 1) with { TopK = k, Temperature = 1.0, Seed = context.SeedFor("beam", beam) };
        var choices = context.Cost.Record(await context.Backend.GenerateAsync(request, cancellationToken));
        var positions = choices.Count == 1 ? choices[0].Positions : null;
        return positions is { Count: > 0 } p ? p[0].Top : throw new EndpointException(context.Model, "returned no top logprobs for a beam step");
    }

    private static bool IsProperPrefix(string prefix, string text) => prefix.Length < text.Length && text.StartsWith(prefix, StringComparison.Ordinal);

    private static double LogAdd(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        var max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}

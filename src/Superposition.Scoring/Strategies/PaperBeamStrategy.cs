using Superposition.Scores;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// The authors' procedure for gpt-3.5-turbo-instruct, line for line (<c>get_probs_openai</c> in their
/// run_experiments.py): for at most T = int(1.5 × the longest answer's token count) steps, every beam (starting
/// with the empty text at probability 1) sends the prompt + its text to legacy completions with max_tokens 1,
/// temperature 0 and the top 10 logprobs (fewer where the endpoint lists fewer). Of each listed token: a text that
/// now spells a candidate answer exactly adds the beam's probability × the token's to that answer and is not
/// extended; any other is kept when the token's probability exceeds 0.001 and the product does too. The 10 most
/// probable kept texts (stable order on ties) are the next step's beams, also those no answer starts with; the
/// walk stops when no beam is a prefix of an answer, or when nothing was kept. A beam whose answer lists no
/// logprobs (the model ended the text) is skipped, as their <c>except: continue</c> does. An answer no beam spelled
/// gets 0: what the authors recorded, and a <see cref="Exactness.LowerBound"/> of the model's probability, which
/// makes that prompt's KL infinite. Probabilities are multiplied as probabilities, as theirs were. Prefix-inclusive
/// measure only: the procedure has no terminator. Top-logprob tokens are keyed by their text, as the JSON object
/// their SDK parsed into a dict: a repeated text keeps its first place and its last value.
/// </summary>
internal sealed class PaperBeamStrategy : IScoringStrategy
{
    private const int Beams = 10;
    private const double TokenThreshold = 0.001;
    private const double BeamThreshold = 0.001;

    public string Name => StrategyNames.PaperBeam;

    public async Task<IReadOnlyList<CandidateScore>> ScoreAsync(ScoringContext context, CancellationToken cancellationToken)
    {
        var backend = context.Backend;
        if (!backend.Capabilities.CanTokenize)
        {
            throw new EndpointException(context.Model, "paper-beam needs the answers' token counts to set its number of steps, as the authors counted them with tiktoken (set Tokenizer: server, or the tiktoken encoding of an OpenAI model)");
        }

        var answers = context.Prompt.Candidates.Select(c => c.Answer).ToArray();
        var longest = 0;
        foreach (var answer in answers)
        {
            longest = Math.Max(longest, (await backend.EncodeAsync(answer, false, cancellationToken)).Length);
        }

        var steps = (int)(longest * 1.5);
        var k = Math.Min(Beams, backend.Capabilities.CompletionTopK);
        var found = new Dictionary<string, double>(StringComparer.Ordinal);
        List<(string Text, double Probability)> beams = [(string.Empty, 1.0)];
        for (var step = 0; step < steps; step++)
        {
            var lists = await Task.WhenAll(beams.Select(beam => TopAsync(context, beam.Text, k, cancellationToken)));
            var kept = new List<(string Text, double Probability)>();
            for (var b = 0; b < beams.Count; b++)
            {
                if (lists[b] is not { } top)
                {
                    continue;
                }

                var (text, probability) = beams[b];
                foreach (var (token, logprob) in top)
                {
                    var extended = text + token;
                    var p = Math.Exp(logprob);
                    if (Array.IndexOf(answers, extended) >= 0)
                    {
                        found[extended] = found.GetValueOrDefault(extended) + (probability * p);
                    }
                    else if (p > TokenThreshold && probability * p > BeamThreshold)
                    {
                        kept.Add((extended, probability * p));
                    }
                }
            }

            if (kept.Count == 0)
            {
                break;
            }

            beams = [.. kept.OrderByDescending(beam => beam.Probability).Take(Beams)];
            if (!beams.Any(beam => answers.Any(answer => answer.StartsWith(beam.Text, StringComparison.Ordinal))))
            {
                break;
            }
        }

        return [.. context.Prompt.Candidates.Select(c => new CandidateScore(
            c.Task,
            c.Answer,
            Terminated: null,
            found.TryGetValue(c.Answer, out var p) ? AnswerProbability.Exact(Math.Log(p)) : new AnswerProbability(double.NegativeInfinity, Exactness.LowerBound)))];
    }

    /// <summary>The top list after the prompt + a beam's text, keyed by token text; null when the answer lists none.</summary>
    private static async Task<List<(string Token, double Logprob)>?> TopAsync(ScoringContext context, string beam, int k, CancellationToken cancellationToken)
    {
        var request = GenerationRequest.FromText(context.Prompt.Text + beam, maxTokens: 1) with { TopK = k, Temperature = 0 };
        var choices = context.Cost.Record(await context.Backend.GenerateAsync(request, cancellationToken));
        if (choices is not [{ Positions: [var first, ..] }])
        {
            return null;
        }

        var entries = new List<(string Token, double Logprob)>(first.Top.Count);
        foreach (var entry in first.Top)
        {
            var logprob = ServedLogprobs.Normalize(entry.Logprob);
            var at = entries.FindIndex(e => e.Token == entry.Token);
            if (at >= 0)
            {
                entries[at] = (entry.Token, logprob);
            }
            else
            {
                entries.Add((entry.Token, logprob));
            }
        }

        return entries;
    }
}

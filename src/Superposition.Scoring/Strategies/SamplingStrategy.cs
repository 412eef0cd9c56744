using Superposition.Scores;
using Superposition.Statistics;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// The estimator of last resort: n samples at temperature 1 (no stop string, enough tokens for the longest
/// candidate and its "\n"), each counted for every task whose answer it starts with, once as the answer alone
/// (prefix-inclusive) and once as answer + "\n" when the terminator is measured: both measures from the same
/// samples. P_i is estimated by hits/n with a Wilson interval at confidence 1 − α/k (Bonferroni, so the k
/// intervals of a measure hold jointly at the configured confidence), reported in log space: a candidate never sampled has estimate −∞, lower bound −∞ and a finite upper bound.
/// </summary>
internal sealed class SamplingStrategy : IScoringStrategy
{
    public string Name => StrategyNames.Sample;

    public async Task<IReadOnlyList<CandidateScore>> ScoreAsync(ScoringContext context, CancellationToken cancellationToken)
    {
        var prompt = context.Prompt;
        var answers = prompt.Candidates.Select(c => c.Answer).ToArray();
        var longest = answers.Select(a => a + (context.Terminator ? "\n" : string.Empty)).ToArray();
        var maxTokens = await MaxTokensAsync(context, longest, cancellationToken);
        var request = new SamplingRequest(context.Samples, 1.0, maxTokens, Stop: [], Seed: context.SeedFor("sample"));
        var (texts, _) = await CompletionSampler.SampleAsync(context.Backend, context.Cost, prompt.Text, request, context.Settings.SamplesPerRequest, cancellationToken);

        var terminatedHits = new long[answers.Length];
        var prefixHits = new long[answers.Length];
        foreach (var text in texts)
        {
            for (var i = 0; i < answers.Length; i++)
            {
                if (text.StartsWith(answers[i], StringComparison.Ordinal))
                {
                    prefixHits[i]++;
                    terminatedHits[i] += text.Length > answers[i].Length && text[answers[i].Length] == '\n' ? 1 : 0;
                }
            }
        }

        var confidence = 1 - ((1 - context.Settings.SampleConfidence) / answers.Length);
        AnswerProbability Estimate(long hits)
        {
            var interval = ProportionInterval.Wilson(hits, texts.Count, confidence);
            return new AnswerProbability(Math.Log((double)hits / texts.Count), Exactness.Estimate, Math.Log(interval.Low), Math.Log(interval.High));
        }

        return [.. prompt.Candidates.Select((c, i) => new CandidateScore(c.Task, c.Answer, context.Terminator ? Estimate(terminatedHits[i]) : null, Estimate(prefixHits[i])))];
    }

    private static async Task<int> MaxTokensAsync(ScoringContext context, string[] targets, CancellationToken cancellationToken)
    {
        if (!context.Backend.Capabilities.CanTokenize)
        {
            // Without a tokeniser: a token holds at least one byte of UTF-8.
            return targets.Max(t => System.Text.Encoding.UTF8.GetByteCount(t)) + 1;
        }

        var most = 0;
        foreach (var target in targets)
        {
            most = Math.Max(most, (await context.Backend.EncodeAsync(target, false, cancellationToken)).Length);
        }

        return most + 1;
    }
}

using Superposition.Scores;
using Superposition.Statistics;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// The estimator of last resort: n samples at temperature 1 (no stop string, enough tokens for the longest
/// candidate and its "\n"), each classified into the task whose answer it starts with (answer + "\n" with the
/// terminator; the answer alone, prefix-inclusive, without) or "other". P_i is estimated by hits/n with a Wilson
/// interval at confidence 1 − α/k (Bonferroni, so the k intervals hold jointly at the configured confidence),
/// reported in log space: a candidate never sampled has estimate −∞, lower bound −∞ and a finite upper bound.
/// </summary>
internal sealed class SamplingStrategy : IScoringStrategy
{
    public string Name => StrategyNames.Sample;

    public bool ScoresTerminator(bool requested) => requested;

    public async Task<IReadOnlyList<CandidateScore>> ScoreAsync(ScoringContext context, CancellationToken cancellationToken)
    {
        var prompt = context.Prompt;
        var targets = prompt.Candidates.Select(c => c.Answer + (context.Terminator ? "\n" : string.Empty)).ToArray();
        var maxTokens = await MaxTokensAsync(context, targets, cancellationToken);
        var request = new SamplingRequest(context.Samples, 1.0, maxTokens, Stop: [], Seed: context.SeedFor("sample"));
        var (texts, _) = await Sampler.SampleAsync(context.Endpoint, context.Cost, prompt.Text, request, context.Settings.SamplesPerRequest, cancellationToken);

        var hits = new long[targets.Length];
        foreach (var text in texts)
        {
            for (var i = 0; i < targets.Length; i++)
            {
                if (text.StartsWith(targets[i], StringComparison.Ordinal))
                {
                    hits[i]++;
                }
            }
        }

        var confidence = 1 - ((1 - context.Settings.SampleConfidence) / targets.Length);
        return [.. prompt.Candidates.Select((c, i) =>
        {
            var interval = ProportionInterval.Wilson(hits[i], texts.Count, confidence);
            return new CandidateScore(c.Task, c.Answer, Math.Log((double)hits[i] / texts.Count), Exactness.Estimate, Math.Log(interval.Low), Math.Log(interval.High));
        })];
    }

    private static async Task<int> MaxTokensAsync(ScoringContext context, string[] targets, CancellationToken cancellationToken)
    {
        if (!context.Endpoint.CanTokenize)
        {
            // Without a tokeniser: a token holds at least one byte of UTF-8.
            return targets.Max(t => System.Text.Encoding.UTF8.GetByteCount(t)) + 1;
        }

        var most = 0;
        foreach (var target in targets)
        {
            most = Math.Max(most, (await context.Endpoint.TokenizeAsync(target, false, cancellationToken)).Length);
        }

        return most + 1;
    }
}

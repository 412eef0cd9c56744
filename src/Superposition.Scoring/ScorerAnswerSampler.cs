using Superposition.Collapse;

namespace Superposition.Scoring;

/// <summary>
/// Multi-turn runs reach endpoints through the scorer's sampling call: one completion at the run's temperature,
/// stopped at "\n". An answer ended by the stop string (or the model's end of text) counts as ended; one cut off by
/// the token limit does not, so it is classified "other".
/// </summary>
public sealed class ScorerAnswerSampler(IPromptScorer scorer) : IAnswerSampler
{
    public async Task<SampledAnswer> SampleAsync(string model, string prompt, double temperature, int maxTokens, int seed, CancellationToken cancellationToken)
    {
        var batch = await scorer.SampleAsync(model, prompt, new SamplingRequest(1, temperature, maxTokens, Seed: seed), cancellationToken).ConfigureAwait(false);
        if (batch.Texts.Count != 1)
        {
            throw new ScoringFailedException(model, "sample", 1, $"asked for one completion, got {batch.Texts.Count}");
        }

        return new SampledAnswer(batch.Texts[0], batch.FinishReasons[0] == "stop", batch.Cost);
    }
}

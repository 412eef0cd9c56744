using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// Draws completions of a prompt through the backend's sampling call, <c>perRequest</c> choices per call with the
/// request seed + the call's round (where a backend answers fewer choices than asked, as llama.cpp and Ollama
/// answer one, more calls are made).
/// </summary>
internal static class CompletionSampler
{
    public static async Task<(List<string> Texts, List<string?> Finish)> SampleAsync(
        IScoringBackend backend, CostMeter cost, string prompt, SamplingRequest request, int perRequest, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Count);
        var texts = new List<string>(request.Count);
        var finish = new List<string?>(request.Count);
        var round = 0;
        while (texts.Count < request.Count)
        {
            var n = Math.Min(Math.Max(1, perRequest), request.Count - texts.Count);
            var seed = request.Seed is { } s ? s + round : (long?)null;
            round++;
            var call = new GenerationRequest(null, prompt, request.MaxTokens, N: n, Temperature: request.Temperature, Seed: seed, Stop: request.EffectiveStop);
            foreach (var choice in cost.Record(await backend.SampleAsync(call, cancellationToken)))
            {
                if (texts.Count < request.Count)
                {
                    texts.Add(choice.Text);
                    finish.Add(choice.FinishReason);
                }
            }

            if (round > request.Count + 10)
            {
                throw new EndpointException(backend.Model.Name, $"returned {texts.Count} completions after {round} requests for {request.Count}");
            }
        }

        return (texts, finish);
    }
}

using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Models;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// Draws completions of a prompt: legacy completions with <c>n</c> where the server has them, else chat with the
/// prompt as the user message (where <c>n</c> is ignored, as by llama.cpp and Ollama, more requests are sent).
/// </summary>
internal static class CompletionSampler
{
    public static async Task<(List<string> Texts, List<string?> Finish)> SampleAsync(
        ModelEndpoint endpoint, CostMeter cost, string prompt, SamplingRequest request, int perRequest, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Count);
        var texts = new List<string>(request.Count);
        var finish = new List<string?>(request.Count);
        var useCompletions = endpoint.Model.Kind is ModelKind.Suite or ModelKind.Vllm or ModelKind.LlamaCpp or ModelKind.OpenAICompatible;
        var round = 0;
        while (texts.Count < request.Count)
        {
            var n = Math.Min(Math.Max(1, perRequest), request.Count - texts.Count);
            var seed = request.Seed is { } s ? s + round : (long?)null;
            round++;
            if (useCompletions)
            {
                var response = await endpoint.CompleteAsync(new CompletionCall([PromptInput.FromText(prompt)], request.MaxTokens, N: n, Temperature: request.Temperature, Stop: request.EffectiveStop, Seed: seed), cancellationToken);
                cost.Record(response);
                Take(response.Value.Choices.Select(c => (c.Text, c.FinishReason)));
            }
            else
            {
                var response = await endpoint.ChatAsync(new ChatCall([new ChatMessageInput("user", prompt)], request.MaxTokens, N: n, Temperature: request.Temperature, Stop: request.EffectiveStop, Seed: seed), cancellationToken);
                cost.Record(response);
                Take(response.Value.Choices.Select(c => (c.Content, c.FinishReason)));
            }

            if (round > request.Count + 10)
            {
                throw new EndpointException(endpoint.Model.Name, $"returned {texts.Count} completions after {round} requests for {request.Count}");
            }
        }

        return (texts, finish);

        void Take(IEnumerable<(string Text, string? Finish)> choices)
        {
            foreach (var (text, reason) in choices)
            {
                if (texts.Count < request.Count)
                {
                    texts.Add(text);
                    finish.Add(reason);
                }
            }
        }
    }
}

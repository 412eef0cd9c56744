using Superposition.Prompts;
using Superposition.Scores;
using Superposition.Scoring.Models;
using Superposition.Specs;

namespace Superposition.Scoring;

/// <summary>
/// Scores prompts on named models: the facade the CLI, the Functions worker and the collapse experiments use.
/// Register with <see cref="ScoringServiceCollectionExtensions.AddSuperpositionScoring"/>; thread-safe, one per
/// process (it holds each model's HTTP client, limits and detected strategy).
/// </summary>
public interface IPromptScorer
{
    /// <summary>
    /// The probability the model gives each candidate of <paramref name="prompt"/>, by <c>options.Strategy</c>
    /// (auto: the cheapest exact one the endpoint supports): the prefix-inclusive P(answer) always, and
    /// P(answer + "\n") unless <c>options.Terminator</c> is false or the strategy is one of the authors' procedures,
    /// which never score an end (the candidates say which measures they carry).
    /// </summary>
    /// <exception cref="ModelConfigurationException">Unknown or misconfigured model.</exception>
    /// <exception cref="ScoringFailedException">The endpoint failed (retries exhausted, or a cause retrying cannot fix); nothing partial is returned.</exception>
    Task<PromptScore> ScoreAsync(string model, Prompt prompt, ScoringSpec options, CancellationToken cancellationToken = default);

    /// <summary>The concrete strategy a name resolves to for a model (auto is detected once and remembered).</summary>
    Task<string> ResolveStrategyAsync(string model, string strategy = "auto", CancellationToken cancellationToken = default);

    /// <summary>Samples completions of a prompt text (temperature, max tokens and stop as requested).</summary>
    /// <exception cref="ScoringFailedException">The endpoint failed.</exception>
    Task<SampleBatch> SampleAsync(string model, string prompt, SamplingRequest request, CancellationToken cancellationToken = default);

    /// <summary>The model's resolved settings (kind, parameter count, limits, prices), without its key.</summary>
    ModelDescriptor Describe(string model);
}

using Superposition.Prompts;
using Superposition.Randomness;
using Superposition.Scoring.Backends;
using Superposition.Specs;

namespace Superposition.Scoring.Strategies;

/// <summary>What a strategy needs to score one prompt: the model's backend, the prompt, and the spec's settings.</summary>
internal sealed record ScoringContext(IScoringBackend Backend, Prompt Prompt, bool Terminator, int Samples, ScoringOptions Settings, CostMeter Cost, Tokenization Tokenization = Tokenization.Separate)
{
    public string Model => Backend.Model.Name;

    /// <summary>A stable request seed for this prompt (reproducible sampling across runs and processes).</summary>
    public long SeedFor(params ReadOnlySpan<string> path) =>
        Seeds.Derive(Prompt.Index, [Prompt.Distribution, Prompt.Question, .. path]) & 0x7fffffff;
}

namespace Superposition.Scoring;

/// <summary>
/// What to sample from a model: <see cref="Count"/> completions of a prompt (multi-turn collapse experiments
/// append each answer and ask again).
/// </summary>
/// <param name="Count">Completions wanted.</param>
/// <param name="Temperature">Sampling temperature (default 1: the model's own distribution).</param>
/// <param name="MaxTokens">Most tokens per completion (default 16).</param>
/// <param name="Stop">Stop strings (default "\n": one answer line; the stop string is not part of the text).</param>
/// <param name="Seed">Seed sent to servers that honour it (reproducible samples), or null.</param>
public sealed record SamplingRequest(int Count, double Temperature = 1.0, int MaxTokens = 16, IReadOnlyList<string>? Stop = null, long? Seed = null)
{
    /// <summary>The stop strings in force: <see cref="Stop"/>, or "\n" when null.</summary>
    public IReadOnlyList<string> EffectiveStop => Stop ?? ["\n"];
}

namespace Superposition.Scoring.Backends;

/// <summary>
/// Continue a prompt (token ids, or text the backend tokenises with its special tokens): <see cref="N"/> choices of
/// at most <see cref="MaxTokens"/> tokens at <see cref="Temperature"/>, each generated token with the
/// <see cref="TopK"/> most likely tokens at its position when asked.
/// </summary>
/// <param name="PromptIds">The prompt's ids; null when <see cref="PromptText"/> is sent.</param>
/// <param name="PromptText">The prompt's text; null when <see cref="PromptIds"/> are sent.</param>
/// <param name="MaxTokens">Most tokens per choice (at least 1).</param>
/// <param name="TopK">Alternatives listed per generated position; null for no logprobs.</param>
/// <param name="N">Choices wanted.</param>
/// <param name="Temperature">Sampling temperature; 0 takes the most likely token.</param>
/// <param name="Seed">The request seed (reproducible choices), or null.</param>
/// <param name="Stop">Stop strings (the text is cut before one), or null.</param>
/// <param name="TokenIds">Name listed tokens by id (vLLM's return_tokens_as_token_ids), so that every token is identified exactly.</param>
public sealed record GenerationRequest(
    IReadOnlyList<int>? PromptIds,
    string? PromptText,
    int MaxTokens,
    int? TopK = null,
    int N = 1,
    double Temperature = 1.0,
    long? Seed = null,
    IReadOnlyList<string>? Stop = null,
    bool TokenIds = false)
{
    /// <summary>A prompt given by its token ids.</summary>
    public static GenerationRequest FromIds(IReadOnlyList<int> ids, int maxTokens) => new(ids, null, maxTokens);

    /// <summary>A prompt given as text.</summary>
    public static GenerationRequest FromText(string text, int maxTokens) => new(null, text, maxTokens);
}

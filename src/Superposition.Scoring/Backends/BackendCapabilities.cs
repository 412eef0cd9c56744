namespace Superposition.Scoring.Backends;

/// <summary>
/// What a backend can do, known before any prompt: a model in this process states all of it; a server states what
/// its kind promises, and <see cref="ExactLogLikelihood"/> stays unknown (null) until a probe shows whether the
/// server really echoes prompt logprobs.
/// </summary>
/// <param name="CanTokenize">Candidates can be turned into token ids (a server's /tokenize, a local encoding, the model itself).</param>
/// <param name="TokenIds">Prompts can be sent as token ids that the model reads as they are.</param>
/// <param name="Completions">Prompts can be continued as plain text with top-k logprobs (legacy completions).</param>
/// <param name="ExactLogLikelihood">Teacher-forced log-likelihood of token ids: true, false, or null until probed.</param>
/// <param name="ChatPrefill">A chat reply can be prefilled and scored by its prompt logprobs (vLLM's extras).</param>
/// <param name="MultipleChoices">One call may ask for several choices (n &gt; 1).</param>
/// <param name="CompletionTopK">Largest top-k of a completion.</param>
/// <param name="ChatTopK">Largest top-k of a chat reply.</param>
public sealed record BackendCapabilities(
    bool CanTokenize,
    bool TokenIds,
    bool Completions,
    bool? ExactLogLikelihood,
    bool ChatPrefill,
    bool MultipleChoices,
    int CompletionTopK,
    int ChatTopK);

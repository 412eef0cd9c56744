using Superposition.Scoring.Models;

namespace Superposition.Scoring.Backends;

/// <summary>
/// The scoring side's seam to one model, as lm-evaluation-harness's model interface: the strategies ask for
/// encodings, log-likelihoods of (context, continuation) batches, continuations with their top-k lists, samples and
/// chat, and never see a wire record. Two implementations: the wire backend (a model behind an OpenAI-style
/// server: vLLM, OpenAI, Azure OpenAI, llama.cpp, Ollama, the suite's own protocol server), and the in-process
/// backend of a provider's model (reference, ONNX, trained), which answers from the model's forward pass without
/// HTTP or JSON. Failures are <see cref="Endpoints.EndpointException"/>s naming the model and the cause.
/// Thread-safe: a prompt's calls run in parallel.
/// </summary>
public interface IScoringBackend
{
    /// <summary>The model's resolved configuration.</summary>
    ModelDescriptor Model { get; }

    /// <summary>What the backend can do.</summary>
    BackendCapabilities Capabilities { get; }

    /// <summary>
    /// Token ids of a text. <paramref name="addSpecialTokens"/>: true for a context (as the model's server tokenises a
    /// prompt string, BOS included), false for a text appended to one.
    /// </summary>
    Task<int[]> EncodeAsync(string text, bool addSpecialTokens, CancellationToken cancellationToken);

    /// <summary>What is known of a token for matching it in top-k lists: its id, and its bytes and text where known.</summary>
    CandidateToken TokenInfo(int id);

    /// <summary>
    /// Teacher forcing of a batch: for each request, the log-probability of each continuation token (−∞ for
    /// probability 0), in order. One batch is one call where the backend can make it one (one echo request, one
    /// padded forward pass).
    /// </summary>
    Task<BackendReply<IReadOnlyList<double[]>>> LogLikelihoodAsync(IReadOnlyList<Continuation> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Teacher forcing of texts the backend tokenises itself (a server whose token ids the suite cannot send): every
    /// token of each text with its log-probability and its character offset in the text.
    /// </summary>
    Task<BackendReply<IReadOnlyList<IReadOnlyList<TokenPosition>>>> EchoTextAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);

    /// <summary>Continues a prompt (see <see cref="GenerationRequest"/>).</summary>
    Task<BackendReply<IReadOnlyList<GeneratedChoice>>> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Samples completions of a prompt text (<see cref="GenerationRequest.PromptText"/>) as a user of the model gets
    /// them: a continuation where the backend continues text, else a chat reply to the prompt as the user's message.
    /// </summary>
    Task<BackendReply<IReadOnlyList<GeneratedChoice>>> SampleAsync(GenerationRequest request, CancellationToken cancellationToken);

    /// <summary>Token ids of chat messages rendered by the model's chat template, the last message continued rather than closed.</summary>
    Task<int[]> EncodeChatAsync(IReadOnlyList<ChatTurn> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Scores chat messages rendered with the last one continued (a prefilled reply): per rendered token, null at
    /// position 0, else the log-probabilities listed there by token id (the token itself among them).
    /// </summary>
    Task<BackendReply<IReadOnlyList<IReadOnlyDictionary<int, double>?>>> ChatPrefillAsync(IReadOnlyList<ChatTurn> messages, CancellationToken cancellationToken);

    /// <summary>Generates chat replies (see <see cref="ChatGenerationRequest"/>).</summary>
    Task<BackendReply<IReadOnlyList<GeneratedChoice>>> ChatAsync(ChatGenerationRequest request, CancellationToken cancellationToken);
}

using Superposition.Scoring.Backends;
using Superposition.Scoring.Models;

namespace Superposition.Scoring.Endpoints;

/// <summary>
/// The backend of a model behind an OpenAI-style server: each backend call becomes legacy completions (echo for
/// log-likelihoods, top-k logprobs for continuations), chat completions or /tokenize through the model's
/// <see cref="ModelEndpoint"/> (resilience, budgets, keys). What only a server can get wrong is checked here: echo
/// with max_tokens 0 falls back to 1 (remembered) on servers that reject 0, and a server that ignores echo, or
/// echoes positions that do not cover the prompt, fails loudly rather than giving every candidate the same score.
/// </summary>
internal sealed class WireBackend : IScoringBackend, IDisposable
{
    private readonly ModelEndpoint _endpoint;
    private volatile int _echoMaxTokens;

    public WireBackend(ModelEndpoint endpoint)
    {
        _endpoint = endpoint;
        var model = endpoint.Model;
        var canTokenize = model.Tokenizer != TokenizerKind.None;

        // Echo is probed where completions and token ids exist; llama.cpp's completions never echo prompt logprobs.
        bool? exact = model.HasCompletions && canTokenize && model.Kind != ModelKind.LlamaCpp ? null : false;
        Capabilities = new BackendCapabilities(
            canTokenize,
            model.Tokenizer == TokenizerKind.Server,
            model.HasCompletions,
            exact,
            model.HasVllmExtras,
            model.HasMultipleChoices,
            model.CompletionTopLogprobs,
            model.MaxTopLogprobs);
    }

    public ModelDescriptor Model => _endpoint.Model;

    public BackendCapabilities Capabilities { get; }

    /// <summary>max_tokens sent with echo: 0, or 1 once the server rejected 0 (then the generated token is dropped).</summary>
    public int EchoMaxTokens => _echoMaxTokens;

    public Task<int[]> EncodeAsync(string text, bool addSpecialTokens, CancellationToken cancellationToken) =>
        _endpoint.TokenizeAsync(text, addSpecialTokens, cancellationToken);

    public CandidateToken TokenInfo(int id) => _endpoint.TokenInfo(id);

    public async Task<BackendReply<IReadOnlyList<double[]>>> LogLikelihoodAsync(IReadOnlyList<Continuation> batch, CancellationToken cancellationToken)
    {
        var (result, maxTokens, usage) = await EchoAsync([.. batch.Select(c => PromptInput.FromIds([.. c.Context, .. c.Tokens]))], cancellationToken);
        var logprobs = new double[batch.Count][];
        for (var j = 0; j < batch.Count; j++)
        {
            var (context, tokens) = (batch[j].Context.Length, batch[j].Tokens.Length);
            var positions = PositionsOfIds(result, j, context + tokens, maxTokens);
            logprobs[j] = new double[tokens];
            for (var t = 0; t < tokens; t++)
            {
                logprobs[j][t] = WireParser.Normalize(positions[context + t].Logprob ?? throw new EndpointException(Model.Name, $"echoed a null logprob at position {context + t}, inside the answer"));
            }
        }

        return new BackendReply<IReadOnlyList<double[]>>(logprobs, usage);
    }

    public async Task<BackendReply<IReadOnlyList<IReadOnlyList<TokenPosition>>>> EchoTextAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var (result, _, usage) = await EchoAsync([.. texts.Select(PromptInput.FromText)], cancellationToken);
        CheckTextPromptCount(result, [.. texts.Select(t => t.Length)]);
        return new BackendReply<IReadOnlyList<IReadOnlyList<TokenPosition>>>([.. texts.Select((_, j) => PositionsOfText(result, j))], usage);
    }

    public async Task<BackendReply<IReadOnlyList<GeneratedChoice>>> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        var response = await _endpoint.CompleteAsync(
            new CompletionCall([Prompt(request)], request.MaxTokens, request.TopK, N: request.N, Temperature: request.Temperature, Stop: request.Stop, Seed: request.Seed, TokenIdsInLogprobs: request.TokenIds),
            cancellationToken);
        return Reply<CompletionResult, IReadOnlyList<GeneratedChoice>>(response, [.. response.Value.Choices.Select(c => new GeneratedChoice(c.Text, c.FinishReason, c.Logprobs))]);
    }

    public async Task<BackendReply<IReadOnlyList<GeneratedChoice>>> SampleAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        var prompt = request.PromptText ?? throw new ArgumentException("Sampling sends the prompt as text.", nameof(request));

        // Servers without legacy completions (or whose completions do not continue text faithfully) answer as a chat.
        if (Model.Kind is ModelKind.Suite or ModelKind.Vllm or ModelKind.LlamaCpp or ModelKind.OpenAICompatible)
        {
            return await GenerateAsync(request with { TopK = null, TokenIds = false }, cancellationToken);
        }

        return await ChatAsync(new ChatGenerationRequest([new ChatTurn("user", prompt)], request.MaxTokens, N: request.N, Temperature: request.Temperature, Seed: request.Seed, Stop: request.Stop), cancellationToken);
    }

    public Task<int[]> EncodeChatAsync(IReadOnlyList<ChatTurn> messages, CancellationToken cancellationToken) =>
        _endpoint.TokenizeChatAsync(Messages(messages), cancellationToken);

    public async Task<BackendReply<IReadOnlyList<IReadOnlyDictionary<int, double>?>>> ChatPrefillAsync(IReadOnlyList<ChatTurn> messages, CancellationToken cancellationToken)
    {
        var response = await _endpoint.ChatAsync(new ChatCall(Messages(messages), MaxTokens: 1, PromptLogprobs: 0, ContinueFinalMessage: true), cancellationToken);
        var logprobs = response.Value.PromptLogprobs ?? throw new EndpointException(Model.Name, "answered a prefill request without prompt_logprobs");
        return Reply(response, logprobs);
    }

    public async Task<BackendReply<IReadOnlyList<GeneratedChoice>>> ChatAsync(ChatGenerationRequest request, CancellationToken cancellationToken)
    {
        var response = await _endpoint.ChatAsync(
            new ChatCall(Messages(request.Messages), request.MaxTokens, request.TopK, request.N, request.Temperature, request.Stop, request.Seed, TokenIdsInLogprobs: request.TokenIds),
            cancellationToken);
        return Reply<ChatResult, IReadOnlyList<GeneratedChoice>>(response, [.. response.Value.Choices.Select(c => new GeneratedChoice(c.Content, c.FinishReason, c.Logprobs))]);
    }

    public void Dispose() => _endpoint.Dispose();

    private static PromptInput Prompt(GenerationRequest request) =>
        request.PromptIds is { } ids ? PromptInput.FromIds(ids)
        : PromptInput.FromText(request.PromptText ?? throw new ArgumentException("A generation request needs prompt ids or text.", nameof(request)));

    private static ChatMessageInput[] Messages(IReadOnlyList<ChatTurn> messages) => [.. messages.Select(m => new ChatMessageInput(m.Role, m.Content))];

    private static BackendReply<T> Reply<TWire, T>(WireResponse<TWire> response, T value) => new(value, Usage(response));

    private static BackendUsage Usage<T>(WireResponse<T> response) =>
        new(response.Requests, response.Usage.PromptTokens, response.Usage.CachedTokens, response.Usage.CompletionTokens);

    /// <summary>Prompts sent with echo and each position's logprob (max_tokens 0, falling back to 1 on servers that reject 0).</summary>
    private async Task<(CompletionResult Result, int MaxTokens, BackendUsage Usage)> EchoAsync(IReadOnlyList<PromptInput> prompts, CancellationToken cancellationToken)
    {
        var maxTokens = _echoMaxTokens;
        WireResponse<CompletionResult> response;
        try
        {
            response = await _endpoint.CompleteAsync(new CompletionCall(prompts, maxTokens, Logprobs: 1, Echo: true, LogprobsOnly: true), cancellationToken);
        }
        catch (EndpointException e) when (maxTokens == 0 && e.StatusCode == 400 && e.Cause.Contains("max_tokens", StringComparison.OrdinalIgnoreCase))
        {
            // Some servers (older vLLM, OpenAI) reject max_tokens 0: generate one token and drop it.
            _echoMaxTokens = 1;
            maxTokens = 1;
            response = await _endpoint.CompleteAsync(new CompletionCall(prompts, 1, Logprobs: 1, Echo: true, LogprobsOnly: true), cancellationToken);
        }

        var result = response.Value;
        if (result.Choices.Count != prompts.Count)
        {
            throw new EndpointException(Model.Name, $"answered {result.Choices.Count} choices to an echo request of {prompts.Count} prompts");
        }

        return (result, maxTokens, Usage(response));
    }

    /// <summary>The positions of choice <paramref name="index"/>, checked to cover the <paramref name="sent"/> prompt tokens and at most the generated ones.</summary>
    private IReadOnlyList<TokenPosition> PositionsOfIds(CompletionResult result, int index, int sent, int maxTokens)
    {
        var positions = result.Choices[index].Logprobs ?? throw Ignored(0, "no logprobs");
        if (positions.Count < sent)
        {
            throw Ignored(positions.Count, $"{positions.Count} token logprobs for {sent} prompt tokens");
        }

        if (positions.Count > sent + maxTokens)
        {
            throw new EndpointException(Model.Name, $"echoed {positions.Count} token logprobs for {sent} prompt tokens and at most {maxTokens} generated");
        }

        return positions;
    }

    /// <summary>The positions of choice <paramref name="index"/> of a text prompt, checked to start at the prompt's first character.</summary>
    private IReadOnlyList<TokenPosition> PositionsOfText(CompletionResult result, int index)
    {
        var positions = result.Choices[index].Logprobs ?? throw Ignored(0, "no logprobs");
        return positions.Count == 0 || positions[0].TextOffset is not 0
            ? throw Ignored(positions.Count, "the logprobs do not start at the prompt's first character")
            : positions;
    }

    /// <summary>Text prompts: the server's own count of prompt tokens must match the echoed positions inside the prompts.</summary>
    private void CheckTextPromptCount(CompletionResult result, IReadOnlyList<int> promptChars)
    {
        long echoed = 0;
        for (var j = 0; j < promptChars.Count; j++)
        {
            var length = promptChars[j];
            echoed += result.Choices[j].Logprobs?.Count(p => p.TextOffset < length) ?? 0;
        }

        if (result.Usage.PromptTokens > 0 && echoed != result.Usage.PromptTokens)
        {
            throw Ignored((int)echoed, $"{echoed} echoed prompt tokens but the server counted {result.Usage.PromptTokens}");
        }
    }

    private EndpointException Ignored(int count, string detail) =>
        new(Model.Name, $"ignored echo ({detail}, {count} positions); every candidate would score alike, so nothing is reported. Use --strategy trie or chat for this server");
}

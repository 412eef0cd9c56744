using Superposition.LanguageModels;
using Superposition.ModelServer.Chat;
using Superposition.ModelServer.Sampling;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Models;

namespace Superposition.LocalModels.InProcess;

/// <summary>
/// The backend of a model in this process (reference, ONNX, trained): every call is a forward pass of the
/// <see cref="ILanguageModel"/> itself, with no HTTP, no JSON, and nothing computed that the call does not read
/// (log-likelihoods read each continuation token's log-probability, not the top-k lists an echo request would
/// serialise). It answers as the suite's protocol server answers the same request over the same model, by the
/// same code where it matters: generation (<see cref="TokenGenerator"/>), each choice's random stream
/// (<see cref="ChoiceSeeds"/>), top-k lists (<see cref="TopAlternatives"/>), text offsets
/// (<see cref="CharacterOffsets"/>) and chat rendering (<see cref="ChatText"/>), so numbers and sampled answers do
/// not depend on the backend (the conformance test holds them equal). At most the model's MaxConcurrency forward
/// passes run at once.
/// </summary>
public sealed class InProcessBackend : IScoringBackend, IDisposable
{
    private const string TokenIdPrefix = "token_id:";

    private readonly ILanguageModel _model;
    private readonly ITokenizer _tokenizer;
    private readonly SemaphoreSlim _slots;

    public InProcessBackend(ModelDescriptor descriptor, ILanguageModel model)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(model);
        Model = descriptor;
        _model = model;
        _tokenizer = model.Tokenizer;
        _slots = new SemaphoreSlim(descriptor.MaxConcurrency, descriptor.MaxConcurrency);
        Capabilities = new BackendCapabilities(
            CanTokenize: true,
            TokenIds: true,
            Completions: true,
            ExactLogLikelihood: true,
            ChatPrefill: true,
            MultipleChoices: true,
            CompletionTopK: descriptor.CompletionTopLogprobs,
            ChatTopK: descriptor.MaxTopLogprobs);
    }

    public ModelDescriptor Model { get; }

    public BackendCapabilities Capabilities { get; }

    public Task<int[]> EncodeAsync(string text, bool addSpecialTokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Task.FromResult(Encode(text, addSpecialTokens));
    }

    public CandidateToken TokenInfo(int id)
    {
        var text = _tokenizer.Text(id);
        return new CandidateToken(id, _tokenizer.Bytes(id).ToArray(), CandidateToken.Identifiable(text) ? text : null);
    }

    public Task<BackendReply<IReadOnlyList<double[]>>> LogLikelihoodAsync(IReadOnlyList<Continuation> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return RunAsync(cancellationToken, () =>
        {
            var sequences = new int[batch.Count][];
            long tokens = 0;
            for (var j = 0; j < batch.Count; j++)
            {
                sequences[j] = [.. batch[j].Context, .. batch[j].Tokens];
                CheckLength(sequences[j].Length, 0);
                tokens += sequences[j].Length;
            }

            var scores = _model.Score(sequences);
            var logprobs = new double[batch.Count][];
            for (var j = 0; j < batch.Count; j++)
            {
                var start = batch[j].Context.Length;
                var scored = scores[j].Tokens;
                logprobs[j] = new double[batch[j].Tokens.Length];
                for (var t = 0; t < logprobs[j].Length; t++)
                {
                    logprobs[j][t] = ServedLogprobs.Normalize(scored[start + t].Logprob
                        ?? throw new EndpointException(Model.Name, $"scored no log-probability at position {start + t}, inside the answer"));
                }
            }

            return new BackendReply<IReadOnlyList<double[]>>(logprobs, new BackendUsage(1, tokens, 0, 0));
        });
    }

    public Task<BackendReply<IReadOnlyList<IReadOnlyList<TokenPosition>>>> EchoTextAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return RunAsync(cancellationToken, () =>
        {
            var sequences = texts.Select(t => Encode(t, addSpecialTokens: true)).ToArray();
            foreach (var sequence in sequences)
            {
                CheckLength(sequence.Length, 0);
            }

            var scores = _model.Score(sequences);
            var echoed = new List<IReadOnlyList<TokenPosition>>(texts.Count);
            foreach (var score in scores)
            {
                var offsets = new CharacterOffsets(_tokenizer);
                echoed.Add([.. score.Tokens.Select(t => new TokenPosition(_tokenizer.Text(t.Token), t.Logprob, null, t.Token, [], offsets.Next(t.Token)))]);
            }

            return new BackendReply<IReadOnlyList<IReadOnlyList<TokenPosition>>>(echoed, new BackendUsage(1, sequences.Sum(s => (long)s.Length), 0, 0));
        });
    }

    public Task<BackendReply<IReadOnlyList<GeneratedChoice>>> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(cancellationToken, () =>
        {
            int[] ids = request.PromptIds is { } given ? [.. given]
                : Encode(request.PromptText ?? throw new ArgumentException("A generation request needs prompt ids or text.", nameof(request)), addSpecialTokens: true);
            return Generate(ids, request.MaxTokens, request.N, request.Temperature, request.Seed, request.Stop, request.TopK, request.TokenIds, chat: false);
        });
    }

    // The protocol server continues text for this model (legacy completions), so samples are continuations.
    public Task<BackendReply<IReadOnlyList<GeneratedChoice>>> SampleAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return GenerateAsync(request with { TopK = null, TokenIds = false }, cancellationToken);
    }

    public Task<int[]> EncodeChatAsync(IReadOnlyList<ChatTurn> messages, CancellationToken cancellationToken) =>
        Task.FromResult(_tokenizer.Encode(Render(messages, addGenerationPrompt: false, continueFinal: true)));

    public Task<BackendReply<IReadOnlyList<IReadOnlyDictionary<int, double>?>>> ChatPrefillAsync(IReadOnlyList<ChatTurn> messages, CancellationToken cancellationToken) =>
        RunAsync(cancellationToken, () =>
        {
            var ids = _tokenizer.Encode(Render(messages, addGenerationPrompt: false, continueFinal: true));
            CheckLength(ids.Length, 1);
            var scored = _model.Score([ids])[0].Tokens;
            var logprobs = new IReadOnlyDictionary<int, double>?[scored.Count];
            for (var i = 0; i < scored.Count; i++)
            {
                logprobs[i] = scored[i].Logprob is { } lp ? new Dictionary<int, double> { [scored[i].Token] = lp } : null;
            }

            return new BackendReply<IReadOnlyList<IReadOnlyDictionary<int, double>?>>(logprobs, new BackendUsage(1, ids.Length, 0, 0));
        });

    public Task<BackendReply<IReadOnlyList<GeneratedChoice>>> ChatAsync(ChatGenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(cancellationToken, () =>
        {
            // The template writes any BOS itself: the rendered text is encoded without one added.
            var ids = _tokenizer.Encode(Render(request.Messages, addGenerationPrompt: null, continueFinal: null));
            return Generate(ids, request.MaxTokens, request.N, request.Temperature, request.Seed, request.Stop, request.TopK, request.TokenIds, chat: true);
        });
    }

    public void Dispose() => _slots.Dispose();

    private int[] Encode(string text, bool addSpecialTokens)
    {
        var ids = _tokenizer.Encode(text);
        return addSpecialTokens ? _tokenizer.WithSpecialTokens(ids) : ids;
    }

    private BackendReply<IReadOnlyList<GeneratedChoice>> Generate(int[] ids, int maxTokens, int n, double temperature, long? seed, IReadOnlyList<string>? stop, int? topK, bool tokenIds, bool chat)
    {
        if (maxTokens < 1)
        {
            throw new EndpointException(Model.Name, $"was asked for {maxTokens} tokens; a continuation has at least 1");
        }

        CheckLength(ids.Length, maxTokens);
        var start = _model.Score([ids])[0].Continue;
        var choices = new List<GeneratedChoice>(n);
        long generated = 0;
        for (var j = 0; j < n; j++)
        {
            var generation = TokenGenerator.Generate(start, _tokenizer, maxTokens, temperature, ChoiceSeeds.Random(seed, 0, j), stop ?? [], logprobsAfterTemperature: false);
            generated += generation.Tokens.Count;
            var positions = topK is { } k ? Positions(generation.Tokens, k, tokenIds, chat) : null;
            choices.Add(new GeneratedChoice(generation.Text, generation.FinishReason, positions));
        }

        return new BackendReply<IReadOnlyList<GeneratedChoice>>(choices, new BackendUsage(1, ids.Length, 0, generated));
    }

    /// <summary>
    /// Generated tokens as the protocol server lists them: the top-k alternatives at each position; on a
    /// continuation also the generated token itself where it is not among them (one entry per name: by id, or by
    /// text where tokens are not named by id, the first listing kept); on a chat reply each token with its bytes.
    /// </summary>
    private List<TokenPosition> Positions(IReadOnlyList<GeneratedToken> tokens, int k, bool tokenIds, bool chat)
    {
        var positions = new List<TokenPosition>(tokens.Count);
        foreach (var g in tokens)
        {
            var top = new List<TopToken>(k + 1);
            foreach (var (token, logprob) in TopAlternatives.Of(g.Token, g.Logprob, g.Distribution, null, k))
            {
                Add(top, token, logprob, tokenIds, chat);
            }

            if (!chat)
            {
                Add(top, g.Token, g.Logprob, tokenIds, chat);
            }

            positions.Add(new TokenPosition(Name(g.Token, tokenIds), g.Logprob, chat ? _tokenizer.Bytes(g.Token).ToArray() : null, tokenIds ? g.Token : null, top, null));
        }

        return positions;
    }

    private void Add(List<TopToken> top, int token, double logprob, bool tokenIds, bool chat)
    {
        var name = Name(token, tokenIds);
        if (!chat && top.Exists(t => string.Equals(t.Token, name, StringComparison.Ordinal)))
        {
            return;
        }

        top.Add(new TopToken(name, logprob, chat ? _tokenizer.Bytes(token).ToArray() : null, tokenIds ? token : null));
    }

    private string Name(int token, bool tokenIds) =>
        tokenIds ? TokenIdPrefix + token.ToString(System.Globalization.CultureInfo.InvariantCulture) : _tokenizer.Text(token);

    private string Render(IReadOnlyList<ChatTurn> messages, bool? addGenerationPrompt, bool? continueFinal)
    {
        ArgumentNullException.ThrowIfNull(messages);
        try
        {
            return ChatText.Render(_model, [.. messages.Select(m => new ChatMessage(m.Role, m.Content))], addGenerationPrompt, continueFinal);
        }
        catch (ChatRenderException e)
        {
            throw new EndpointException(Model.Name, e.Message, statusCode: 400);
        }
    }

    // The server's context check (vLLM's max_model_len), with its message.
    private void CheckLength(int promptTokens, int maxTokens)
    {
        if (ContextLimit.Problem(_model.ContextLength, promptTokens, maxTokens) is { } problem)
        {
            throw new EndpointException(Model.Name, problem, statusCode: 400);
        }
    }

    // A forward pass off the caller's thread, at most MaxConcurrency at once (the model's own queue then never refuses).
    private async Task<T> RunAsync<T>(CancellationToken cancellationToken, Func<T> work)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(work, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelBusyException e)
        {
            throw new EndpointException(Model.Name, e.Message, statusCode: 503, transient: true, innerException: e);
        }
        finally
        {
            _slots.Release();
        }
    }
}

using Superposition.LanguageModels;
using Superposition.ModelServer.Hosting;
using Superposition.ModelServer.Sampling;

namespace Superposition.ModelServer.Http;

/// <summary>
/// The protocol's semantics over any <see cref="ILanguageModel"/>, independent of Kestrel: requests in, response
/// records out, ApiException for errors.
/// </summary>
internal sealed class ProtocolApi
{
    private const int DefaultCompletionMaxTokens = 16;
    private const int MaxChoices = 128;

    private readonly ProtocolServerOptions _options;
    private readonly ILanguageModelCatalog _catalog;
    private readonly ModelResolver _models;
    private readonly PrefixCache _cache;

    public ProtocolApi(ILanguageModelCatalog catalog, ProtocolServerOptions options, ServerStats stats)
    {
        _catalog = catalog;
        _options = options;
        Stats = stats;
        _models = new ModelResolver(catalog);
        _cache = new PrefixCache(options.PrefixCacheBlockSize, options.PrefixCacheCapacityBlocks);
    }

    public ServerStats Stats { get; }

    public CompletionResponse Completions(CompletionRequest r)
    {
        var model = _models.Resolve(r.Model);
        var tokenizer = model.Tokenizer;
        var shapes = new LogprobShapes(tokenizer);
        RejectStreaming(r.Stream);
        var prompts = RequestParsing.Prompts(r.Prompt, tokenizer, r.AddSpecialTokens ?? true);
        var n = Choices(r.N);
        // IgnoreEcho emulates servers that accept echo and silently drop it (docs/endpoints.md, "Shapes the parser reads"; clients must notice).
        var echo = (r.Echo ?? false) && !_options.IgnoreEcho;
        var maxTokens = r.MaxTokens ?? DefaultCompletionMaxTokens;
        if (maxTokens < 0 || (maxTokens == 0 && !(r.Echo ?? false)))
        {
            throw ApiException.BadRequest($"max_tokens is {maxTokens}; it must be at least 1, or 0 together with echo.", "max_tokens");
        }

        var temperature = Temperature(r.Temperature);
        var logprobs = Bounded(r.Logprobs, "logprobs");
        var promptLogprobs = Bounded(r.PromptLogprobs, "prompt_logprobs");
        var stops = RequestParsing.Stops(r.Stop);
        var wantsPromptLogprobs = (echo && logprobs is not null) || promptLogprobs is not null;

        var choices = new List<CompletionChoice>(prompts.Count * n);
        var (promptTokens, completionTokens, cachedTokens) = (0, 0, 0);
        var sequences = new int[prompts.Count][];
        for (var i = 0; i < prompts.Count; i++)
        {
            var prompt = prompts[i];
            CheckLength(model, prompt.Ids.Length, maxTokens);
            promptTokens += prompt.Ids.Length;
            cachedTokens += _cache.LookupAndInsert(prompt.Ids, !(wantsPromptLogprobs && _options.PromptLogprobsSkipPrefixCache));
            sequences[i] = prompt.Ids;
        }

        // One batch per request: a neural model fills one padded forward pass with every prompt.
        var scores = model.Score(sequences);
        for (var i = 0; i < prompts.Count; i++)
        {
            var prompt = prompts[i];
            var score = scores[i];
            var promptText = echo ? prompt.Text ?? tokenizer.Decode(prompt.Ids) : string.Empty;
            var promptShape = promptLogprobs is { } pk ? shapes.Prompt(score.Tokens, pk) : null;
            for (var j = 0; j < n; j++)
            {
                var random = ChoiceRandom(r.Seed, i, j);
                var generation = TokenGenerator.Generate(score.Continue, tokenizer, maxTokens, temperature, random, stops, _options.LogprobsAfterTemperature);
                completionTokens += generation.Tokens.Count;
                LegacyLogprobs? legacy = null;
                if (logprobs is { } k)
                {
                    legacy = shapes.Legacy(echo ? score.Tokens : [], generation.Tokens, Tempered(temperature), k, r.ReturnTokensAsTokenIds == true);
                }

                choices.Add(new CompletionChoice(i * n + j, promptText + generation.Text, legacy, generation.FinishReason, generation.StopString, promptShape));
            }
        }

        Stats.Tokens(prompts.Count, promptTokens, completionTokens, cachedTokens);
        return new CompletionResponse(
            "cmpl-" + Guid.NewGuid().ToString("N"),
            "text_completion",
            _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
            model.Name,
            choices,
            new Usage(promptTokens, promptTokens + completionTokens, completionTokens, new PromptTokensDetails(cachedTokens)),
            null);
    }

    public ChatResponse Chat(ChatRequest r)
    {
        var model = _models.Resolve(r.Model);
        var tokenizer = model.Tokenizer;
        var shapes = new LogprobShapes(tokenizer);
        RejectStreaming(r.Stream);
        // The template writes any BOS itself (bos_token): the rendered text is encoded without one added.
        var text = ChatRendering.Render(model, r.Messages, r.AddGenerationPrompt, r.ContinueFinalMessage);
        var ids = tokenizer.Encode(text);
        var n = Choices(r.N);
        var temperature = Temperature(r.Temperature);
        var topLogprobs = Bounded(r.TopLogprobs, "top_logprobs");
        if (topLogprobs is not null && r.Logprobs != true)
        {
            throw ApiException.BadRequest("top_logprobs requires logprobs to be true.", "top_logprobs");
        }

        var promptLogprobs = Bounded(r.PromptLogprobs, "prompt_logprobs");
        CheckLength(model, ids.Length, r.MaxCompletionTokens ?? r.MaxTokens ?? 0);
        var maxTokens = r.MaxCompletionTokens ?? r.MaxTokens ?? MaxModelLength(model) - ids.Length;
        if (maxTokens < 1)
        {
            throw ApiException.BadRequest($"max_tokens is {maxTokens}; it must be at least 1.", r.MaxCompletionTokens is null ? "max_tokens" : "max_completion_tokens");
        }

        var stops = RequestParsing.Stops(r.Stop);
        var cached = _cache.LookupAndInsert(ids, !(promptLogprobs is not null && _options.PromptLogprobsSkipPrefixCache));
        var score = model.Score([ids])[0];
        var choices = new List<ChatChoice>(n);
        var completionTokens = 0;
        for (var j = 0; j < n; j++)
        {
            var generation = TokenGenerator.Generate(score.Continue, tokenizer, maxTokens, temperature, ChoiceRandom(r.Seed, 0, j), stops, _options.LogprobsAfterTemperature);
            completionTokens += generation.Tokens.Count;
            var logprobs = r.Logprobs == true
                ? new ChatLogprobs(shapes.Chat([.. generation.Tokens.Select(g => new LogprobShapes.Position(g.Token, g.Logprob, g.Distribution, Tempered(temperature)))], topLogprobs ?? 0, r.ReturnTokensAsTokenIds == true), null)
                : null;
            choices.Add(new ChatChoice(j, new ChatMessageOut("assistant", generation.Text, null, []), logprobs, generation.FinishReason, generation.StopString));
        }

        Stats.Tokens(1, ids.Length, completionTokens, cached);
        return new ChatResponse(
            "chatcmpl-" + Guid.NewGuid().ToString("N"),
            "chat.completion",
            _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
            model.Name,
            choices,
            new Usage(ids.Length, ids.Length + completionTokens, completionTokens, new PromptTokensDetails(cached)),
            promptLogprobs is { } pk ? shapes.Prompt(score.Tokens, pk) : null,
            null);
    }

    public TokenizeResponse Tokenize(TokenizeRequest r)
    {
        if (r.Prompt is not null && r.Messages is not null)
        {
            throw ApiException.BadRequest("Send either 'prompt' or 'messages', not both.");
        }

        int[] ids;
        int maxModelLength;
        ITokenizer tokenizer;
        if (r.Messages is not null)
        {
            // Chat is rendered by a model's template, so it needs the model (the first served one when none is named).
            var model = _models.ResolveOrFirst(r.Model);
            tokenizer = model.Tokenizer;
            maxModelLength = MaxModelLength(model);
            // vLLM's default for messages: no special tokens added (the template writes them).
            ids = RequestParsing.WithSpecialTokens(tokenizer.Encode(ChatRendering.Render(model, r.Messages, r.AddGenerationPrompt, r.ContinueFinalMessage)), tokenizer, r.AddSpecialTokens ?? false);
        }
        else if (r.Prompt is not null)
        {
            tokenizer = _models.Tokenizer(r.Model);
            maxModelLength = r.Model is null ? _options.MaxModelLength : MaxModelLength(_models.Resolve(r.Model));
            ids = RequestParsing.WithSpecialTokens(tokenizer.Encode(r.Prompt), tokenizer, r.AddSpecialTokens ?? true);
        }
        else
        {
            throw ApiException.BadRequest("The 'prompt' (or 'messages') field is required.", "prompt");
        }

        return new TokenizeResponse(ids.Length, maxModelLength, ids, r.ReturnTokenStrs == true ? [.. ids.Select(tokenizer.Text)] : null);
    }

    public DetokenizeResponse Detokenize(DetokenizeRequest r)
    {
        var tokenizer = _models.Tokenizer(r.Model);
        if (r.Tokens is null)
        {
            throw ApiException.BadRequest("The 'tokens' field is required.", "tokens");
        }

        foreach (var id in r.Tokens)
        {
            if (!tokenizer.IsValid(id))
            {
                throw ApiException.BadRequest($"Token id {id} is out of vocabulary (ids 0..{tokenizer.VocabularySize - 1}).", "tokens");
            }
        }

        return new DetokenizeResponse(tokenizer.Decode([.. r.Tokens]));
    }

    public ModelList Models()
    {
        var created = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        return new ModelList("list", [.. _catalog.ServedNames.Select(name => Card(_models.Resolve(name), created))]);
    }

    public ModelCard Model(string id) => Card(_models.Resolve(id), _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds());

    private ModelCard Card(ILanguageModel model, long created) => new(model.Name, "model", created, "superposition", model.Name, MaxModelLength(model));

    // vLLM's max_model_len: the server's setting, or the model's own context where that is shorter.
    private int MaxModelLength(ILanguageModel model) => Math.Min(_options.MaxModelLength, model.ContextLength);

    private void CheckLength(ILanguageModel model, int promptTokens, int maxTokens)
    {
        if (ContextLimit.Problem(MaxModelLength(model), promptTokens, maxTokens) is { } problem)
        {
            throw ApiException.BadRequest(problem);
        }
    }

    private int? Bounded(int? value, string name) =>
        value is { } v && (v < 0 || v > _options.MaxLogprobs)
            ? throw ApiException.BadRequest($"{name} is {v}; it must lie in 0..{_options.MaxLogprobs}.", name)
            : value;

    private static void RejectStreaming(bool? stream)
    {
        if (stream == true)
        {
            throw ApiException.BadRequest("stream is not supported by this server; send stream: false.", "stream");
        }
    }

    private static int Choices(int? n) =>
        n is { } v && (v < 1 || v > MaxChoices)
            ? throw ApiException.BadRequest($"n is {v}; it must lie in 1..{MaxChoices}.", "n")
            : n ?? 1;

    private static double Temperature(double? temperature) =>
        temperature is { } t && (!double.IsFinite(t) || t < 0 || t > 2)
            ? throw ApiException.BadRequest($"temperature is {t}; it must lie in [0, 2].", "temperature")
            : temperature ?? 1.0;

    private double? Tempered(double temperature) => _options.LogprobsAfterTemperature ? temperature : null;

    private static Random ChoiceRandom(long? seed, int prompt, int choice) => ChoiceSeeds.Random(seed, prompt, choice);
}

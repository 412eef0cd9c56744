using System.ClientModel;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using BitFaster.Caching;
using BitFaster.Caching.Lru;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Superposition.Scoring.Models;
using Superposition.Scoring.Resilience;

namespace Superposition.Scoring.Endpoints;

/// <summary>
/// The wire client of one model: tokenisation, legacy completions (plain HttpClient: the SDK has no echo), and
/// chat (the official OpenAI / Azure OpenAI SDK, except for servers with vLLM's extras, which need fields the SDK
/// does not model). Every call goes through the model's resilience pipeline and comes back with its cost, or
/// fails with an <see cref="EndpointException"/>.
/// </summary>
internal sealed class ModelEndpoint : IDisposable
{
    private const int TokenCacheCapacity = 65_536;

    private readonly HttpClient _http;
    private readonly HttpClient _tokenizeHttp;
    private readonly IDisposable _limiters;
    private readonly Uri _apiBase;
    private readonly Uri _serverRoot;
    private readonly string? _apiKey;
    private readonly OpenAI.Chat.ChatClient? _sdkChat;
    private readonly TokenBucketRateLimiter? _tokenLimiter;
    private readonly LocalTokenizer? _local;
    // One /tokenize request per text however many prompts ask at once (atomic GetOrAdd); bounded LRU.
    private readonly ICache<string, Task<int[]>> _tokens = new ConcurrentLruBuilder<string, Task<int[]>>()
        .WithCapacity(TokenCacheCapacity)
        .WithKeyComparer(StringComparer.Ordinal)
        .WithAtomicGetOrAdd()
        .Build();

    public ModelEndpoint(ModelDescriptor model, Uri apiBase, HttpClient http, HttpClient tokenizeHttp, IDisposable limiters, string? apiKey, OpenAI.Chat.ChatClient? sdkChat)
    {
        Model = model;
        _apiBase = apiBase;
        _http = http;
        _tokenizeHttp = tokenizeHttp;
        _limiters = limiters;
        _apiKey = apiKey;
        _sdkChat = sdkChat;
        var root = apiBase.AbsoluteUri;
        _serverRoot = new Uri(root.EndsWith("/v1/", StringComparison.Ordinal) ? root[..^3] : root);
        _local = model.Tokenizer is TokenizerKind.O200kBase or TokenizerKind.Cl100kBase ? LocalTokenizer.For(model.Tokenizer) : null;
        if (model.TokensPerMinute is { } tpm)
        {
            _tokenLimiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = tpm,
                TokensPerPeriod = Math.Max(1, tpm / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue,
                AutoReplenishment = true,
            });
        }
    }

    public ModelDescriptor Model { get; }

    /// <summary>Whether token ids are available (a server or local tokeniser).</summary>
    public bool CanTokenize => Model.Tokenizer != TokenizerKind.None;

    /// <summary>Whether chat requests go through the official SDK (no vLLM extras).</summary>
    public bool UsesSdkChat => _sdkChat is not null;

    /// <summary>
    /// Token ids of a text. <paramref name="addSpecialTokens"/>: true for a context (as the server would tokenise
    /// the prompt string, BOS included), false for a candidate appended to it. Cached per text.
    /// </summary>
    public Task<int[]> TokenizeAsync(string text, bool addSpecialTokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_local is not null)
        {
            return Task.FromResult(_local.Encode(text));
        }

        if (Model.Tokenizer != TokenizerKind.Server)
        {
            throw new EndpointException(Model.Name, "has no tokeniser (set Tokenizer to server, o200k_base or cl100k_base)");
        }

        var key = (addSpecialTokens ? "1" : "0") + text;
        var task = _tokens.GetOrAdd(key, _ => ServerTokenizeAsync(text, addSpecialTokens, cancellationToken));
        if (task.IsFaulted || task.IsCanceled)
        {
            _tokens.TryRemove(key, out _);
        }

        return task;
    }

    /// <summary>
    /// Token ids of chat messages rendered by the server's chat template, the last (assistant) message continued
    /// rather than closed (vLLM's /tokenize with continue_final_message). Servers with vLLM's extras only.
    /// </summary>
    public async Task<int[]> TokenizeChatAsync(IReadOnlyList<ChatMessageInput> messages, CancellationToken cancellationToken)
    {
        if (!Model.HasVllmExtras)
        {
            throw new EndpointException(Model.Name, $"{Model.Kind.Name()} cannot tokenise chat messages");
        }

        var body = Json(w =>
        {
            w.WriteString("model", Model.RemoteModel);
            w.WritePropertyName("messages");
            w.WriteStartArray();
            foreach (var m in messages)
            {
                w.WriteStartObject();
                w.WriteString("role", m.Role);
                w.WriteString("content", m.Content);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteBoolean("add_generation_prompt", false);
            w.WriteBoolean("continue_final_message", true);
        });
        return (await PostAsync(new Uri(_serverRoot, "tokenize"), body, WireParser.ParseTokenize, cancellationToken, _tokenizeHttp)).Value;
    }

    /// <summary>What is known of a token for matching it in top-k lists: its id, and its bytes with a local tokeniser.</summary>
    public CandidateToken TokenInfo(int id) => _local?.Token(id) ?? new CandidateToken(id, null, null);

    /// <summary>The text of token ids (local tokenisers only; null otherwise).</summary>
    public string? Decode(IReadOnlyList<int> ids) => _local?.Decode(ids);

    public async Task<WireResponse<CompletionResult>> CompleteAsync(CompletionCall call, CancellationToken cancellationToken)
    {
        if (!Model.HasCompletions)
        {
            throw new EndpointException(Model.Name, $"{Model.Kind.Name()} endpoints have no legacy completions (no echo, no completions top-k)");
        }

        var body = CompletionBody(call);
        await AcquireTokensAsync(call.Prompts.Sum(p => p.Ids?.Count ?? (p.Text!.Length / 3)) + (call.MaxTokens * call.N * call.Prompts.Count), cancellationToken);
        var (result, requests) = await PostAsync(new Uri(_apiBase, "completions"), body, root => WireParser.ParseCompletion(root, !call.LogprobsOnly), cancellationToken);
        return new WireResponse<CompletionResult>(result, requests, result.Usage);
    }

    public async Task<WireResponse<ChatResult>> ChatAsync(ChatCall call, CancellationToken cancellationToken)
    {
        await AcquireTokensAsync(call.Messages.Sum(m => m.Content.Length / 3) + (call.MaxTokens * call.N), cancellationToken);
        if (_sdkChat is null)
        {
            var (result, requests) = await PostAsync(new Uri(_apiBase, "chat/completions"), ChatBody(call), WireParser.ParseChat, cancellationToken);
            return new WireResponse<ChatResult>(result, requests, result.Usage);
        }

        if (call.PromptLogprobs is not null || call.ContinueFinalMessage)
        {
            throw new EndpointException(Model.Name, $"{Model.Kind.Name()} chat has no prompt_logprobs or assistant prefill (vLLM extras)");
        }

        using var scope = AttemptCounter.Begin(out var counter);
        try
        {
            var result = await _sdkChat.CompleteChatAsync(SdkChat.Messages(call), SdkChat.Options(call, Model.Kind), cancellationToken);
            var raw = result.GetRawResponse();
            var parsed = Parse(raw.Content.ToArray(), counter.AnsweredCount, WireParser.ParseChat);
            return new WireResponse<ChatResult>(parsed, counter.AnsweredCount, parsed.Usage);
        }
        catch (ClientResultException e)
        {
            var body = e.GetRawResponse()?.Content?.ToString() ?? string.Empty;
            throw Failure(e.Status, body, counter);
        }
        catch (Exception e) when (e is not EndpointException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw Failure(e, counter);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _tokenizeHttp.Dispose();
        _limiters.Dispose();
        _tokenLimiter?.Dispose();
    }

    private async Task<int[]> ServerTokenizeAsync(string text, bool addSpecialTokens, CancellationToken cancellationToken)
    {
        var body = Json(w =>
        {
            if (Model.Kind == ModelKind.LlamaCpp)
            {
                w.WriteString("content", text);
                w.WriteBoolean("add_special", addSpecialTokens);
            }
            else
            {
                w.WriteString("model", Model.RemoteModel);
                w.WriteString("prompt", text);
                w.WriteBoolean("add_special_tokens", addSpecialTokens);
            }
        });
        return (await PostAsync(new Uri(_serverRoot, "tokenize"), body, WireParser.ParseTokenize, cancellationToken, _tokenizeHttp)).Value;
    }

    private async Task AcquireTokensAsync(long tokens, CancellationToken cancellationToken)
    {
        if (_tokenLimiter is null)
        {
            return;
        }

        var permits = (int)Math.Clamp(tokens, 1, Model.TokensPerMinute!.Value);
        using var lease = await _tokenLimiter.AcquireAsync(permits, cancellationToken);
    }

    private async Task<(T Value, int Requests)> PostAsync<T>(Uri uri, byte[] body, Func<JsonElement, T> parse, CancellationToken cancellationToken, HttpClient? client = null)
    {
        using var scope = AttemptCounter.Begin(out var counter);
        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (_apiKey is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
            }

            // Headers-read: the validating handler has already consumed and parsed a successful body.
            response = await (client ?? _http).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw Failure(e, counter);
        }

        using (response)
        {
            // The resilience pipeline's innermost handler already parsed a successful body (to retry malformed ones).
            if (response.IsSuccessStatusCode && response.Content is ValidatedJsonContent validated)
            {
                return (Parse(validated.Document.RootElement, counter.AnsweredCount, parse), counter.AnsweredCount);
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure((int)response.StatusCode, Encoding.UTF8.GetString(bytes), counter);
            }

            return (Parse(bytes, counter.AnsweredCount, parse), counter.AnsweredCount);
        }
    }

    private T Parse<T>(byte[] json, int requests, Func<JsonElement, T> parse)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Unexpected(e, requests);
        }

        using (document)
        {
            return Parse(document.RootElement, requests, parse);
        }
    }

    private T Parse<T>(JsonElement root, int requests, Func<JsonElement, T> parse)
    {
        try
        {
            return parse(root);
        }
        catch (Exception e) when (e is WireFormatException or JsonException or InvalidOperationException or FormatException)
        {
            throw Unexpected(e, requests);
        }
    }

    private EndpointException Unexpected(Exception e, int requests) =>
        new(Model.Name, "answered in an unexpected shape: " + Scrub(e.Message), 200, requests, innerException: e);

    private EndpointException Failure(int status, string body, AttemptCounter counter)
    {
        var message = WireParser.ErrorMessage(body) ?? (body.Length > 200 ? body[..200] + "…" : body);
        var transient = status is 408 or 429 or >= 500;
        var cause = status switch
        {
            401 or 403 => "the server refused the credentials: " + message,
            404 => "the server does not know the model or route: " + message,
            429 => "rate-limited until retries ran out: " + message,
            >= 500 => "server error until retries ran out: " + message,
            _ => "the server rejected the request: " + message,
        };
        return new EndpointException(Model.Name, Scrub(cause), status, Math.Max(1, counter.SentCount), transient);
    }

    private EndpointException Failure(Exception e, AttemptCounter counter)
    {
        var cause = e switch
        {
            TimeoutRejectedException => "no answer within the attempt timeout until retries ran out",
            MalformedResponseException m => "malformed answers until retries ran out: " + m.Message,
            BrokenCircuitException => "circuit breaker open after repeated failures",
            HttpRequestException h => "connection failed until retries ran out: " + h.Message,
            _ => e.GetType().Name + ": " + e.Message,
        };
        return new EndpointException(Model.Name, Scrub(cause), null, Math.Max(1, counter.SentCount), true, e);
    }

    // A server may echo what it was sent; the key must never reach a message, a log or a result.
    private string Scrub(string text) =>
        _apiKey is { Length: > 0 } key ? text.Replace(key, "***", StringComparison.Ordinal) : text;

    private byte[] CompletionBody(CompletionCall call) => Json(w =>
    {
        w.WriteString("model", Model.RemoteModel);
        w.WritePropertyName("prompt");
        w.WriteStartArray();
        foreach (var p in call.Prompts)
        {
            if (p.Ids is { } ids)
            {
                w.WriteStartArray();
                foreach (var id in ids)
                {
                    w.WriteNumberValue(id);
                }

                w.WriteEndArray();
            }
            else
            {
                w.WriteStringValue(p.Text);
            }
        }

        w.WriteEndArray();
        w.WriteNumber("max_tokens", call.MaxTokens);
        w.WriteNumber("temperature", call.Temperature);
        if (call.N != 1)
        {
            w.WriteNumber("n", call.N);
        }

        if (call.Logprobs is { } k)
        {
            w.WriteNumber("logprobs", k);
        }

        if (call.Echo)
        {
            w.WriteBoolean("echo", true);
        }

        WriteCommon(w, call.Stop, call.Seed, call.TokenIdsInLogprobs);
    });

    private byte[] ChatBody(ChatCall call) => Json(w =>
    {
        w.WriteString("model", Model.RemoteModel);
        w.WritePropertyName("messages");
        w.WriteStartArray();
        foreach (var m in call.Messages)
        {
            w.WriteStartObject();
            w.WriteString("role", m.Role);
            w.WriteString("content", m.Content);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("max_tokens", call.MaxTokens);
        w.WriteNumber("temperature", call.Temperature);
        if (call.N != 1)
        {
            w.WriteNumber("n", call.N);
        }

        if (call.TopLogprobs is { } k)
        {
            w.WriteBoolean("logprobs", true);
            w.WriteNumber("top_logprobs", k);
        }

        if (call.PromptLogprobs is { } pk)
        {
            w.WriteNumber("prompt_logprobs", pk);
        }

        if (call.ContinueFinalMessage)
        {
            w.WriteBoolean("continue_final_message", true);
            w.WriteBoolean("add_generation_prompt", false);
        }

        WriteCommon(w, call.Stop, call.Seed, call.TokenIdsInLogprobs);
    });

    private void WriteCommon(Utf8JsonWriter w, IReadOnlyList<string>? stop, long? seed, bool tokenIds)
    {
        if (stop is { Count: > 0 })
        {
            w.WritePropertyName("stop");
            w.WriteStartArray();
            foreach (var s in stop)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
        }

        if (seed is { } sd)
        {
            w.WriteNumber("seed", sd);
        }

        if (tokenIds && Model.HasVllmExtras)
        {
            w.WriteBoolean("return_tokens_as_token_ids", true);
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}

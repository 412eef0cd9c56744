using System.ClientModel;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Models;
using Superposition.Scoring.Resilience;

namespace Superposition.Scoring.Endpoints;

/// <summary>
/// The wire client of one model: tokenisation, legacy completions (plain HttpClient: the SDK has no echo), and
/// chat (the official OpenAI / Azure OpenAI SDK, except for servers with vLLM's extras, which need fields the SDK
/// does not model). Every call goes through the model's resilience pipeline and comes back with its cost, or
/// fails with an <see cref="EndpointException"/>. Request bodies are written by <see cref="WireWriter"/>, answers read
/// by <see cref="WireParser"/>, failures named by <see cref="EndpointFailures"/>; this class is the transport.
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
    private readonly TokenBudget? _tokenBudget;
    private readonly LocalTokenizer? _local;
    private readonly EndpointFailures _failures;
    private readonly TokenizeCache _tokens = new(TokenCacheCapacity);

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
        _tokenBudget = model.TokensPerMinute is { } tpm ? new TokenBudget(tpm) : null;
        _failures = new EndpointFailures(model.Name, apiKey);
    }

    public ModelDescriptor Model { get; }

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

        var body = WireWriter.Tokenize(Model, text, addSpecialTokens);
        return _tokens.GetAsync((addSpecialTokens ? "1" : "0") + text, lifetime => TokenizeBodyAsync(body, lifetime), cancellationToken);
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

        var body = WireWriter.TokenizeChat(Model, messages);
        return (await PostAsync(new Uri(_serverRoot, "tokenize"), body, WireParser.ParseTokenize, cancellationToken, _tokenizeHttp)).Value;
    }

    /// <summary>What is known of a token for matching it in top-k lists: its id, and its bytes with a local tokeniser.</summary>
    public CandidateToken TokenInfo(int id) => _local?.Token(id) ?? new CandidateToken(id, null, null);

    public async Task<WireResponse<CompletionResult>> CompleteAsync(CompletionCall call, CancellationToken cancellationToken)
    {
        if (!Model.HasCompletions)
        {
            throw new EndpointException(Model.Name, $"{Model.Kind.Name()} endpoints have no legacy completions (no echo, no completions top-k)");
        }

        var body = WireWriter.Completion(Model, call);
        await AcquireTokensAsync(call.Prompts.Sum(p => p.Ids?.Count ?? (p.Text!.Length / 3)) + (call.MaxTokens * call.N * call.Prompts.Count), cancellationToken);
        var (result, requests) = await PostAsync(new Uri(_apiBase, "completions"), body, root => WireParser.ParseCompletion(root, !call.LogprobsOnly), cancellationToken);
        return new WireResponse<CompletionResult>(result, requests, result.Usage);
    }

    public async Task<WireResponse<ChatResult>> ChatAsync(ChatCall call, CancellationToken cancellationToken)
    {
        await AcquireTokensAsync(call.Messages.Sum(m => m.Content.Length / 3) + (call.MaxTokens * call.N), cancellationToken);
        if (_sdkChat is null)
        {
            var (result, requests) = await PostAsync(new Uri(_apiBase, "chat/completions"), WireWriter.Chat(Model, call), WireParser.ParseChat, cancellationToken);
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
            throw _failures.Status(e.Status, body, counter);
        }
        catch (Exception e) when (e is not EndpointException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw _failures.Exception(e, counter);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _tokenizeHttp.Dispose();
        _limiters.Dispose();
        _tokenBudget?.Dispose();
        _tokens.Dispose();
    }

    private async Task<int[]> TokenizeBodyAsync(byte[] body, CancellationToken cancellationToken) =>
        (await PostAsync(new Uri(_serverRoot, "tokenize"), body, WireParser.ParseTokenize, cancellationToken, _tokenizeHttp)).Value;

    private Task AcquireTokensAsync(long tokens, CancellationToken cancellationToken) =>
        _tokenBudget?.AcquireAsync(tokens, cancellationToken) ?? Task.CompletedTask;

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
            throw _failures.Exception(e, counter);
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
                throw _failures.Status((int)response.StatusCode, Encoding.UTF8.GetString(bytes), counter);
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
            throw _failures.Unexpected(e, requests);
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
            throw _failures.Unexpected(e, requests);
        }
    }
}

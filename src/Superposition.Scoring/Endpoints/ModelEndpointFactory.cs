using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;
using OpenAI;
using Superposition.Scoring.Models;
using Superposition.Scoring.Resilience;

namespace Superposition.Scoring.Endpoints;

/// <summary>
/// Creates and keeps one <see cref="ModelEndpoint"/> per model name: its HttpClient (resilience handler, JSON
/// validation, sockets), its API key read from configuration through the model's ApiKeySetting, and its SDK chat
/// client. A provider's model without a base URL gets the provider's in-process endpoint (<see cref="IModelProvider"/>).
/// </summary>
internal sealed class ModelEndpointFactory(IConfiguration configuration, ModelCatalog catalog, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ModelEndpoint>>> _endpoints = new(StringComparer.Ordinal);

    public Task<ModelEndpoint> GetAsync(ModelDescriptor model)
    {
        var lazy = _endpoints.GetOrAdd(model.Name, _ => new Lazy<Task<ModelEndpoint>>(() => CreateAsync(model)));
        if (lazy.Value.IsFaulted)
        {
            _endpoints.TryRemove(new KeyValuePair<string, Lazy<Task<ModelEndpoint>>>(model.Name, lazy));
        }

        return lazy.Value;
    }

    /// <summary>Disposes the endpoints' clients and limiters (providers' endpoints are disposed by their owners).</summary>
    public void Dispose()
    {
        foreach (var lazy in _endpoints.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                lazy.Value.Result.Dispose();
            }
        }

        _endpoints.Clear();
    }

    private async Task<ModelEndpoint> CreateAsync(ModelDescriptor model)
    {
        // A model served in this process is tokenised by its provider directly: the same tokenizer its server's
        // /tokenize runs, without a request per text (the echo and trie strategies tokenise each answer in context).
        var provider = model.BaseUrl is null
            ? catalog.ProviderOf(model) ?? throw new ModelConfigurationException($"Model '{model.Name}' has no BaseUrl and no registered provider serves it.")
            : null;
        var apiBase = model.BaseUrl ?? await provider!.StartEndpointAsync(model, CancellationToken.None);
        string? key = null;
        if (model.ApiKeySetting is { } setting)
        {
            key = configuration[setting];
            if (string.IsNullOrEmpty(key) && !model.UseEntraId)
            {
                throw new ModelConfigurationException($"Model '{model.Name}': the setting '{setting}' named by ApiKeySetting is empty or missing.");
            }
        }

        var http = Client(ModelPipeline.Create(model, time, out var limiters), model);

        // Tokenisation is retried and timed like the rest but does not take a generation slot or rate permit.
        var tokenizeHttp = Client(ModelPipeline.Create(model, time, out _, limits: false), model);
        var sdkChat = model.HasVllmExtras ? null : CreateSdkChat(model, apiBase, http, key);
        Func<string, bool, int[]>? inProcess = provider is null ? null : (text, addSpecialTokens) => provider.Encode(model, text, addSpecialTokens);
        return new ModelEndpoint(model, apiBase, http, tokenizeHttp, limiters, model.Kind == ModelKind.AzureOpenAI ? null : key, sdkChat, inProcess);
    }

    private static HttpClient Client(Polly.ResiliencePipeline<HttpResponseMessage> pipeline, ModelDescriptor model)
    {
        var sockets = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = Math.Max(model.MaxConcurrency * 2, 16),
        };
        var handler = new ResilienceHandler(pipeline) { InnerHandler = new JsonValidationHandler { InnerHandler = sockets } };

        // The pipeline times each attempt; the client itself must not cut a call that is still retrying.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static OpenAI.Chat.ChatClient CreateSdkChat(ModelDescriptor model, Uri apiBase, HttpClient http, string? key)
    {
        // Our pipeline retries; the SDK's own retries would multiply attempts and hide them from the cost.
        var transport = new HttpClientPipelineTransport(http);
        var network = model.Resilience.AttemptTimeout * (model.Resilience.MaxRetryAttempts + 2) + (model.Resilience.MaxRetryDelay * (model.Resilience.MaxRetryAttempts + 1));
        if (model.Kind == ModelKind.AzureOpenAI)
        {
            var options = new AzureOpenAIClientOptions { Transport = transport, RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = network };
            var client = model.UseEntraId
                ? new AzureOpenAIClient(apiBase, new DefaultAzureCredential(), options)
                : new AzureOpenAIClient(apiBase, new ApiKeyCredential(key ?? throw new ModelConfigurationException($"Model '{model.Name}' (azure-openai) needs ApiKeySetting or UseEntraId.")), options);
            return client.GetChatClient(model.RemoteModel);
        }

        var openAi = new OpenAIClient(
            new ApiKeyCredential(key ?? "no-key"),
            new OpenAIClientOptions { Endpoint = apiBase, Transport = transport, RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = network });
        return openAi.GetChatClient(model.RemoteModel);
    }
}

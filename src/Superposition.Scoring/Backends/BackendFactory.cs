using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;
using OpenAI;
using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Models;
using Superposition.Scoring.Resilience;
using Superposition.Scoring.Telemetry;

namespace Superposition.Scoring.Backends;

/// <summary>
/// Creates and keeps one <see cref="IScoringBackend"/> per model name. A model with a base URL gets a
/// <see cref="WireBackend"/>: its HttpClient (resilience handler, attempt telemetry, JSON validation, sockets), its API key read from
/// configuration through the model's ApiKeySetting, and its SDK chat client. A provider's model without one gets
/// the provider's in-process backend (<see cref="IModelProvider.CreateBackend"/>): no server, no HTTP.
/// </summary>
internal sealed class BackendFactory(IConfiguration configuration, ModelCatalog catalog, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IScoringBackend>> _backends = new(StringComparer.Ordinal);

    public IScoringBackend Get(ModelDescriptor model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var lazy = _backends.GetOrAdd(model.Name, _ => new Lazy<IScoringBackend>(() => Create(model)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A model that failed to load or configure is tried again on its next use, not remembered as broken.
            _backends.TryRemove(new KeyValuePair<string, Lazy<IScoringBackend>>(model.Name, lazy));
            throw;
        }
    }

    /// <summary>Disposes the wire backends' clients and limiters (providers' backends are disposed by their owners).</summary>
    public void Dispose()
    {
        foreach (var lazy in _backends.Values)
        {
            if (lazy.IsValueCreated && lazy.Value is WireBackend wire)
            {
                wire.Dispose();
            }
        }

        _backends.Clear();
    }

    private IScoringBackend Create(ModelDescriptor model)
    {
        if (model.BaseUrl is not { } apiBase)
        {
            var provider = catalog.ProviderOf(model) ?? throw new ModelConfigurationException($"Model '{model.Name}' has no BaseUrl and no registered provider serves it.");
            return provider.CreateBackend(model);
        }

        string? key = null;
        if (model.ApiKeySetting is { } setting)
        {
            key = configuration[setting];
            if (string.IsNullOrEmpty(key) && !model.UseEntraId)
            {
                throw new ModelConfigurationException($"Model '{model.Name}': the setting '{setting}' named by ApiKeySetting is empty or missing.");
            }
        }

        var http = Client(ModelPipeline.Create(model, time, out var limiters), model, time);

        // Tokenisation is retried and timed like the rest but does not take a generation slot or rate permit.
        var tokenizeHttp = Client(ModelPipeline.Create(model, time, out _, limits: false), model, time);
        var sdkChat = model.HasVllmExtras ? null : CreateSdkChat(model, apiBase, http, key);
        return new WireBackend(new ModelEndpoint(model, apiBase, http, tokenizeHttp, limiters, model.Kind == ModelKind.AzureOpenAI ? null : key, sdkChat));
    }

    private static HttpClient Client(Polly.ResiliencePipeline<HttpResponseMessage> pipeline, ModelDescriptor model, TimeProvider time)
    {
        var sockets = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = Math.Max(model.MaxConcurrency * 2, 16),
        };
        var handler = new ResilienceHandler(pipeline)
        {
            InnerHandler = new CallTelemetryHandler(model.Name, time) { InnerHandler = new JsonValidationHandler { InnerHandler = sockets } },
        };

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

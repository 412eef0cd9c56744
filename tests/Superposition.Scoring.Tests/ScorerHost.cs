using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Superposition.LocalModels;
using Superposition.LocalModels.Reference;
using Superposition.ModelServer.Hosting;

namespace Superposition.Scoring.Tests;

/// <summary>
/// A real reference server on loopback and a scorer built through <see cref="ScoringServiceCollectionExtensions.AddSuperpositionScoring"/>
/// with models pointing at it (small retry delays so fault tests stay fast).
/// </summary>
internal sealed class ScorerHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ScorerHost(ProtocolServer server, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Server = server;
        _services = services;
        Logs = logs;
    }

    public ProtocolServer Server { get; }

    public CapturingLoggerProvider Logs { get; }

    public IPromptScorer Scorer => _services.GetRequiredService<IPromptScorer>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public Uri ApiBase => new(Server.BaseAddress, "v1/");

    /// <summary>
    /// Starts a server and a scorer. <paramref name="models"/> maps model name to settings (Kind defaults to reference,
    /// BaseUrl to the server); reference-calibrated, -sharp, -flat, -biased and -leaky are configured for the server.
    /// <paramref name="time"/> is the scorer's clock (attempt timeouts, retry delays); the server keeps its own
    /// (<see cref="ProtocolServerOptions.TimeProvider"/>), so a fake one here does not stall the server's latencies.
    /// <paramref name="logging"/> adds to the scorer's logging (telemetry tests send it through OpenTelemetry).
    /// </summary>
    public static async Task<ScorerHost> StartAsync(ProtocolServerOptions? options = null, IDictionary<string, IDictionary<string, string?>>? models = null, IDictionary<string, string?>? extra = null, TimeProvider? time = null, Action<ILoggingBuilder>? logging = null)
    {
        var server = await ReferenceModels.StartServerAsync(options ?? new ProtocolServerOptions());
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var apiBase = new Uri(server.BaseAddress, "v1/").AbsoluteUri;
        foreach (var name in new[] { "reference-calibrated", "reference-sharp", "reference-flat", "reference-biased", "reference-leaky" })
        {
            Add(name, new Dictionary<string, string?>());
        }

        foreach (var (name, values) in models ?? new Dictionary<string, IDictionary<string, string?>>())
        {
            Add(name, values);
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new CapturingLoggerProvider();
        var collection = new ServiceCollection();
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        var services = collection
            .AddLogging(b =>
            {
                b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
                logging?.Invoke(b);
            })
            .AddSuperpositionScoring(configuration)
            .AddReferenceModels()
            .BuildServiceProvider();
        return new ScorerHost(server, services, logs);

        void Add(string name, IDictionary<string, string?> values)
        {
            var defaults = new Dictionary<string, string?>
            {
                ["BaseUrl"] = apiBase,
                ["RetryBaseDelayMilliseconds"] = "5",
                ["MaxRetryDelaySeconds"] = "0.05",
                ["RequestTimeoutSeconds"] = "5",
            };
            foreach (var (key, value) in defaults.Concat(values))
            {
                settings[string.Create(CultureInfo.InvariantCulture, $"Superposition:Models:{name}:{key}")] = value == "{root}" ? server.BaseAddress.AbsoluteUri : value;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>Keeps every log message, formatted, for assertions (the secret test scans them).</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _messages);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Superposition.LanguageModels;
using Superposition.ModelServer.Http;

namespace Superposition.ModelServer.Hosting;

/// <summary>
/// A running protocol server: the models of an <see cref="ILanguageModelCatalog"/> behind the vLLM/OpenAI HTTP
/// protocol (POST /v1/completions, POST /v1/chat/completions, POST /tokenize, POST /detokenize, GET /v1/models,
/// GET /stats, GET /health), with fault injection.
/// </summary>
public sealed partial class ProtocolServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProtocolServer(WebApplication app, IReadOnlyList<Uri> addresses, ServerStats stats)
    {
        _app = app;
        Addresses = addresses;
        Stats = stats;
    }

    /// <summary>The first address listened on, ending in "/" (e.g. http://127.0.0.1:41234/).</summary>
    public Uri BaseAddress => Addresses[0];

    /// <summary>Every address listened on.</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>Counters of requests, answers, faults and tokens (also served by GET /stats).</summary>
    public ServerStats Stats { get; }

    /// <summary>Starts a server on <see cref="ProtocolServerOptions.Urls"/> (default: loopback, ephemeral port).</summary>
    public static async Task<ProtocolServer> StartAsync(ILanguageModelCatalog catalog, ProtocolServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options ??= new ProtocolServerOptions();
        var app = Build(catalog, options, out var stats);
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/') + "/"))
            .ToList();
        var server = new ProtocolServer(app, addresses, stats);
        if (options.LoggerFactory is { } factory)
        {
            LogListening(factory.CreateLogger<ProtocolServer>(), string.Join(", ", addresses));
        }

        return server;
    }

    /// <summary>Runs a server on <paramref name="urls"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    public static async Task RunAsync(ILanguageModelCatalog catalog, IReadOnlyList<string> urls, ProtocolServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(options);
        await using var server = await StartAsync(catalog, options with { Urls = urls.Count > 0 ? urls : options.Urls }, cancellationToken);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private static WebApplication Build(ILanguageModelCatalog catalog, ProtocolServerOptions options, out ServerStats stats)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(ProtocolServer).Assembly.GetName().Name });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Logging.ClearProviders();
        if (options.LoggerFactory is { } factory)
        {
            builder.Services.AddSingleton(factory);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        stats = new ServerStats();
        var api = new ProtocolApi(catalog, options, stats);
        app.UseMiddleware<FaultMiddleware>(options, stats);
        app.UseMiddleware<ApiKeyMiddleware>(options);
        app.MapProtocolEndpoints(api);
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Protocol server listening on {Addresses}")]
    private static partial void LogListening(ILogger logger, string addresses);
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Superposition.ReferenceModel.Http;
using Superposition.ReferenceModel.Model;

namespace Superposition.ReferenceModel.Hosting;

/// <summary>
/// A running reference server: the reference models behind the vLLM/OpenAI HTTP protocol (POST /v1/completions,
/// POST /v1/chat/completions, POST /tokenize, POST /detokenize, GET /v1/models, GET /stats, GET /health).
/// </summary>
public sealed partial class ReferenceServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReferenceServer(WebApplication app, IReadOnlyList<Uri> addresses, ServerStats stats)
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

    /// <summary>Starts a server on <see cref="ReferenceServerOptions.Urls"/> (default: loopback, ephemeral port).</summary>
    public static async Task<ReferenceServer> StartAsync(ReferenceServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReferenceServerOptions();
        var app = Build(options, out var stats);
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/') + "/"))
            .ToList();
        var server = new ReferenceServer(app, addresses, stats);
        if (options.LoggerFactory is { } factory)
        {
            LogListening(factory.CreateLogger<ReferenceServer>(), string.Join(", ", addresses));
        }

        return server;
    }

    /// <summary>Runs a server on <paramref name="urls"/> until <paramref name="cancellationToken"/> is cancelled (the CLI's serve-reference).</summary>
    public static async Task RunAsync(IReadOnlyList<string> urls, ReferenceServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(options);
        await using var server = await StartAsync(options with { Urls = urls.Count > 0 ? urls : options.Urls }, cancellationToken);
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

    private static WebApplication Build(ReferenceServerOptions options, out ServerStats stats)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(ReferenceServer).Assembly.GetName().Name });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Logging.ClearProviders();
        if (options.LoggerFactory is { } factory)
        {
            builder.Services.AddSingleton(factory);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        stats = new ServerStats();
        _ = ReferenceTokenizer.Shared; // load the vocabulary before the first request
        var api = new ReferenceApi(options, stats);
        app.UseMiddleware<FaultMiddleware>(options, stats);
        app.MapReferenceEndpoints(api);
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference server listening on {Addresses}")]
    private static partial void LogListening(ILogger logger, string addresses);
}

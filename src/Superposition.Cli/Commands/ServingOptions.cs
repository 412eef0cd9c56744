using System.CommandLine;
using Superposition.ModelServer.Hosting;

namespace Superposition.Cli.Commands;

/// <summary>
/// What every serving command (<c>serve-reference</c>, <c>serve-model</c>) shares: <c>--urls</c> and the fault
/// options of the protocol server (docs/reference-models.md, "Faults"), read and checked as bad input, and serving
/// until Ctrl+C.
/// </summary>
internal sealed class ServingOptions
{
    private readonly string _defaultUrl;
    private readonly Option<string[]> _urls;
    private readonly Option<double> _latency = new("--latency-ms") { Description = "Fault: fixed latency per request, ms." };
    private readonly Option<double> _jitter = new("--jitter-ms") { Description = "Fault: extra latency uniform in [0, jitter], ms." };
    private readonly Option<int> _concurrency = new("--max-concurrency") { Description = "Fault: requests served at once; excess get 429 with Retry-After (0: no cap)." };
    private readonly Option<double> _errors = new("--error-rate") { Description = "Fault: share of requests answered 500/503." };
    private readonly Option<double> _rateLimits = new("--rate-limit-rate") { Description = "Fault: share of requests answered 429 with Retry-After." };
    private readonly Option<double> _malformed = new("--malformed-rate") { Description = "Fault: share of 200 answers whose JSON is cut short." };
    private readonly Option<double> _hangs = new("--hang-rate") { Description = "Fault: share of requests never answered." };
    private readonly Option<int> _seed = new("--fault-seed") { Description = "Seed of the fault draws." };

    public ServingOptions(string defaultUrl)
    {
        _defaultUrl = defaultUrl;
        _urls = new Option<string[]>("--urls") { Description = $"Addresses to listen on (default {defaultUrl}).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [defaultUrl] };
    }

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _urls, _latency, _jitter, _concurrency, _errors, _rateLimits, _malformed, _hangs, _seed })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The server's settings from the parsed options; a bad value is a <see cref="CliInputException"/> naming the option.</summary>
    public ProtocolServerOptions Read(ParseResult parse)
    {
        double Rate(Option<double> option)
        {
            var value = parse.GetValue(option);
            return value is >= 0 and <= 1 ? value : throw new CliInputException($"{option.Name} must lie in [0, 1] (got {value})");
        }

        double NonNegative(Option<double> option)
        {
            var value = parse.GetValue(option);
            return value >= 0 ? value : throw new CliInputException($"{option.Name} must not be negative (got {value})");
        }

        var faults = new FaultOptions
        {
            LatencyMs = NonNegative(_latency),
            JitterMs = NonNegative(_jitter),
            MaxConcurrentRequests = parse.GetValue(_concurrency) >= 0 ? parse.GetValue(_concurrency) : throw new CliInputException("--max-concurrency must not be negative"),
            ErrorRate = Rate(_errors),
            RateLimitRate = Rate(_rateLimits),
            MalformedRate = Rate(_malformed),
            HangRate = Rate(_hangs),
            Seed = parse.GetValue(_seed),
        };
        var addresses = parse.GetValue(_urls)!;
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new CliInputException($"--urls: '{address}' is not an http(s) address such as {_defaultUrl}");
            }
        }

        return new ProtocolServerOptions { Urls = addresses, Faults = faults };
    }

    /// <summary>Starts the server (an address in use is bad input naming --urls), says where it listens and serves until Ctrl+C.</summary>
    public static async Task ServeUntilCancelledAsync(CliConsole console, Func<Task<ProtocolServer>> start, IReadOnlyList<string> addresses, string what, CancellationToken cancellationToken)
    {
        ProtocolServer server;
        try
        {
            server = await start();
        }
        catch (IOException e)
        {
            throw new CliInputException($"--urls: cannot listen on {string.Join(", ", addresses)}: {e.Message}");
        }

        await using (server)
        {
            await console.Out.WriteLineAsync($"{what} listening on {string.Join(", ", server.Addresses)} (Ctrl+C to stop)");
            await console.Out.FlushAsync(cancellationToken);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: stop serving.
            }
        }
    }
}

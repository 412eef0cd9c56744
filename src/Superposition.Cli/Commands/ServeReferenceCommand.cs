using System.CommandLine;
using Superposition.LocalModels.Reference;
using Superposition.ModelServer.Hosting;

namespace Superposition.Cli.Commands;

/// <summary>
/// <c>superposition serve-reference [--urls http://127.0.0.1:8089] [fault options]</c>: serves the reference
/// models over the OpenAI/vLLM protocol until Ctrl+C (docs/reference-models.md).
/// </summary>
internal static class ServeReferenceCommand
{
    public static Command Create(CliConsole console)
    {
        var urls = new Option<string[]>("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:8089).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["http://127.0.0.1:8089"] };
        var latency = new Option<double>("--latency-ms") { Description = "Fault: fixed latency per request, ms." };
        var jitter = new Option<double>("--jitter-ms") { Description = "Fault: extra latency uniform in [0, jitter], ms." };
        var concurrency = new Option<int>("--max-concurrency") { Description = "Fault: requests served at once; excess get 429 with Retry-After (0: no cap)." };
        var errors = new Option<double>("--error-rate") { Description = "Fault: share of requests answered 500/503." };
        var rateLimits = new Option<double>("--rate-limit-rate") { Description = "Fault: share of requests answered 429 with Retry-After." };
        var malformed = new Option<double>("--malformed-rate") { Description = "Fault: share of 200 answers whose JSON is cut short." };
        var hangs = new Option<double>("--hang-rate") { Description = "Fault: share of requests never answered." };
        var seed = new Option<int>("--fault-seed") { Description = "Seed of the fault draws." };
        var command = new Command("serve-reference", "Serve the reference language models over the OpenAI/vLLM HTTP protocol until Ctrl+C.")
        {
            urls, latency, jitter, concurrency, errors, rateLimits, malformed, hangs, seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
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
                LatencyMs = NonNegative(latency),
                JitterMs = NonNegative(jitter),
                MaxConcurrentRequests = parse.GetValue(concurrency) >= 0 ? parse.GetValue(concurrency) : throw new CliInputException("--max-concurrency must not be negative"),
                ErrorRate = Rate(errors),
                RateLimitRate = Rate(rateLimits),
                MalformedRate = Rate(malformed),
                HangRate = Rate(hangs),
                Seed = parse.GetValue(seed),
            };
            var addresses = parse.GetValue(urls)!;
            foreach (var address in addresses)
            {
                if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    throw new CliInputException($"--urls: '{address}' is not an http(s) address such as http://127.0.0.1:8089");
                }
            }

            ProtocolServer server;
            try
            {
                server = await ReferenceModels.StartServerAsync(new ProtocolServerOptions { Urls = addresses, Faults = faults }, cancellationToken);
            }
            catch (IOException e)
            {
                throw new CliInputException($"--urls: cannot listen on {string.Join(", ", addresses)}: {e.Message}");
            }

            await using (server)
            {
                await console.Out.WriteLineAsync($"Reference models listening on {string.Join(", ", server.Addresses)} (Ctrl+C to stop)");
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

            return CliApp.Success;
        });
        return command;
    }
}

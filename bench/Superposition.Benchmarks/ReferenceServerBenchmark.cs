using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Superposition.Distributions;
using Superposition.LocalModels.Reference;
using Superposition.ModelServer.Hosting;
using Superposition.ModelServer.Http;
using Superposition.Prompts;
using Superposition.ReferenceModel.Model;

namespace Superposition.Benchmarks;

/// <summary>
/// Loopback throughput of the reference server on the scoring request the suite sends most: one 60-example
/// Fig. 6 prompt (country tasks, D2) with echo over its 6 candidates, as one request of 6 prompts with
/// logprobs 1 and max_tokens 0. Server and client share this process, so the HTTP phase's CPU per request is an
/// upper bound on the server's; a second phase times the server's handler alone (parse, score, serialise).
/// </summary>
internal static class ReferenceServerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchmarkArguments.Option(args, "--seconds", 5);
        var concurrency = BenchmarkArguments.Option(args, "--concurrency", Environment.ProcessorCount);
        var body = RequestBody();
        Console.WriteLine($"request: 6 prompts x ~{body.Length / 6 / 1024.0:F1} KiB, echo, logprobs 1, max_tokens 0; {seconds} s, concurrency {concurrency}, {Environment.ProcessorCount} cores");

        await using var server = await ReferenceModels.StartServerAsync(new ProtocolServerOptions());
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var first = await client.PostAsync("v1/completions", Content(body));
        first.EnsureSuccessStatusCode();
        var firstText = await first.Content.ReadAsStringAsync();
        Console.WriteLine($"response: {firstText.Length / 1024.0:F0} KiB");

        // Warm-up (tiered JIT and dynamic PGO take several seconds to settle), then count completed requests per 1-second window.
        await Drive(client, body, concurrency, TimeSpan.FromSeconds(8), _ => { });
        var windows = new List<double>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long total = 0;
        var started = Stopwatch.StartNew();
        for (var w = 0; w < seconds; w++)
        {
            long count = 0;
            var window = Stopwatch.StartNew();
            await Drive(client, body, concurrency, TimeSpan.FromSeconds(1), _ => Interlocked.Increment(ref count));
            windows.Add(count / window.Elapsed.TotalSeconds);
            total += count;
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        windows.Sort();
        Console.WriteLine($"HTTP loopback: median {windows[windows.Count / 2]:F0} requests/s (windows {string.Join(", ", windows.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)))}), {total * 6 / started.Elapsed.TotalSeconds:F0} prompts/s");
        Console.WriteLine($"process CPU (server + client): {cpu.TotalMilliseconds / total:F2} ms per request");

        // The handler alone, one thread: what the server spends per request without HTTP and client.
        var api = new ProtocolApi(new ReferenceModelCatalog(), new ProtocolServerOptions(), new ServerStats());
        var handlerCount = 0;
        var cpuHandler = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(Math.Max(1, seconds / 2)))
        {
            var request = JsonSerializer.Deserialize<CompletionRequest>(body, WireJson.Options)!;
            _ = JsonSerializer.SerializeToUtf8Bytes(api.Completions(request), WireJson.Options);
            handlerCount++;
        }

        var handlerCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuHandler;
        Console.WriteLine($"server handler alone (1 thread): {handlerCpu.TotalMilliseconds / handlerCount:F2} ms CPU per request, {handlerCount / watch.Elapsed.TotalSeconds:F0} requests/s");
        return 0;
    }

    private static async Task Drive(HttpClient client, string body, int concurrency, TimeSpan duration, Action<int> done)
    {
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (until.Elapsed < duration)
            {
                using var response = await client.PostAsync("v1/completions", Content(body));
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                done(1);
            }
        }));
    }

    private static StringContent Content(string body) => new(body, Encoding.UTF8, "application/json");

    private static string RequestBody()
    {
        var prompt = PromptGenerator.ForTaskIds(["country.capital", "country.continent", "country.uppercase", "country.currency", "country.letters", "country.chinese"])
            .Generate(PaperDistributions.Get("D2", 6), 60, seed: 0, index: 0);
        var prompts = prompt.Candidates.Select(c => prompt.Text + c.Answer + "\n").ToArray();
        return JsonSerializer.Serialize(new { model = "reference-calibrated", prompt = prompts, echo = true, logprobs = 1, max_tokens = 0 });
    }

}

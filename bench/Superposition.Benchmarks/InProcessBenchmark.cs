using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Superposition.LocalModels;
using Superposition.ModelServer.Hosting;
using Superposition.Prompts;
using Superposition.ReferenceModel.Model;
using Superposition.Scoring;
using Superposition.Scoring.Planning;
using Superposition.Scoring.Strategies;
using Superposition.Specs;

namespace Superposition.Benchmarks;

/// <summary>
/// A reference model scored as the suite scores it by default (a built-in name, no BaseUrl: in process) against the
/// same model behind a protocol server on loopback (configured as a vLLM server), for each strategy, on the Fig. 6
/// presets' prompts: prompts/s per round, median over rounds, and the ratio. Only the public scoring API is used,
/// so the same file measures any commit (before the scoring seam, "in process" meant a loopback server too).
/// </summary>
internal static class InProcessBenchmark
{
    private static readonly string[] Strategies = [StrategyNames.Echo, StrategyNames.Trie, StrategyNames.PaperForward, StrategyNames.Sample];

    public static async Task<int> RunAsync(string[] args)
    {
        var perDistribution = BenchmarkArguments.Option(args, "--prompts", 16);
        var rounds = BenchmarkArguments.Option(args, "--rounds", 5);
        var concurrency = BenchmarkArguments.Option(args, "--concurrency", 16);
        var strategies = BenchmarkArguments.Text(args, "--strategies")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? Strategies;
        if (strategies.FirstOrDefault(s => !StrategyNames.All.Contains(s)) is { } unknown)
        {
            throw new ArgumentException($"--strategies: unknown strategy '{unknown}'; expected some of {string.Join(", ", StrategyNames.All)}.");
        }

        var spec = SpecLoader.LoadFile(BenchmarkArguments.SpecPath("fig6-countries"));
        var prompts = ScoringPlanner.Prompts(spec, perDistribution);
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Superposition:Models:served:Kind"] = "vllm",
            ["Superposition:Models:served:BaseUrl"] = new Uri(server.BaseAddress, "v1/").AbsoluteUri,
            ["Superposition:Models:served:Model"] = "reference-calibrated",
        }).Build();
        await using var services = new ServiceCollection().AddSuperpositionScoring(configuration).AddReferenceModels().BuildServiceProvider();
        var scorer = services.GetRequiredService<IPromptScorer>();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reference-calibrated on fig6-countries: {prompts.Count} prompts per round, {rounds} rounds, {concurrency} prompts in flight, samples 200 for sample"));
        Console.WriteLine("strategy        in-process prompts/s   over HTTP prompts/s   ratio");
        foreach (var strategy in strategies)
        {
            var options = new ScoringSpec(strategy, Terminator: strategy != StrategyNames.PaperForward);

            // One untimed round each warms the JIT, the tokenizer caches and the server's connections.
            await RoundAsync(scorer, "reference-calibrated", prompts, options, concurrency);
            await RoundAsync(scorer, "served", prompts, options, concurrency);
            var local = new List<double>();
            var http = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                local.Add(await RoundAsync(scorer, "reference-calibrated", prompts, options, concurrency));
                http.Add(await RoundAsync(scorer, "served", prompts, options, concurrency));
            }

            var (l, h) = (BenchmarkArguments.Median(local), BenchmarkArguments.Median(http));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{strategy,-15} {l,20:0.0} {h,21:0.0} {l / h,7:0.00}x"));
        }

        return 0;
    }

    private static async Task<double> RoundAsync(IPromptScorer scorer, string model, IReadOnlyList<Prompt> prompts, ScoringSpec options, int concurrency)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(prompts, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (prompt, ct) => await scorer.ScoreAsync(model, prompt, options, ct));
        return prompts.Count / clock.Elapsed.TotalSeconds;
    }
}

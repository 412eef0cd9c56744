using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Superposition.Prompts;
using Superposition.ReferenceModel.Hosting;
using Superposition.ReferenceModel.Model;
using Superposition.Scoring;
using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Planning;
using Superposition.Scoring.Strategies;
using Superposition.Specs;

namespace Superposition.Benchmarks;

/// <summary>
/// Cost of each scoring strategy against the reference server over loopback, for fig6-numbers and
/// fig6-countries, with the paper's two procedures measured in the same run: requests per scored prompt,
/// prefilled (non-cached) prompt tokens per prompt relative to the minimum (one prompt plus the distinct
/// candidate tokens), and prompts per second at an injected latency (default 100 ms, on generation requests only:
/// /tokenize never queues for a GPU) with 16 requests in flight, relative to the ideal concurrency / latency. A fresh server per (spec, strategy) keeps prefix caches apart.
/// </summary>
internal static class ScoringBenchmark
{
    private static readonly string[] Strategies = [StrategyNames.Echo, StrategyNames.Trie, StrategyNames.Chat, StrategyNames.PaperForward, StrategyNames.PaperBeam];

    public static async Task<int> RunAsync(string[] args)
    {
        var perDistribution = Option(args, "--prompts", 16);
        var latency = Option(args, "--latency-ms", 100);
        var concurrency = Option(args, "--concurrency", 16);
        var ideal = concurrency / (latency / 1000.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reference-calibrated, {perDistribution} prompts per distribution (D1-D3), latency {latency} ms, {concurrency} requests in flight; ideal {ideal:0} prompts/s at one request per prompt"));
        Console.WriteLine("spec            strategy       req/prompt  prefill/min  prompts/s  vs ideal  exact");
        var rows = new List<Row>();
        foreach (var specName in new[] { "fig6-numbers", "fig6-countries" })
        {
            var spec = SpecLoader.LoadFile(SpecPath(specName));
            var prompts = ScoringPlanner.Prompts(spec, perDistribution);
            var warmUp = spec.ResolveDistributions().Select(d => new PromptGenerator(spec.ResolveTasks()).Generate(d, spec.Examples, spec.Seed, spec.Prompts - 1)).ToList();
            foreach (var strategy in Strategies)
            {
                var row = await MeasureAsync(specName, strategy, prompts, warmUp, spec.Scoring.Terminator, latency, concurrency, ideal);
                rows.Add(row);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Spec,-15} {row.Strategy,-14} {row.RequestsPerPrompt,10:0.##} {row.PrefillRatio,12:0.###} {row.PromptsPerSecond,10:0.0} {row.Throughput,9:P0}  {row.ExactShare:P0}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("against the paper's procedures (same run): requests per prompt and prefill, ratio strategy / baseline");
        foreach (var spec in rows.Select(r => r.Spec).Distinct())
        {
            var forward = rows.Single(r => r.Spec == spec && r.Strategy == StrategyNames.PaperForward);
            var beam = rows.Single(r => r.Spec == spec && r.Strategy == StrategyNames.PaperBeam);
            foreach (var r in rows.Where(r => r.Spec == spec && r.Strategy is not (StrategyNames.PaperForward or StrategyNames.PaperBeam)))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{spec,-15} {r.Strategy,-6} vs paper-forward: requests x{r.RequestsPerPrompt / forward.RequestsPerPrompt:0.###}, prefill x{r.PrefillRatio / forward.PrefillRatio:0.###}, prompts/s x{r.PromptsPerSecond / forward.PromptsPerSecond:0.##};  vs paper-beam: requests x{r.RequestsPerPrompt / beam.RequestsPerPrompt:0.###}, prefill x{r.PrefillRatio / beam.PrefillRatio:0.###}, prompts/s x{r.PromptsPerSecond / beam.PromptsPerSecond:0.##}"));
            }
        }

        return 0;
    }

    private static async Task<Row> MeasureAsync(string spec, string strategy, IReadOnlyList<Prompt> prompts, IReadOnlyList<Prompt> warmUp, bool terminator, int latency, int concurrency, double ideal)
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Faults = new FaultOptions { LatencyMs = latency, GenerationOnly = true } });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Superposition:Models:reference-calibrated:BaseUrl"] = new Uri(server.BaseAddress, "v1/").AbsoluteUri,
            ["Superposition:Models:reference-calibrated:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
        }).Build();
        await using var services = new ServiceCollection().AddSuperpositionScoring(configuration).BuildServiceProvider();
        var scorer = services.GetRequiredService<IPromptScorer>();
        var options = new ScoringOptions(strategy, terminator);
        foreach (var p in warmUp)
        {
            await scorer.ScoreAsync("reference-calibrated", p, options);
        }

        var scores = new Superposition.Scores.PromptScore[prompts.Count];
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, prompts.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
            scores[i] = await scorer.ScoreAsync("reference-calibrated", prompts[i], options, ct));
        var seconds = watch.Elapsed.TotalSeconds;

        var tokenizer = ReferenceTokenizer.Shared;
        var ratios = prompts.Select((p, i) =>
        {
            var withTerminator = scores[i].Terminator;
            var newline = withTerminator ? tokenizer.Encode("\n") : [];
            var candidates = p.Candidates.Select(c => (int[])[.. tokenizer.Encode(c.Answer), .. newline]).ToList();
            var minimum = tokenizer.Encode(p.Text).Length + new CandidateTrie(candidates, id => new CandidateToken(id, null, null)).DistinctTokens;
            return scores[i].Cost.PrefilledTokens / (double)minimum;
        }).ToList();
        return new Row(
            spec,
            strategy,
            Median(scores.Select(s => (double)s.Cost.Requests)),
            Median(ratios),
            prompts.Count / seconds,
            prompts.Count / seconds / ideal,
            scores.Count(s => s.Exact) / (double)scores.Length);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string SpecPath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "experiments", name + ".json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"experiments/{name}.json not found above {AppContext.BaseDirectory}");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }

    private sealed record Row(string Spec, string Strategy, double RequestsPerPrompt, double PrefillRatio, double PromptsPerSecond, double Throughput, double ExactShare);
}

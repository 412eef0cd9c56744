using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Superposition.LocalModels;
using Superposition.LocalModels.Reference;
using Superposition.ModelServer.Hosting;
using Superposition.Prompts;
using Superposition.ReferenceModel.Model;
using Superposition.Scores;
using Superposition.Scoring;
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
        var perDistribution = BenchmarkArguments.Option(args, "--prompts", 32);
        var latency = BenchmarkArguments.Option(args, "--latency-ms", 100);
        var concurrency = BenchmarkArguments.Option(args, "--concurrency", 16);
        var warmUpSeconds = BenchmarkArguments.Option(args, "--warmup-seconds", 30);
        var ideal = concurrency / (latency / 1000.0);
        var strategies = Names(args, "--strategies", Strategies);
        var specs = Names(args, "--specs", ["fig6-numbers", "fig6-countries"]);
        if (strategies.FirstOrDefault(s => !StrategyNames.All.Contains(s)) is { } unknown)
        {
            Console.Error.WriteLine($"--strategies: unknown strategy '{unknown}'; expected some of {string.Join(", ", StrategyNames.All)}.");
            return 2;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reference-calibrated, {perDistribution} prompts per distribution (D1-D3), latency {latency} ms, {concurrency} requests in flight; ideal {ideal:0} prompts/s at one request per prompt"));

        var workloads = specs.Select(name => Workload.Load(name, perDistribution)).ToList();
        await WarmUpAsync(workloads, strategies, warmUpSeconds, latency, concurrency);

        Console.WriteLine("prompts/s vs ideal: against concurrency / latency; vs own: against that divided by the strategy's requests per prompt.");
        Console.WriteLine("cpu: process CPU (server and client share it) per prompt; gc: share of the wall time in GC pauses; alloc: bytes allocated (server and client); jit: methods compiled while timed.");
        Console.WriteLine("spec            strategy       req/prompt  prefill/min  prompts/s  vs ideal  vs own  exact  cpu ms/prompt  gc  alloc/prompt   jit");
        var rows = new List<Row>();
        foreach (var w in workloads)
        {
            foreach (var strategy in strategies)
            {
                var row = await MeasureAsync(w, strategy, w.Prompts, latency, concurrency, ideal);
                rows.Add(row);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Spec,-15} {row.Strategy,-14} {row.RequestsPerPrompt,10:0.##} {row.PrefillRatio,12:0.###} {row.PromptsPerSecond,10:0.0} {row.Throughput,9:P0} {row.Throughput * row.RequestsPerPrompt,7:P0}  {row.ExactShare,5:P0}  {row.CpuMsPerPrompt,13:0.0}  {row.GcShare,4:P0} {row.AllocatedPerPrompt / 1024,9:0} KiB {row.Jitted,5}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("against the paper's procedures (same run): requests per prompt and prefill, ratio strategy / baseline");
        foreach (var spec in rows.Select(r => r.Spec).Distinct().Where(s => rows.Any(r => r.Spec == s && r.Strategy == StrategyNames.PaperForward) && rows.Any(r => r.Spec == s && r.Strategy == StrategyNames.PaperBeam)))
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

    // A scoring run is a long-lived process: the JIT needs tens of seconds of traffic (tier 0, instrumented tier,
    // tier 1 for some thousand methods of Kestrel, HttpClient, Polly, System.Text.Json and the suite) before
    // the code runs at its steady speed; on two busy cores the background compiler alone took 15% of the CPU
    // for the first 20 s. Measuring earlier would time the JIT, not the scoring; so every strategy is exercised
    // on prompts apart from the measured ones until a whole round compiles (almost) nothing new, and each row
    // reports how many methods were still compiled while it was timed.
    private static async Task WarmUpAsync(IReadOnlyList<Workload> workloads, IReadOnlyList<string> strategies, int minimumSeconds, int latency, int concurrency)
    {
        const int SettledMethods = 50;
        var watch = Stopwatch.StartNew();
        var rounds = 0;
        long compiled;
        do
        {
            var before = JitInfo.GetCompiledMethodCount();
            foreach (var w in workloads)
            {
                foreach (var strategy in strategies)
                {
                    await MeasureAsync(w, strategy, w.WarmUp, latency, concurrency, 1);
                }
            }

            compiled = JitInfo.GetCompiledMethodCount() - before;
            rounds++;
        }
        while ((watch.Elapsed.TotalSeconds < minimumSeconds || compiled > SettledMethods) && watch.Elapsed.TotalSeconds < 10 * minimumSeconds);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: {rounds} rounds of every spec and strategy in {watch.Elapsed.TotalSeconds:0} s; the last compiled {compiled} methods"));
    }

    private static async Task<Row> MeasureAsync(Workload workload, string strategy, IReadOnlyList<Prompt> prompts, int latency, int concurrency, double ideal)
    {
        await using var server = await ReferenceModels.StartServerAsync(new ProtocolServerOptions { Faults = new FaultOptions { LatencyMs = latency, GenerationOnly = true } });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Superposition:Models:reference-calibrated:BaseUrl"] = new Uri(server.BaseAddress, "v1/").AbsoluteUri,
            ["Superposition:Models:reference-calibrated:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
        }).Build();
        await using var services = new ServiceCollection().AddSuperpositionScoring(configuration).AddReferenceModels().BuildServiceProvider();
        var scorer = services.GetRequiredService<IPromptScorer>();
        var options = new ScoringSpec(strategy, workload.Terminator);
        // Opens the connections and detects the endpoint's capabilities before the clock starts.
        await Parallel.ForEachAsync(workload.WarmUp.Take(concurrency), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (p, ct) =>
            await scorer.ScoreAsync("reference-calibrated", p, options, ct));

        var scores = new Superposition.Scores.PromptScore[prompts.Count];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var jitted = JitInfo.GetCompiledMethodCount();
        var allocated = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, prompts.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
            scores[i] = await scorer.ScoreAsync("reference-calibrated", prompts[i], options, ct));
        var elapsed = watch.Elapsed;
        var cpuPerPrompt = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / prompts.Count;
        var gcShare = (GC.GetTotalPauseDuration() - pause) / elapsed;
        jitted = JitInfo.GetCompiledMethodCount() - jitted;
        var allocatedPerPrompt = (GC.GetTotalAllocatedBytes() - allocated) / (double)prompts.Count;

        var tokenizer = ReferenceTokenizer.Shared;
        var ratios = prompts.Select((p, i) => scores[i].Cost.PrefilledTokens / (double)Minimum.Tokens(tokenizer, p, scores[i].Has(AnswerMeasure.Terminated))).ToList();
        return new Row(
            workload.Name,
            strategy,
            BenchmarkArguments.Median(scores.Select(s => (double)s.Cost.Requests)),
            BenchmarkArguments.Median(ratios),
            prompts.Count / elapsed.TotalSeconds,
            prompts.Count / elapsed.TotalSeconds / ideal,
            scores.Count(s => s.IsExact(s.Has(AnswerMeasure.Terminated) ? AnswerMeasure.Terminated : AnswerMeasure.Prefix)) / (double)scores.Length,
            cpuPerPrompt,
            gcShare,
            allocatedPerPrompt,
            jitted);
    }



    private static string[] Names(string[] args, string name, string[] fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : fallback;
    }


    private sealed record Row(string Spec, string Strategy, double RequestsPerPrompt, double PrefillRatio, double PromptsPerSecond, double Throughput, double ExactShare, double CpuMsPerPrompt, double GcShare, double AllocatedPerPrompt, long Jitted);

    /// <summary>A spec's measured prompts (the first of each distribution) and warm-up prompts (the last ones).</summary>
    private sealed record Workload(string Name, bool Terminator, IReadOnlyList<Prompt> Prompts, IReadOnlyList<Prompt> WarmUp)
    {
        public static Workload Load(string name, int perDistribution)
        {
            var spec = SpecLoader.LoadFile(BenchmarkArguments.SpecPath(name));
            var warmUpPerDistribution = Math.Min(16, spec.Prompts - perDistribution);
            if (warmUpPerDistribution < 1)
            {
                throw new ArgumentException($"--prompts {perDistribution} leaves no warm-up prompts of the {spec.Prompts} per distribution of {name}.");
            }

            var generator = new PromptGenerator(spec.ResolveTasks());
            var warmUp = spec.ResolveDistributions()
                .SelectMany(d => Enumerable.Range(spec.Prompts - warmUpPerDistribution, warmUpPerDistribution).Select(i => generator.Generate(d, spec.Examples, spec.Seed, i)))
                .ToList();
            return new Workload(name, spec.Scoring.Terminator, ScoringPlanner.Prompts(spec, perDistribution), warmUp);
        }
    }
}

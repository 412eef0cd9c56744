using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Superposition.LanguageModels;
using Superposition.LocalModels;
using Superposition.LocalModels.Onnx;
using Superposition.ModelServer.Hosting;
using Superposition.OnnxModel.Inference;
using Superposition.Prompts;
using Superposition.Scores;
using Superposition.Scoring;
using Superposition.Scoring.Models;
using Superposition.Scoring.Planning;
using Superposition.Scoring.Strategies;
using Superposition.Specs;

namespace Superposition.Benchmarks;

/// <summary>
/// fig6-numbers on an ONNX model folder, four ways in the same run, alternated in rounds: the bare session on the
/// echo batches (the baseline: plain ONNX Runtime calls, no tokenizer, softmax or HTTP), the model layer
/// (OnnxLanguageModel.Score on the same batches), the suite in-process (a configured Kind = onnx model: catalog,
/// protocol server on loopback, scorer) and over HTTP (the folder served as serve-model does, scored as a vllm
/// model); prompts/s medians and their ratio to the baseline. Then computed tokens ÷ the minimum (prompt + distinct
/// candidate tokens) per strategy from the model's own counters, and memory over --requests echo requests.
/// </summary>
internal static class OnnxBenchmark
{
    private const string Local = "onnx-local";
    private const string Remote = "onnx-http";

    private static string Counting(string strategy) => "onnx-count-" + strategy;
    private static readonly string[] Strategies = [StrategyNames.Echo, StrategyNames.Trie, StrategyNames.PaperForward];

    public static async Task<int> RunAsync(string[] args)
    {
        using var peak = new PeakMemory();
        var folder = Path.GetFullPath(BenchmarkArguments.Text(args, "--model") ?? FixturePath("gpt2-tiny-kv"));
        var perDistribution = BenchmarkArguments.Option(args, "--prompts", 8);
        var rounds = BenchmarkArguments.Option(args, "--rounds", 5);
        var requests = BenchmarkArguments.Option(args, "--requests", 10_000);
        var concurrency = BenchmarkArguments.Option(args, "--concurrency", 4);
        var warmUpSeconds = BenchmarkArguments.Option(args, "--warmup-seconds", 30);
        var runs = BenchmarkArguments.Option(args, "--runs", 1);
        int? threads = BenchmarkArguments.Text(args, "--threads") is null ? null : BenchmarkArguments.Option(args, "--threads", 1);
        var provider = BenchmarkArguments.Text(args, "--execution-provider") switch
        {
            null or "cpu" => OnnxExecutionProvider.Cpu,
            "cuda" => OnnxExecutionProvider.Cuda,
            var text => throw new ArgumentException($"--execution-provider must be cpu or cuda, not '{text}'."),
        };

        using var model = OnnxLanguageModel.Load(folder, new OnnxModelOptions(Remote, threads, PrefixCacheBytes: 0, MaxConcurrentRuns: runs, ExecutionProvider: provider));
        var spec = SpecLoader.LoadFile(BenchmarkArguments.SpecPath("fig6-numbers"));

        // Fewer examples fit the committed 64-token fixtures: a quick run, or 10,000 requests of memory in minutes.
        spec = spec with { Examples = BenchmarkArguments.Option(args, "--examples", spec.Examples) };
        var prompts = ScoringPlanner.Prompts(spec, perDistribution);
        var terminator = spec.Scoring.Terminator;
        var longest = prompts.Max(p => Minimum.Longest(model.Tokenizer, p, terminator));
        if (longest > model.ContextLength)
        {
            throw new ArgumentException($"--model: fig6-numbers with {spec.Examples} examples needs {longest} tokens (prompt + answer + terminator) but '{folder}' reads at most {model.ContextLength}; make the bench model with /usr/bin/python3 tests/fixtures/onnx/make_models.py --bench <folder> and pass --model <folder>, or pass fewer --examples.");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{folder}: {model.Graph.Layers} cached layers, vocabulary {model.Width}, context {model.ContextLength}; fig6-numbers ({spec.Examples} examples), {prompts.Count} prompts ({perDistribution} per distribution), longest sequence {longest} tokens; {concurrency} in flight, {runs} forward passes at once (MaxConcurrentRuns), {provider} provider, intra-op threads {(threads is { } t ? t : "default")}, {Environment.ProcessorCount} cores, {rounds} rounds"));

        var recorder = new RecordingModel(model);
        await using var server = await ProtocolServer.StartAsync(new OneModelCatalog(recorder), new ProtocolServerOptions());
        var settings = new Dictionary<string, string?>
        {
            [$"Superposition:Models:{Local}:Kind"] = OnnxModelProvider.KindName,
            [$"Superposition:Models:{Local}:Path"] = folder,
            [$"Superposition:Models:{Local}:MaxConcurrency"] = $"{concurrency}",

            // The rounds score the same prompts again: a prefix cache would answer them from memory, which a run
            // of distinct prompts never does, so the timed paths run without it (as the model above does).
            [$"Superposition:Models:{Local}:{OnnxModelSettings.PrefixCacheBytesSetting}"] = "0",
            [$"Superposition:Models:{Remote}:Kind"] = "vllm",
            [$"Superposition:Models:{Remote}:BaseUrl"] = new Uri(server.BaseAddress, "v1/").AbsoluteUri,
            [$"Superposition:Models:{Remote}:MaxConcurrency"] = $"{concurrency}",
        };
        foreach (var strategy in Strategies)
        {
            // One model per strategy for computed ÷ minimum, each with the default prefix cache and its own counters.
            settings[$"Superposition:Models:{Counting(strategy)}:Kind"] = OnnxModelProvider.KindName;
            settings[$"Superposition:Models:{Counting(strategy)}:Path"] = folder;
            settings[$"Superposition:Models:{Counting(strategy)}:MaxConcurrency"] = $"{concurrency}";
        }

        foreach (var name in new[] { Local }.Concat(Strategies.Select(Counting)))
        {
            settings[$"Superposition:Models:{name}:{OnnxModelSettings.ExecutionProviderSetting}"] = provider.ToString();
            settings[$"Superposition:Models:{name}:{OnnxModelSettings.MaxConcurrentRunsSetting}"] = $"{runs}";
            if (threads is { } intraOp)
            {
                settings[$"Superposition:Models:{name}:{OnnxModelSettings.ThreadsSetting}"] = $"{intraOp}";
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddSuperpositionScoring(configuration).AddOnnxModels(configuration).BuildServiceProvider();
        var scorer = services.GetRequiredService<IPromptScorer>();
        var echo = new ScoringSpec(StrategyNames.Echo, terminator);

        // The echo batches the server is asked to score, recorded while the HTTP path warms up.
        recorder.Recording = true;
        await ScoreAllAsync(scorer, Remote, prompts, echo, concurrency);
        recorder.Recording = false;
        var batches = recorder.Batches;
        await ScoreAllAsync(scorer, Local, prompts, echo, concurrency);
        var local = LocalModel(services, Local);
        using var direct = new DirectForwardPasses(folder, threads, provider);

        // The forward passes the model layer makes for each batch (prefix and suffix runs with their pasts, or
        // padded batches without a cache), copied once outside the clock for the baseline to replay.
        var inputs = batches.Select(batch =>
        {
            var passes = new List<RecordedForwardPass>();
            model.Recorder = pass => passes.Add(DirectForwardPasses.Compact(pass));
            model.Score(batch);
            model.Recorder = null;
            return (IReadOnlyList<RecordedForwardPass>)passes;
        }).ToList();
        var baselinePasses = inputs.Sum(p => p.Count);

        var modes = new (string Name, Func<Task<Count>> Run)[]
        {
            ("session (baseline)", () => Task.FromResult(new Count(baselinePasses, Parallel(inputs, concurrency, direct.Run)))),
            ("model layer", () => Counted(model, () => Task.FromResult(Parallel(batches, concurrency, b => { model.Score(b); return 0L; })))),
            ("suite in-process", () => Counted(local, () => ScoreAllAsync(scorer, Local, prompts, echo, concurrency))),
            ("suite over HTTP", () => Counted(model, () => ScoreAllAsync(scorer, Remote, prompts, echo, concurrency))),
        };
        // Tiered JIT needs tens of seconds of traffic on two cores (ScoringBenchmark): every mode runs until a whole
        // round compiles (almost) nothing new, so the rounds time the steady code, not the compiler.
        var warmUp = Stopwatch.StartNew();
        long compiled;
        do
        {
            var before = JitInfo.GetCompiledMethodCount();
            foreach (var mode in modes)
            {
                await mode.Run();
            }

            compiled = JitInfo.GetCompiledMethodCount() - before;
        }
        while ((warmUp.Elapsed.TotalSeconds < warmUpSeconds || compiled > 50) && warmUp.Elapsed.TotalSeconds < 10 * warmUpSeconds);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: {warmUp.Elapsed.TotalSeconds:0} s; its last round compiled {compiled} methods"));

        var rates = modes.ToDictionary(m => m.Name, _ => new List<double>());
        var counts = new Dictionary<string, Count>();
        for (var round = 0; round < rounds; round++)
        {
            // Rotated so that no mode always runs first (or right after another's garbage).
            for (var k = 0; k < modes.Length; k++)
            {
                var (name, run) = modes[(round + k) % modes.Length];
                var watch = Stopwatch.StartNew();
                counts[name] = await run();
                rates[name].Add(prompts.Count / watch.Elapsed.TotalSeconds);
            }
        }

        var baseline = BenchmarkArguments.Median(rates[modes[0].Name]);
        Console.WriteLine();
        Console.WriteLine("echo on every prompt; forward passes and computed tokens (batch x length, padding included) per prompt, from the model's counters (the baseline counts its own)");
        Console.WriteLine("path                 prompts/s  vs session  passes/prompt  computed/prompt  rounds (prompts/s)");
        foreach (var (name, _) in modes)
        {
            var median = BenchmarkArguments.Median(rates[name]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-20} {median,9:0.###} {median / baseline,11:P0} {counts[name].Passes / (double)prompts.Count,14:0.##} {counts[name].Tokens / (double)prompts.Count,16:0} ({string.Join(", ", rates[name].Select(r => r.ToString("0.###", CultureInfo.InvariantCulture)))})"));
        }

        Console.WriteLine("goal: the suite in-process at >= 90% of the session's rate on the same forward passes.");
        await ComputedAsync(scorer, services, prompts, terminator, concurrency);
        await MemoryAsync(scorer, spec, echo, requests, concurrency, LocalModel(services, Counting(StrategyNames.Echo)));
        Console.WriteLine();
        Console.WriteLine(peak.Report());
        return 0;
    }

    // Computed tokens ÷ the minimum a prompt costs (its tokens + the distinct tokens of its candidates' trie).
    private static async Task ComputedAsync(IPromptScorer scorer, ServiceProvider services, IReadOnlyList<Prompt> prompts, bool terminator, int concurrency)
    {
        var local = LocalModel(services, Counting(StrategyNames.Echo));
        var minimum = prompts.Sum(p => (double)Minimum.Tokens(local.Tokenizer, p, terminator));
        var bound = BenchmarkArguments.Median(prompts.Select(p => Minimum.WithoutCacheBound(local.Tokenizer, p, terminator)));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"computed tokens / minimum (prompt + distinct candidate tokens{(terminator ? ", terminator included" : string.Empty)}), suite in-process; goal <= 1.1 with a key/value cache, <= {bound:0.###} without (1 + candidates x answer / prompt, median)"));
        Console.WriteLine("strategy        computed/min  passes/prompt  reused/prompt  requests/prompt  exact");
        foreach (var strategy in Strategies)
        {
            // Resolving loads the strategy's own model (fresh counters and prefix cache); the server resolves the same one.
            local = LocalModel(services, Counting(strategy));
            var before = local.Stats;
            var scores = await ScoreAllAsync(scorer, Counting(strategy), prompts, new ScoringSpec(strategy, terminator), concurrency);
            var after = local.Stats;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{strategy,-15} {(after.ComputedTokens - before.ComputedTokens) / minimum,12:0.###} {(after.ForwardPasses - before.ForwardPasses) / (double)prompts.Count,14:0.##} {(after.ReusedTokens - before.ReusedTokens) / (double)prompts.Count,14:0} {scores.Average(s => s.Cost.Requests),16:0.##} {scores.Count(s => s.IsExact(s.Has(AnswerMeasure.Terminated) ? AnswerMeasure.Terminated : AnswerMeasure.Prefix)) / (double)scores.Count,6:P0}"));
        }
    }

    // Echo requests on distinct prompts (the spec's generator past its own prompts), memory read at 10%, 50% and 100%.
    private static async Task MemoryAsync(IPromptScorer scorer, ExperimentSpec spec, ScoringSpec echo, int requests, int concurrency, OnnxLanguageModel model)
    {
        var generator = new PromptGenerator(spec.ResolveTasks());
        var distributions = spec.ResolveDistributions();
        Prompt PromptAt(int i) => generator.Generate(distributions[i % distributions.Count], spec.Examples, spec.Seed, spec.Prompts + (i / distributions.Count));
        var checkpoints = new[] { requests / 10, requests / 2, requests }.Where(c => c > 0).Distinct().ToList();
        Console.WriteLine();
        Console.WriteLine($"memory over {requests} echo requests on distinct prompts, suite in-process with the default prefix cache (managed heap after a full collection; process working set)");
        Console.WriteLine("requests      heap MiB  working set MiB   requests/s");
        var (heap, working) = Memory();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{0,8} {heap,13:0.0} {working,16:0.0}"));
        var done = 0;
        var watch = Stopwatch.StartNew();
        foreach (var checkpoint in checkpoints)
        {
            await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(done, checkpoint - done), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
                await scorer.ScoreAsync(Counting(StrategyNames.Echo), PromptAt(i), echo, ct));
            done = checkpoint;
            (heap, working) = Memory();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{checkpoint,8} {heap,13:0.0} {working,16:0.0} {done / watch.Elapsed.TotalSeconds,12:0.0}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"flat: after the prefix cache has filled (at most {model.PrefixCacheBytes.Budget / (1024.0 * 1024):0.0} MiB, sized from the model; {model.PrefixCacheBytes.Held / (1024.0 * 1024):0.0} MiB held now), the heap and working set stay within a few MiB (bounded caches only)."));
    }

    private static (double Heap, double WorkingSet) Memory()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024);
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64 / (1024.0 * 1024));
    }

    private static async Task<IReadOnlyList<PromptScore>> ScoreAllAsync(IPromptScorer scorer, string model, IReadOnlyList<Prompt> prompts, ScoringSpec options, int concurrency)
    {
        var scores = new PromptScore[prompts.Count];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, prompts.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
            scores[i] = await scorer.ScoreAsync(model, prompts[i], options, ct));
        return scores;
    }

    private static long Parallel<T>(IReadOnlyList<T> items, int concurrency, Func<T, long> run)
    {
        long total = 0;
        System.Threading.Tasks.Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, i => Interlocked.Add(ref total, run(items[i])));
        return total;
    }

    private static async Task<Count> Counted(OnnxLanguageModel model, Func<Task> run)
    {
        var before = model.Stats;
        await run();
        var after = model.Stats;
        return new Count(after.ForwardPasses - before.ForwardPasses, after.ComputedTokens - before.ComputedTokens);
    }

    private static async Task<Count> Counted(OnnxLanguageModel model, Func<Task<long>> run)
    {
        var before = model.Stats;
        await run();
        var after = model.Stats;
        return new Count(after.ForwardPasses - before.ForwardPasses, after.ComputedTokens - before.ComputedTokens);
    }

    // The model the configured Kind = onnx provider loaded (after its first request), for its counters.
    private static OnnxLanguageModel LocalModel(ServiceProvider services, string name)
    {
        var provider = services.GetServices<IModelProvider>().OfType<OnnxModelProvider>().Single();
        return provider.Catalog.TryResolve(name, out var model, out var error)
            ? (OnnxLanguageModel)model
            : throw new InvalidOperationException(error);
    }

    private static string FixturePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "fixtures", "onnx", name);
            if (Directory.Exists(path))
            {
                return path;
            }
        }

        throw new ArgumentException($"--model: tests/fixtures/onnx/{name} not found above {AppContext.BaseDirectory}; pass --model <folder>.");
    }

    private sealed record Count(long Passes, long Tokens);
}

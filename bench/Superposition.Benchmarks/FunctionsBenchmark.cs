using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Superposition.Engine.Aggregation;
using Superposition.Engine.Planning;
using Superposition.Engine.Status;
using Superposition.Functions.Hosting;
using Superposition.Functions.Queues;
using Superposition.LocalModels.Reference;
using Superposition.ModelServer.Hosting;
using Superposition.Prompts;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Storage.Documents;
using Superposition.Storage.Experiments;

namespace Superposition.Benchmarks;

/// <summary>
/// The Functions app's engine against Azurite: (1) work items per second through the planner and the worker
/// functions, draining the queues in-process as the host would, against the reference server with 100 ms latency
/// per request; (2) aggregation of stored results (results per second, peak working set while aggregating) at
/// 10k and 100k results, to show memory that does not grow with the number of results.
/// Needs Azurite: --connection, else SUPERPOSITION_TEST_STORAGE.
/// </summary>
internal static class FunctionsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connection = BenchmarkArguments.Text(args, "--connection") ?? Environment.GetEnvironmentVariable("SUPERPOSITION_TEST_STORAGE");
        if (string.IsNullOrEmpty(connection))
        {
            Console.Error.WriteLine("functions benchmark: give --connection <azurite connection string> or set SUPERPOSITION_TEST_STORAGE");
            return 2;
        }

        var items = BenchmarkArguments.Option(args, "--items", 2000);
        var concurrency = BenchmarkArguments.Option(args, "--concurrency", 64);
        var latency = BenchmarkArguments.Option(args, "--latency-ms", 100);
        var results = BenchmarkArguments.Option(args, "--results", 100_000);
        var name = "bench-" + Guid.NewGuid().ToString("N")[..12];
        Console.WriteLine($"{Environment.ProcessorCount} cores; Azurite in memory; container and queues {name}");

        await using var server = await ReferenceModels.StartServerAsync(new ProtocolServerOptions { Faults = new FaultOptions { LatencyMs = latency } });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Settings.StorageConnection] = connection,
            ["Superposition:Storage:Container"] = name,
            [Settings.PlanQueue] = name + "-plan",
            [Settings.WorkQueue] = name + "-work",
            ["Superposition:Models:bench:Kind"] = "vllm",
            ["Superposition:Models:bench:BaseUrl"] = new Uri(server.BaseAddress, "v1").AbsoluteUri,
            ["Superposition:Models:bench:Model"] = "reference-calibrated",
            ["Superposition:Models:bench:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSuperpositionFunctions(configuration);
        await using var provider = services.BuildServiceProvider();
        try
        {
            await PlanAndScoreAsync(provider, server, items, concurrency, latency);
            await AggregateAsync(provider, results);
        }
        finally
        {
            await provider.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(name).DeleteIfExistsAsync();
            var queues = provider.GetRequiredService<QueueServiceClient>();
            foreach (var queue in new[] { name + "-plan", name + "-work" })
            {
                await queues.GetQueueClient(queue).DeleteIfExistsAsync();
            }
        }

        return 0;
    }

    private static async Task PlanAndScoreAsync(ServiceProvider provider, ProtocolServer server, int items, int concurrency, int latency)
    {
        var spec = Spec(prompts: items / 2, "bench");
        var record = await provider.GetRequiredService<ExperimentLauncher>().StartAsync(spec, nightly: false, default);
        var queues = provider.GetRequiredService<Storage.Messages.ExperimentQueues>();
        var planner = ActivatorUtilities.CreateInstance<PlanExperiment>(provider);
        var worker = ActivatorUtilities.CreateInstance<ScoreWorkItem>(provider);

        var watch = Stopwatch.StartNew();
        var plan = (await queues.Plan.ReceiveMessageAsync()).Value;
        await planner.RunAsync(plan, default);
        await queues.Plan.DeleteMessageAsync(plan.MessageId, plan.PopReceipt);
        var planned = watch.Elapsed;

        // Receivers take batches of 32 (the most one request returns) and hand them to the worker function, as the
        // host does with batchSize 16 and newBatchThreshold 8 per instance; here one process runs `concurrency` at once.
        var requestsBefore = server.Stats.Snapshot().Requests;
        using var slots = new SemaphoreSlim(concurrency);
        var done = 0;
        var running = new List<Task>();
        while (Volatile.Read(ref done) < items)
        {
            var messages = (await queues.Work.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (messages.Length == 0)
            {
                await Task.Delay(20);
                continue;
            }

            foreach (var message in messages)
            {
                await slots.WaitAsync();
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await worker.RunAsync(message, default);
                        await queues.Work.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                        Interlocked.Increment(ref done);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }));
            }
        }

        await Task.WhenAll(running);
        var total = watch.Elapsed;
        var requests = server.Stats.Snapshot().Requests - requestsBefore;
        var status = await ExperimentStatusReader.ReadAsync(provider.GetRequiredService<ExperimentStore>(), record.Id, default);
        Console.WriteLine($"planner: {items} work items enqueued in {planned.TotalSeconds:F2} s ({items / planned.TotalSeconds:F0} items/s, batches of 64)");
        Console.WriteLine($"planner + worker: {items} items in {total.TotalSeconds:F2} s = {items / total.TotalSeconds:F0} items/s at {latency} ms model latency, {concurrency} in flight; {requests / (double)items:F2} model requests per item; status {status!.State}, {status.Done} done");
        Console.WriteLine($"  bound by latency: {concurrency} in flight / ({requests / (double)items:F2} x {latency} ms) = {concurrency * 1000.0 / (latency * requests / (double)items):F0} items/s");
    }

    private static async Task AggregateAsync(ServiceProvider provider, int results)
    {
        var store = provider.GetRequiredService<ExperimentStore>();
        var aggregator = provider.GetRequiredService<ExperimentAggregator>();
        var time = TimeProvider.System;
        var spec = Spec(prompts: results / 4, "model-a", "model-b");
        var id = ExperimentIds.New(spec.Name, time.GetUtcNow());
        await store.CreateAsync(new ExperimentRecord(ExperimentRecord.CurrentVersion, id, spec.Name, time.GetUtcNow(), false, null), spec, default);

        var generator = new PromptGenerator(spec.ResolveTasks());
        var written = 0;
        foreach (var target in new[] { results / 10, results })
        {
            var watch = Stopwatch.StartNew();
            var batch = WorkPlan.Expand(id, spec).OrderBy(i => i.Prompt).Skip(written).Take(target - written).ToList();
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (item, token) =>
            {
                var prompt = generator.Generate(spec.ResolveDistribution(item.Distribution), spec.Examples, spec.Seed, item.Prompt);
                var mass = item.Model == "model-a" ? 1.0 : 0.22;
                var candidates = prompt.Candidates.Select((c, i) => new CandidateScore(c.Task, c.Answer, AnswerProbability.Exact(Math.Log(mass * prompt.Shares[i])), AnswerProbability.Exact(Math.Log(mass * prompt.Shares[i])))).ToList();
                var result = PromptResult.Create(spec.Name, prompt, new PromptScore(item.Model, "echo", candidates, new ScoringCost(1, 300, 0, 0, 100)), time.GetUtcNow());
                await store.TryCreateResultAsync(item, result, token);
            });
            written = target;
            Console.WriteLine($"stored {batch.Count} synthetic results in {watch.Elapsed.TotalSeconds:F1} s ({batch.Count / watch.Elapsed.TotalSeconds:F0}/s); {written} stored");

            GC.Collect();
            GC.WaitForPendingFinalizers();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var baseline = process.WorkingSet64;
            long peakSet = baseline, peakHeap = GC.GetTotalMemory(false);
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    process.Refresh();
                    peakSet = Math.Max(peakSet, process.WorkingSet64);
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                    await Task.Delay(20);
                }
            });
            watch.Restart();
            var summary = await aggregator.AggregateAsync(id, default);
            var elapsed = watch.Elapsed;
            await sampling.CancelAsync();
            await sampler;
            Console.WriteLine(
                $"aggregation of {summary!.Results} results: {elapsed.TotalSeconds:F1} s = {summary.Results / elapsed.TotalSeconds:F0} results/s; " +
                $"working set {baseline / 1048576.0:F0} MiB before, peak {peakSet / 1048576.0:F0} MiB; managed heap peak {peakHeap / 1048576.0:F0} MiB; " +
                $"KL_raw of model-b D1 {summary.Models.Single(m => m.Model == "model-b").Distributions[0].Terminated!.KlRaw.Mean:F4}");
        }
    }

    private static ExperimentSpec Spec(int prompts, params string[] models) => SpecLoader.Parse($$"""
        {"version":1,"name":"bench","kind":"calibration","tasks":["country.capital","country.first-letter","country.language"],
         "distributions":["D1","D2"],"examples":12,"prompts":{{prompts}},"seed":0,"models":[{{string.Join(",", models.Select(m => $"\"{m}\""))}}]}
        """);

}

using System.Diagnostics;
using System.Globalization;
using Superposition.Prompts;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Summaries;

namespace Superposition.Benchmarks;

/// <summary>
/// The aggregator's own CPU, without storage: synthetic fig6-numbers results (six tasks, D1–D3) fed to a
/// <see cref="SummaryBuilder"/> in memory, and the summary built (its per-measure bootstraps and the β refits on
/// 2000 replicates). Rows: results carrying both measures against the same results with the prefix-inclusive
/// measure alone, measured in the same run, so the ratio is the cost of the second measure. Medians of
/// <c>--repeats</c> runs after one warm-up run.
/// </summary>
internal static class SummaryBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var perDistribution = BenchmarkArguments.Option(args, "--prompts", 2000);
        var models = BenchmarkArguments.Option(args, "--models", 4);
        var repeats = BenchmarkArguments.Option(args, "--repeats", 5);
        var spec = SpecLoader.LoadFile(BenchmarkArguments.SpecPath("fig6-numbers")) with { Prompts = perDistribution };
        var both = Results(spec, models).ToList();
        var prefixOnly = both.Select(r => r with { Terminated = null, Candidates = [.. r.Candidates.Select(c => c with { Terminated = null })] }).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; {both.Count} results ({models} models × 3 distributions × {perDistribution} prompts); median of {repeats} runs after a warm-up"));
        Console.WriteLine("| results carry | add: µs per result | build: ms per summary | results/s (add + build) |");
        Console.WriteLine("|---|---|---|---|");
        // Alternate the two in every round, so that drift of a shared machine falls on both alike.
        List<(double Add, double Build)> baselines = [], measures = [];
        for (var r = 0; r <= repeats; r++)
        {
            var (b, m) = (Measure(spec, prefixOnly), Measure(spec, both));
            if (r > 0)
            {
                baselines.Add(b);
                measures.Add(m);
            }
        }

        (double Add, double Build) baseline = (BenchmarkArguments.Median(baselines.Select(x => x.Add)), BenchmarkArguments.Median(baselines.Select(x => x.Build)));
        (double Add, double Build) measured = (BenchmarkArguments.Median(measures.Select(x => x.Add)), BenchmarkArguments.Median(measures.Select(x => x.Build)));
        Print("prefix-inclusive P only", baseline, both.Count);
        Print("both measures", measured, both.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"both measures / one: add {measured.Add / baseline.Add:F2}x, build {measured.Build / baseline.Build:F2}x"));
        return Task.FromResult(0);
    }

    /// <summary>One run: µs per added result, and ms to build the summary.</summary>
    private static (double Add, double Build) Measure(ExperimentSpec spec, List<PromptResult> results)
    {
        var builder = new SummaryBuilder(spec);
        var watch = Stopwatch.StartNew();
        foreach (var result in results)
        {
            builder.Add(result);
        }

        var added = watch.Elapsed;
        watch.Restart();
        var summary = builder.Build(DateTimeOffset.UnixEpoch);
        var built = watch.Elapsed;
        return summary.Results == results.Count
            ? (added.TotalMilliseconds * 1000 / results.Count, built.TotalMilliseconds)
            : throw new InvalidOperationException($"The summary counted {summary.Results} of {results.Count} results.");
    }

    private static void Print(string label, (double Add, double Build) m, int count) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {m.Add:F1} | {m.Build:F0} | {count / ((m.Add * count / 1e6) + (m.Build / 1e3)):F0} |"));

    private static IEnumerable<PromptResult> Results(ExperimentSpec spec, int models)
    {
        var generator = new PromptGenerator(spec.ResolveTasks());
        for (var m = 0; m < models; m++)
        {
            var beta = 0.5 + (0.5 * m);
            foreach (var distribution in spec.ResolveDistributions())
            {
                foreach (var prompt in generator.GenerateMany(distribution, spec.Examples, spec.Prompts, spec.Seed))
                {
                    var weights = prompt.Shares.Select(d => Math.Pow(d, beta)).ToArray();
                    var jitter = 1 + (0.2 * Math.Sin(prompt.Index));
                    var candidates = prompt.Candidates.Select((c, i) =>
                    {
                        var log = Math.Log(0.5 * weights[i] / weights.Sum() * jitter);
                        return new CandidateScore(c.Task, c.Answer, AnswerProbability.Exact(log), AnswerProbability.Exact(Math.Min(0, log + 0.1)));
                    }).ToList();
                    yield return PromptResult.Create(spec.Name, prompt, new PromptScore($"model-{m}", "echo", candidates, new ScoringCost(1, 300, 0, 0, 10)), DateTimeOffset.UnixEpoch);
                }
            }
        }
    }


}

using System.Diagnostics;
using System.Globalization;
using Superposition.Collapse;
using Superposition.Randomness;

namespace Superposition.Benchmarks;

/// <summary>
/// The whole computation of <c>superposition urn</c> (<see cref="UrnComparison.Compute"/>: R runs of T answers
/// simulated turn by turn, exact statistics, chi-square fit and dispersion test) against a vectorised numpy
/// simulation of the same urn, run as a <c>python3</c> subprocess in the same benchmark so that both meet the same
/// machine. Each side is timed inside its own process (no interpreter or runtime start-up), median of
/// <c>--repeats</c> after a warm-up. A last row times the dispersion test's former reference, which replayed every
/// run turn by turn for each of its 999 data sets, at <c>--old-runs</c> runs, beside the new test on the same runs.
/// </summary>
internal static class UrnBenchmark
{
    // One calibrated Pólya urn per row, advanced a turn at a time for all R runs at once: the vectorised form of
    // the suite's loop. Prints the median of the repeats in seconds.
    private const string Numpy = """
        import sys, time, numpy as np
        a = np.array([float(x) for x in sys.argv[1].split(',')]); T = int(sys.argv[2]); R = int(sys.argv[3]); repeats = int(sys.argv[4])
        rng = np.random.default_rng(0)
        def simulate():
            w = np.tile(a, (R, 1)); rows = np.arange(R)
            for _ in range(T):
                c = np.cumsum(w, axis=1)
                u = rng.random(R) * c[:, -1]
                w[rows, (u[:, None] >= c[:, :-1]).sum(axis=1)] += 1
            return w - a
        times = []
        for r in range(repeats + 1):
            t0 = time.perf_counter(); simulate(); times.append(time.perf_counter() - t0)
        print(float(np.median(times[1:])))
        """;

    public static Task<int> RunAsync(string[] args)
    {
        var runs = BenchmarkArguments.Option(args, "--runs", 200_000);
        var turns = BenchmarkArguments.Option(args, "--turns", 200);
        var repeats = BenchmarkArguments.Option(args, "--repeats", 3);
        var oldRuns = BenchmarkArguments.Option(args, "--old-runs", 2000);
        var python = BenchmarkArguments.Text(args, "--python") ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        double[] initial = [.. (BenchmarkArguments.Text(args, "--initial") ?? "3,3").Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))];
        var draws = (double)runs * turns;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; urn from ({string.Join(", ", initial)}), T = {turns}, R = {runs}; median of {repeats} after a warm-up"));
        Console.WriteLine("| what | median s | urn draws/s |");
        Console.WriteLine("|---|---|---|");

        UrnReport? report = null;
        var suite = Median(repeats, () => report = UrnComparison.Compute(initial, turns, runs));
        Row($"suite: whole urn command (dispersion against the {report!.Dispersion.Reference} reference)", suite, draws);
        var numpy = NumpySeconds(python, initial, turns, runs, repeats);
        Row("numpy: vectorised simulation only", numpy, draws);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"numpy / suite: {numpy / suite:F2}x"));

        var runsThen = UrnSimulator.Simulate(UrnModel.Linear(initial), turns, oldRuns, seed: 0).Runs;
        var replayed = Median(repeats, () => ReplayPValue(runsThen, initial, UrnDispersion.DefaultSimulations));
        var direct = Median(repeats, () => UrnDispersion.Test(runsThen, initial, UrnDispersion.DefaultSimulations, seed: 0));
        var oldDraws = (double)UrnDispersion.DefaultSimulations * oldRuns * turns;
        Row($"dispersion test at R = {oldRuns}, before: 999 data sets replayed turn by turn", replayed, oldDraws);
        Row($"dispersion test at R = {oldRuns}, now: 999 Dirichlet-multinomial data sets (k − 1 = {initial.Length - 1} uniforms a run)", direct, oldDraws);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"before / now at R = {oldRuns}: {replayed / direct:F1}x"));
        return Task.FromResult(0);
    }

    private static double Median(int repeats, Action action)
    {
        List<double> seconds = [];
        for (var r = 0; r <= repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            action();
            if (r > 0)
            {
                seconds.Add(watch.Elapsed.TotalSeconds);
            }
        }

        return BenchmarkArguments.Median(seconds);
    }

    private static double NumpySeconds(string python, double[] initial, int turns, int runs, int repeats)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", Numpy, string.Join(",", initial.Select(a => a.ToString(CultureInfo.InvariantCulture))), $"{turns}", $"{runs}", $"{repeats}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{python} did not start");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? double.Parse(output.Trim(), CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{python} with numpy failed (apt-get install -y python3-numpy): {error}");
    }

    /// <summary>The former reference: each data set replays every run turn by turn (the p-value is not needed).</summary>
    private static double ReplayPValue(IReadOnlyList<RunOutcome> runs, double[] a, int simulations)
    {
        var random = Seeds.Create(0, "collapse", "dispersion");
        var sampler = new UrnSampler(UrnModel.Linear(a));
        var counts = new int[a.Length];
        var total = a.Sum();
        var sum = 0.0;
        for (var m = 0; m < simulations; m++)
        {
            foreach (var run in runs)
            {
                sampler.Run(random, run.TaskAnswers, counts);
                var x2 = 0.0;
                for (var i = 0; i < a.Length; i++)
                {
                    var expected = run.TaskAnswers * a[i] / total;
                    x2 += (counts[i] - expected) * (counts[i] - expected) / expected;
                }

                sum += x2 * (total + 1) / (total + run.TaskAnswers);
            }
        }

        return sum;
    }

    private static void Row(string what, double seconds, double draws) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {seconds:F3} | {draws / seconds / 1e6:F1} M |"));
}

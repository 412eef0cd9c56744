using Superposition.Collapse;

namespace Superposition.Reports.Plots;

/// <summary>
/// The bins the collapse plot counts runs in: one per possible final count x = 0..N of the tracked task, N the most
/// task answers of any run. A run with n task answers can only end at counts 0..n; bins of a fixed share width such
/// as 0.05 hold two of its shares x/n in some bins and one in others, and rounding shares of runs with different n
/// to a common grid leaves some bins empty for every odd n: zig-zags of the binning, not of the data. On the counts
/// themselves the observed runs and the exact distribution share one support, each bin of the exact curve is the
/// pmf summed over the runs at that count, and nothing aliases. When every run has the same n (no answer joined no
/// task), count k is also the share k/n (<see cref="Uniform"/>).
/// </summary>
internal sealed class CountBins
{
    public CountBins(IReadOnlyList<RunOutcome> runs, int fallback)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fallback);
        var answers = runs.Where(r => r.TaskAnswers > 0).Select(r => r.TaskAnswers).Distinct().ToList();
        Answers = answers.Count == 0 ? fallback : answers.Max();
        Uniform = answers.Count <= 1;
        MeanAnswers = answers.Count == 0 ? fallback : runs.Where(r => r.TaskAnswers > 0).Average(r => r.TaskAnswers);
        FewestAnswers = answers.Count == 0 ? fallback : answers.Min();
    }

    /// <summary>N, the most task answers of any run: bins are counts 0..N.</summary>
    public int Answers { get; }

    /// <summary>The fewest task answers of any run with some.</summary>
    public int FewestAnswers { get; }

    /// <summary>Mean task answers over the runs with some.</summary>
    public double MeanAnswers { get; }

    /// <summary>True when every run with task answers has N of them, so that bin k is the share k/N.</summary>
    public bool Uniform { get; }

    /// <summary>N + 1 bins.</summary>
    public int Count => Answers + 1;

    /// <summary>Fraction of the runs with task answers whose final count of <paramref name="task"/> is each k; sums to 1.</summary>
    public double[] Observed(IReadOnlyList<RunOutcome> runs, int task)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var counts = new double[Count];
        var n = 0;
        foreach (var run in runs.Where(r => r.TaskAnswers > 0))
        {
            var count = run.TaskCounts[task];
            if (count >= Count)
            {
                throw new ArgumentException($"A run has {count} answers of task {task}, more than the {Answers} task answers these bins were made for.", nameof(runs));
            }

            counts[count]++;
            n++;
        }

        return [.. counts.Select(c => n == 0 ? 0 : c / n)];
    }

    /// <summary>
    /// The calibrated urn's exact distribution of the tracked task's final count: Beta-binomial(n, a, rest) for each
    /// run's own number n of task answers, averaged over the runs with task answers; sums to 1.
    /// </summary>
    public double[] Exact(IReadOnlyList<RunOutcome> runs, double a, double rest)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var mass = new double[Count];
        var n = 0;
        foreach (var run in runs.Where(r => r.TaskAnswers > 0))
        {
            if (run.TaskAnswers > Answers)
            {
                throw new ArgumentException($"A run has {run.TaskAnswers} task answers, more than the {Answers} these bins were made for.", nameof(runs));
            }

            var pmf = BetaBinomial.Probabilities(run.TaskAnswers, a, rest);
            for (var x = 0; x < pmf.Length; x++)
            {
                mass[x] += pmf[x];
            }

            n++;
        }

        return [.. mass.Select(m => n == 0 ? 0 : m / n)];
    }
}

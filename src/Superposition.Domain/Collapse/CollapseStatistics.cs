namespace Superposition.Collapse;

/// <summary>Summarises the final counts of many runs (<see cref="CollapseSummary"/>).</summary>
public static class CollapseStatistics
{
    /// <summary>
    /// Mean shares, collapse index, mean entropy (over runs with at least one task answer; NaN when there are
    /// none) and the pooled other-answer rate. All runs must have the same number of tasks.
    /// </summary>
    public static CollapseSummary Summarize(IReadOnlyList<RunOutcome> runs)
    {
        var k = CheckRuns(runs, nameof(runs));
        var shares = new double[k];
        var collapsed = 0;
        var entropy = 0.0;
        var withAnswers = 0;
        long other = 0;
        long answers = 0;
        foreach (var run in runs)
        {
            other += run.OtherCount;
            answers += run.Turns;
            if (run.TaskAnswers == 0)
            {
                continue;
            }

            withAnswers++;
            var counts = run.TaskCounts.ToArray();
            for (var i = 0; i < k; i++)
            {
                shares[i] += (double)counts[i] / run.TaskAnswers;
            }

            collapsed += CollapseRule.IsCollapsed(counts) ? 1 : 0;
            entropy += CollapseRule.Entropy(counts);
        }

        var n = (double)withAnswers;
        var index = withAnswers == 0 ? double.NaN : collapsed / n;
        var statistics = new UrnStatistics(
            [.. shares.Select(s => withAnswers == 0 ? double.NaN : s / n)],
            index,
            withAnswers == 0 ? double.NaN : entropy / n);
        return new CollapseSummary(
            runs.Count,
            withAnswers,
            statistics,
            withAnswers == 0 ? double.NaN : Math.Sqrt(index * (1 - index) / n),
            answers == 0 ? 0 : (double)other / answers);
    }

    /// <summary>Checks that there is at least one run and all have the same task count; returns that count.</summary>
    internal static int CheckRuns(IReadOnlyList<RunOutcome>? runs, string parameterName)
    {
        if (runs is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (runs.Count == 0)
        {
            throw new ArgumentException("At least one run is needed.", parameterName);
        }

        var k = runs[0].TaskCounts.Count;
        for (var r = 1; r < runs.Count; r++)
        {
            if (runs[r].TaskCounts.Count != k)
            {
                throw new ArgumentException($"Run {r} has {runs[r].TaskCounts.Count} tasks, run 0 has {k}.", parameterName);
            }
        }

        return k;
    }
}

namespace Superposition.Collapse;

/// <summary>
/// The definitions behind "collapse" and "entropy of final shares", in one place so that observed runs, exact
/// urn predictions and simulations all use the same ones.
/// </summary>
/// <remarks>
/// Shares are shares of the <em>generated task answers</em> of a run: the answers the model produced that were
/// classified into one of the tasks. The initial in-context examples are not counted (they would dilute every
/// share towards the starting mix), nor are "other" answers (they join no task, so the urn says nothing about
/// them; their rate is reported separately). The research note's Beta/Dirichlet limit is about the proportion
/// including the initial counts, which for T much larger than the initial total is the same thing.
/// </remarks>
public static class CollapseRule
{
    /// <summary>The dominant task must take at least this share (90%) of the generated task answers.</summary>
    public const double DominantShare = 0.9;

    /// <summary>
    /// The smallest count that is "at least 90%" of <paramref name="total"/> answers: ceil(0.9·T), computed in
    /// integers as the least c with 10·c ≥ 9·T so that no rounding of 0.9·T can move the threshold.
    /// For T ≥ 1 this is more than T/2, so at most one task of a run can reach it.
    /// </summary>
    public static int MinimumDominantCount(int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total);
        return (int)((9L * total + 9) / 10);
    }

    /// <summary>Whether a run with these task counts collapsed: its largest count is ≥ ceil(0.9·Σ counts).</summary>
    public static bool IsCollapsed(ReadOnlySpan<int> taskCounts)
    {
        var total = 0L;
        var max = 0;
        foreach (var c in taskCounts)
        {
            total += c;
            max = Math.Max(max, c);
        }

        if (total == 0)
        {
            throw new ArgumentException("A run with no task answers has no dominant task.", nameof(taskCounts));
        }

        return 10L * max >= 9L * total;
    }

    /// <summary>Entropy in nats of the shares c_i / Σ c, with 0·log 0 = 0.</summary>
    public static double Entropy(ReadOnlySpan<int> taskCounts)
    {
        var total = 0L;
        foreach (var c in taskCounts)
        {
            total += c;
        }

        if (total == 0)
        {
            throw new ArgumentException("A run with no task answers has no shares.", nameof(taskCounts));
        }

        var entropy = 0.0;
        foreach (var c in taskCounts)
        {
            entropy += ShareEntropyTerm(c, total);
        }

        return entropy;
    }

    /// <summary>−p·ln p for p = count / total, 0 when count is 0.</summary>
    internal static double ShareEntropyTerm(long count, long total)
    {
        if (count == 0)
        {
            return 0;
        }

        var p = (double)count / total;
        return -p * Math.Log(p);
    }
}

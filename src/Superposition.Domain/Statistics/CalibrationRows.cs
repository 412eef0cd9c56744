namespace Superposition.Statistics;

/// <summary>One usable observation on the log scale, its group as an index.</summary>
internal readonly record struct CalibrationRow(int Group, int Task, double LogShare, double LogProbability)
{
    /// <summary>
    /// The regression columns into <paramref name="z"/> (length k + 1): sum-to-zero task coding in 0..k−2
    /// (task j &lt; k−1 is +1 in column j, task k−1 is −1 in every one, so b_(k−1) = −Σ b_j), log D in k−1,
    /// and the response log P in k.
    /// </summary>
    public void Fill(Span<double> z, int k)
    {
        for (var j = 0; j < k - 1; j++)
        {
            z[j] = Task == j ? 1 : Task == k - 1 ? -1 : 0;
        }

        z[k - 1] = LogShare;
        z[k] = LogProbability;
    }
}

/// <summary>
/// Observations checked, logged and indexed once, so the bootstrap can refit subsets without redoing it.
/// </summary>
internal sealed class CalibrationRows
{
    /// <summary>Name of the single group with <see cref="CalibrationIntercept.Global"/>.</summary>
    private const string AllGroups = "*";

    private CalibrationRows(List<CalibrationRow> rows, List<string> groupNames, int droppedZeroProbability, int droppedZeroShare)
    {
        Rows = rows;
        GroupNames = groupNames;
        DroppedZeroProbability = droppedZeroProbability;
        DroppedZeroShare = droppedZeroShare;
    }

    public IReadOnlyList<CalibrationRow> Rows { get; }

    public IReadOnlyList<string> GroupNames { get; }

    public int DroppedZeroProbability { get; }

    public int DroppedZeroShare { get; }

    public static CalibrationRows From(IEnumerable<CalibrationObservation> observations, int taskCount, CalibrationIntercept intercept)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var rows = new List<CalibrationRow>();
        var groupNames = new List<string>();
        var groupIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var zeroProbability = 0;
        var zeroShare = 0;
        var index = 0;
        foreach (var o in observations)
        {
            Check(o, index++, taskCount);
            if (o.Share == 0)
            {
                zeroShare++;
                continue;
            }

            if (o.Probability == 0)
            {
                zeroProbability++;
                continue;
            }

            var name = intercept == CalibrationIntercept.Global ? AllGroups : o.Group;
            if (!groupIndex.TryGetValue(name, out var group))
            {
                group = groupNames.Count;
                groupIndex.Add(name, group);
                groupNames.Add(name);
            }

            rows.Add(new CalibrationRow(group, o.Task, Math.Log(o.Share), Math.Log(o.Probability)));
        }

        return new CalibrationRows(rows, groupNames, zeroProbability, zeroShare);
    }

    private static void Check(CalibrationObservation? o, int index, int taskCount)
    {
        const string Name = "observations";
        if (o is null || o.Group is null)
        {
            throw new ArgumentException($"Observation {index} or its group is null.", Name);
        }

        if (o.Task < 0 || o.Task >= taskCount)
        {
            throw new ArgumentException($"Observation {index} has task {o.Task}; tasks are 0..{taskCount - 1}.", Name);
        }

        if (!double.IsFinite(o.Share) || o.Share < 0)
        {
            throw new ArgumentException($"Observation {index} has share D = {o.Share}; shares must be finite and non-negative.", Name);
        }

        if (!double.IsFinite(o.Probability) || o.Probability < 0)
        {
            throw new ArgumentException($"Observation {index} has probability P = {o.Probability}; probabilities must be finite and non-negative.", Name);
        }
    }
}

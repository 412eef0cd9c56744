namespace Superposition.Collapse;

/// <summary>
/// The final counts of one multi-turn run: how many generated answers joined each task, and how many joined
/// none ("other"). The initial in-context examples are not included.
/// </summary>
public sealed record RunOutcome
{
    /// <summary>Creates an outcome; counts must be non-negative.</summary>
    public RunOutcome(IReadOnlyList<int> taskCounts, int otherCount = 0)
    {
        ArgumentNullException.ThrowIfNull(taskCounts);
        if (taskCounts.Count == 0)
        {
            throw new ArgumentException("A run needs at least one task count.", nameof(taskCounts));
        }

        for (var i = 0; i < taskCounts.Count; i++)
        {
            if (taskCounts[i] < 0)
            {
                throw new ArgumentException($"Task count {i} is {taskCounts[i]}: counts must be non-negative.", nameof(taskCounts));
            }
        }

        ArgumentOutOfRangeException.ThrowIfNegative(otherCount);
        TaskCounts = [.. taskCounts];
        OtherCount = otherCount;
        TaskAnswers = TaskCounts.Sum();
    }

    public IReadOnlyList<int> TaskCounts { get; }

    public int OtherCount { get; }

    /// <summary>Generated answers that joined a task: the denominator of shares, collapse and entropy.</summary>
    public int TaskAnswers { get; }

    /// <summary>All generated answers (turns), task and other.</summary>
    public int Turns => TaskAnswers + OtherCount;

    public bool Equals(RunOutcome? other) =>
        other is not null && OtherCount == other.OtherCount && TaskCounts.SequenceEqual(other.TaskCounts);

    public override int GetHashCode() => HashCode.Combine(OtherCount, TaskAnswers, TaskCounts.Count);

    public override string ToString() => $"[{string.Join(", ", TaskCounts)}] + {OtherCount} other";
}

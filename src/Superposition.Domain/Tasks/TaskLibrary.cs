namespace Superposition.Tasks;

/// <summary>Every task the suite ships, by stable id, grouped into families that share a question format.</summary>
public static class TaskLibrary
{
    private static readonly Lazy<TaskDefinition[]> Ordered = new(() =>
    [
        .. CountryTasks.Create(),
        .. ArithmeticTasks.Addition(),
        .. ArithmeticTasks.AtPairs(),
        .. WordTasks.Create(),
        .. ArithmeticTasks.Numbers(),
    ]);

    private static readonly Lazy<Dictionary<string, TaskDefinition>> ById =
        new(() => Ordered.Value.ToDictionary(t => t.Id, StringComparer.Ordinal));

    /// <summary>All tasks, families in a fixed order and tasks in their family's order.</summary>
    public static IReadOnlyList<TaskDefinition> All => Ordered.Value;

    /// <summary>All families, in a fixed order.</summary>
    public static IReadOnlyList<TaskFamily> Families => [.. Ordered.Value.Select(t => t.Family).Distinct()];

    public static bool TryGet(string id, out TaskDefinition task) =>
        ById.Value.TryGetValue(id, out task!);

    /// <summary>The task with that id; an <see cref="ArgumentException"/> naming the known ids otherwise.</summary>
    public static TaskDefinition Get(string id) =>
        TryGet(id, out var task)
            ? task
            : throw new ArgumentException($"Unknown task id '{id}'. Known ids: {string.Join(", ", Ordered.Value.Select(t => t.Id))}.", nameof(id));

    /// <summary>The tasks of one family, in the family's order.</summary>
    public static IReadOnlyList<TaskDefinition> InFamily(TaskFamily family) =>
        [.. Ordered.Value.Where(t => t.Family == family)];
}

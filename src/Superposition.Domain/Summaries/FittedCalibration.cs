namespace Superposition.Summaries;

/// <summary>
/// A model's calibration exponent as fitted on a calibration experiment, with that experiment's task order. The
/// exponent's biases follow that order, which need not be a collapse experiment's: a collapse experiment takes
/// them by task id (<see cref="TaskBiasesFor"/>), never by position.
/// </summary>
/// <param name="Experiment">Name of the calibration experiment.</param>
/// <param name="Tasks">Its task ids in its spec order (<see cref="ExperimentSummary.Tasks"/>); the order of
/// <see cref="ExponentSummary.TaskBiases"/>.</param>
/// <param name="Exponent">The model's exponent fitted there.</param>
public sealed record FittedCalibration(string Experiment, IReadOnlyList<string> Tasks, ExponentSummary Exponent)
{
    /// <summary>
    /// The fit of <paramref name="model"/> in a calibration summary: the exponent of P(answer + "\n"), because a
    /// multi-turn run classifies whole answers. A model whose calibration took only the prefix-inclusive measure
    /// (the authors' procedures) gets an unidentifiable fit saying so; null when the model has no exponent there.
    /// </summary>
    public static FittedCalibration? Of(ExperimentSummary calibration, string model)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var summary = calibration.Models.FirstOrDefault(m => m.Model == model);
        return summary switch
        {
            { Exponent: { } exponent } => new FittedCalibration(calibration.Experiment, calibration.Tasks, exponent),
            { PrefixExponent: not null } => new FittedCalibration(
                calibration.Experiment,
                calibration.Tasks,
                new ExponentSummary(false, "it measured only the prefix-inclusive P, and a beta-urn needs the exponent of P(answer + \"\\n\"): multi-turn runs classify whole answers; score the calibration with a strategy that takes the terminator", null, null, null, [], null, 0)),
            _ => null,
        };
    }

    /// <summary>
    /// Why the biases cannot be given to the tasks of collapse experiment <paramref name="experiment"/>: the
    /// calibration experiment lacks some of them or has others (each named), lists a task twice, or has a
    /// different number of biases than tasks. Null when every task has exactly one bias.
    /// </summary>
    public string? TaskMismatch(string experiment, IReadOnlyList<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var repeated = Tasks.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            return $"calibration experiment '{Experiment}' lists task(s) {string.Join(", ", repeated)} more than once";
        }

        if (Exponent.TaskBiases.Count != Tasks.Count)
        {
            return $"calibration experiment '{Experiment}' has {Exponent.TaskBiases.Count} task biases for its {Tasks.Count} tasks";
        }

        var missing = tasks.Except(Tasks, StringComparer.Ordinal).ToList();
        var extra = Tasks.Except(tasks, StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add($"it lacks task(s) {string.Join(", ", missing)} of collapse experiment '{experiment}'");
        }

        if (extra.Count > 0)
        {
            parts.Add($"it has task(s) {string.Join(", ", extra)} that collapse experiment '{experiment}' does not");
        }

        return $"calibration experiment '{Experiment}' does not have the tasks of collapse experiment '{experiment}': {string.Join("; ", parts)}";
    }

    /// <summary>
    /// The task biases in the order of <paramref name="tasks"/> (a collapse experiment's), each taken by task id.
    /// Throws an <see cref="ArgumentException"/> with <see cref="TaskMismatch"/>'s message when the tasks differ.
    /// </summary>
    public IReadOnlyList<double> TaskBiasesFor(string experiment, IReadOnlyList<string> tasks)
    {
        if (TaskMismatch(experiment, tasks) is { } problem)
        {
            throw new ArgumentException(char.ToUpperInvariant(problem[0]) + problem[1..] + ".", nameof(tasks));
        }

        var position = Tasks.Select((task, i) => (task, i)).ToDictionary(p => p.task, p => p.i, StringComparer.Ordinal);
        return [.. tasks.Select(task => Exponent.TaskBiases[position[task]])];
    }
}

namespace Superposition.ReferenceModel.Model;

/// <summary>
/// The ideal in-context learner's answer distribution: task i's answer with probability
/// (1 − ε) · w_i / Σw, w_i = (n_i + α)^β · exp(b_i), over the family's tasks whose answer is defined (tasks
/// with n_i + α = 0 get w_i = 0; when every w_i is 0, as with no evidence and α = 0, the tasks are weighted
/// exp(b_i) alone, the limit α → 0). Tasks with identical answers are merged by summing. Mass ε is shared
/// equally by the <see cref="OtherContinuations"/> that neither equal an answer nor are a prefix of one or have
/// one as a prefix; if none qualifies it goes to the empty continuation (the text ends at once).
/// </summary>
public static class AnswerDistribution
{
    /// <summary>The "other" continuations: texts that answer no task. Also the whole fallback distribution.</summary>
    public static IReadOnlyList<string> OtherContinuations { get; } = ["?", "...", "unknown", "N/A"];

    /// <summary>The continuations after a parsed prompt, probabilities summing to 1.</summary>
    public static IReadOnlyList<Continuation> For(PromptContext context, ReferenceModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameters);
        var tasks = FamilyIndex.TasksOf(context.Family);
        var answers = FamilyIndex.AnswersTo(context.Family, context.Question);
        var weights = new double[tasks.Length];
        for (var i = 0; i < tasks.Length; i++)
        {
            var pseudo = context.Counts[i] + parameters.Alpha;
            weights[i] = answers[i] is null || pseudo <= 0 ? 0 : Math.Pow(pseudo, parameters.Beta) * Math.Exp(Bias(i, parameters));
        }

        if (weights.Sum() <= 0)
        {
            for (var i = 0; i < tasks.Length; i++)
            {
                weights[i] = answers[i] is null ? 0 : Math.Exp(Bias(i, parameters));
            }
        }

        var total = weights.Sum();
        if (total <= 0)
        {
            return Fallback();
        }

        var merged = new List<(string Text, double Weight, List<string> Tasks)>();
        for (var i = 0; i < tasks.Length; i++)
        {
            if (answers[i] is not { } answer)
            {
                continue;
            }

            var at = -1;
            for (var m = 0; m < merged.Count && at < 0; m++)
            {
                at = string.Equals(merged[m].Text, answer, StringComparison.Ordinal) ? m : -1;
            }

            if (at < 0)
            {
                merged.Add((answer, weights[i], [tasks[i].Id]));
            }
            else
            {
                merged[at] = (answer, merged[at].Weight + weights[i], [.. merged[at].Tasks, tasks[i].Id]);
            }
        }

        var valid = 1 - parameters.Epsilon;
        var result = merged.Select(m => new Continuation(m.Text, valid * m.Weight / total, m.Tasks)).ToList();
        if (parameters.Epsilon > 0)
        {
            var others = OtherContinuations.Where(o => merged.All(m => !o.StartsWith(m.Text, StringComparison.Ordinal) && !m.Text.StartsWith(o, StringComparison.Ordinal))).ToList();
            if (others.Count == 0)
            {
                others.Add(string.Empty);
            }

            result.AddRange(others.Select(o => new Continuation(o, parameters.Epsilon / others.Count, [])));
        }

        return result;
    }

    /// <summary>The fallback for a prompt the model cannot parse: the other continuations, equally likely.</summary>
    public static IReadOnlyList<Continuation> Fallback() =>
        [.. OtherContinuations.Select(o => new Continuation(o, 1.0 / OtherContinuations.Count, []))];

    private static double Bias(int taskIndex, ReferenceModelParameters parameters) =>
        taskIndex == 0 ? parameters.FirstTaskBias : 0;
}

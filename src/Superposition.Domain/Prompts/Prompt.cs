namespace Superposition.Prompts;

/// <summary>
/// A mixed-task prompt: example lines "question&lt;sep&gt;answer" joined by "\n", then the final question line
/// ending in the separator, and the candidate answers, one per task, pairwise distinct.
/// </summary>
/// <param name="Distribution">Name of the distribution the task counts came from.</param>
/// <param name="Index">Index of the prompt within its distribution (0-based).</param>
/// <param name="Tasks">Task ids, in the spec's order; <see cref="Counts"/> and <see cref="Candidates"/> follow it.</param>
/// <param name="Counts">Examples per task.</param>
/// <param name="Examples">The example lines, in prompt order.</param>
/// <param name="Question">The final question.</param>
/// <param name="Separator">Separator between question and answer.</param>
/// <param name="Candidates">Each task's answer to the final question, in task order.</param>
/// <param name="Redraws">Final questions drawn and discarded because two tasks answered them alike.</param>
public sealed record Prompt(
    string Distribution,
    int Index,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<int> Counts,
    IReadOnlyList<Example> Examples,
    string Question,
    string Separator,
    IReadOnlyList<Candidate> Candidates,
    int Redraws)
{
    /// <summary>The full prompt text sent to a model.</summary>
    public string Text => FormatText(Examples, Question, Separator);

    /// <summary>
    /// The prompt format: each example as "question&lt;sep&gt;answer\n", then the final question and the separator.
    /// The one place the format is written, so that training sequences (Superposition.Training) share it.
    /// </summary>
    public static string FormatText(IEnumerable<Example> examples, string question, string separator) =>
        string.Concat(examples.Select(e => e.Question + separator + e.Answer + "\n")) + question + separator;

    /// <summary>
    /// The task shares the model saw: counts over the number of examples. This is the D that calibration is
    /// measured against (equal to the spec's distribution whenever the counts round exactly, as in Fig. 6).
    /// </summary>
    public IReadOnlyList<double> Shares
    {
        get
        {
            var total = (double)Counts.Sum();
            return [.. Counts.Select(c => total > 0 ? c / total : 1.0 / Counts.Count)];
        }
    }
}

using Superposition.Tasks;

namespace Superposition.ReferenceModel.Model;

/// <summary>
/// Reads example lines one at a time and keeps, for every family that could have asked them, the count n_i of
/// examples attributed to each task: an example "q&lt;sep&gt;a" counts for every task whose answer to q is a,
/// 1/m each when m tasks fit. Lines no family knows are ignored.
/// </summary>
internal sealed class ContextCounter
{
    private readonly Dictionary<TaskFamily, FamilyEvidence> _evidence = [];

    /// <summary>A copy that evolves independently (for the per-prompt checkpoint cache).</summary>
    public ContextCounter Clone()
    {
        var copy = new ContextCounter();
        foreach (var (family, e) in _evidence)
        {
            var c = new FamilyEvidence(e.Counts.Length) { Attributed = e.Attributed, Unattributed = e.Unattributed };
            e.Counts.CopyTo(c.Counts, 0);
            copy._evidence[family] = c;
        }

        return copy;
    }

    /// <summary>Adds one complete example line (question, separator, answer).</summary>
    public void AddExample(string separator, string question, string answer)
    {
        foreach (var family in FamilyIndex.FamiliesOf(separator, question))
        {
            if (!_evidence.TryGetValue(family, out var evidence))
            {
                _evidence[family] = evidence = new FamilyEvidence(FamilyIndex.TasksOf(family).Length);
            }

            var answers = FamilyIndex.AnswersTo(family, question);
            var fits = 0;
            foreach (var a in answers)
            {
                if (string.Equals(a, answer, StringComparison.Ordinal))
                {
                    fits++;
                }
            }

            if (fits == 0)
            {
                evidence.Unattributed++;
                continue;
            }

            for (var i = 0; i < answers.Length; i++)
            {
                if (string.Equals(answers[i], answer, StringComparison.Ordinal))
                {
                    evidence.Counts[i] += 1.0 / fits;
                }
            }

            evidence.Attributed++;
        }
    }

    /// <summary>
    /// The context for a final question: the family that can ask it with the most attributed examples (ties:
    /// library order); null when no family knows the question.
    /// </summary>
    public PromptContext? ContextFor(string separator, string question)
    {
        TaskFamily? best = null;
        var bestAttributed = -1;
        foreach (var family in FamilyIndex.FamiliesOf(separator, question))
        {
            var attributed = _evidence.TryGetValue(family, out var e) ? e.Attributed : 0;
            if (attributed > bestAttributed)
            {
                best = family;
                bestAttributed = attributed;
            }
        }

        if (best is null)
        {
            return null;
        }

        return _evidence.TryGetValue(best, out var evidence)
            ? new PromptContext(best, question, [.. evidence.Counts], evidence.Attributed, evidence.Unattributed)
            : new PromptContext(best, question, new double[FamilyIndex.TasksOf(best).Length], 0, 0);
    }

    private sealed class FamilyEvidence(int tasks)
    {
        public double[] Counts { get; } = new double[tasks];

        public int Attributed { get; set; }

        public int Unattributed { get; set; }
    }
}

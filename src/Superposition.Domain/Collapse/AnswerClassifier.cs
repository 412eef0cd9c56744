using System.Text;
using Superposition.Prompts;

namespace Superposition.Collapse;

/// <summary>
/// Decides which task a generated answer belongs to: exact match of the normalised answer (Unicode NFC, surrounding
/// white space and the end-of-answer line break removed) with one task's candidate answer; anything else is
/// "other". Case is kept: "ITALY" (uppercase task) and "Italy" are different answers.
/// </summary>
public static class AnswerClassifier
{
    public static string Normalize(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Normalize(NormalizationForm.FormC).Trim();
    }

    /// <summary>The index of the matching candidate, or null for "other".</summary>
    public static int? Classify(string answer, IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var normalized = Normalize(answer);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (string.Equals(normalized, Normalize(candidates[i].Answer), StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }
}

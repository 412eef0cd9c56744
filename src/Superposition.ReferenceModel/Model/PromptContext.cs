using Superposition.Tasks;

namespace Superposition.ReferenceModel.Model;

/// <summary>
/// What the model read before an answer: the family, the question to answer and the evidence per task.
/// </summary>
/// <param name="Family">The family whose question it is.</param>
/// <param name="Question">The question being answered.</param>
/// <param name="Counts">n_i per task of the family (library order): examples attributed, 1/m each when m tasks fit one.</param>
/// <param name="Attributed">Examples of this family consistent with at least one of its tasks.</param>
/// <param name="Unattributed">Example lines of this family that no task explains (ignored).</param>
public sealed record PromptContext(TaskFamily Family, string Question, IReadOnlyList<double> Counts, int Attributed, int Unattributed)
{
    /// <summary>A key that identifies the answer distribution this context yields (for caching).</summary>
    internal string Key => Family.Id + "\u0001" + Question + "\u0001" + string.Join(',', Counts.Select(c => c.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
}

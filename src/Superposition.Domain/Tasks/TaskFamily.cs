namespace Superposition.Tasks;

/// <summary>
/// Tasks that share a question format: the same question pool and the same separator between question and answer.
/// </summary>
/// <param name="Id">Family id, the prefix of its tasks' ids (e.g. <c>country</c>).</param>
/// <param name="Separator">Written between question and answer: <c>-&gt;</c>, or <c>=</c> for the A@B family.</param>
/// <param name="Questions">Every question the family can ask, in a fixed order.</param>
/// <param name="QuestionsRepeat">
/// True where the pool is smaller than a prompt (the numbers family has six questions, as in the authors'
/// generator): examples are then drawn with replacement and the final question has necessarily been seen.
/// Otherwise every question in a prompt is distinct and the final question is not among the examples.
/// </param>
public sealed record TaskFamily(string Id, string Separator, IReadOnlyList<string> Questions, bool QuestionsRepeat)
{
    /// <summary>Formats one example line: question, separator, answer.</summary>
    public string FormatExample(string question, string answer) => question + Separator + answer;

    /// <summary>Formats the final question line: question and separator, no answer.</summary>
    public string FormatQuestion(string question) => question + Separator;

    public override string ToString() => Id;
}

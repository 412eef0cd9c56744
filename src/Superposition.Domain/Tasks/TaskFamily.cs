using System.Globalization;

namespace Superposition.Tasks;

/// <summary>
/// Tasks that share a question format: the same questions and the same separator between question and answer.
/// Every prompt of a family keeps one invariant: its final question is never among its examples' questions, so a
/// model cannot answer it by copying an earlier line. The constructor rejects a family that could not keep it;
/// <see cref="Prompts.PromptGenerator"/> keeps it by drawing the final question from the held-out questions, or
/// else from the example questions the prompt has not used.
/// </summary>
public sealed record TaskFamily
{
    /// <param name="id">Family id, the prefix of its tasks' ids (e.g. <c>country</c>).</param>
    /// <param name="separator">Written between question and answer: <c>-&gt;</c>, or <c>=</c> for the A@B family.</param>
    /// <param name="exampleQuestions">The questions examples are drawn from, distinct, in a fixed order.</param>
    /// <param name="examplesRepeatQuestions">
    /// True where examples draw their questions with replacement, because the pool is smaller than a prompt (the
    /// numbers family: x in {3, 4, 6, 7, 8, 9}, as the authors' <c>get_randint</c>). Such a family needs held-out
    /// questions, since any example question may then be among the examples.
    /// </param>
    /// <param name="heldOutQuestions">
    /// Questions kept for the final line and never given to an example (the numbers family: 5, the authors'
    /// <c>question_num</c>). None (the default) where the final question is drawn from the example questions
    /// that the prompt's examples have not used.
    /// </param>
    public TaskFamily(
        string id,
        string separator,
        IReadOnlyList<string> exampleQuestions,
        bool examplesRepeatQuestions,
        IReadOnlyList<string>? heldOutQuestions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrEmpty(separator);
        ArgumentNullException.ThrowIfNull(exampleQuestions);
        heldOutQuestions ??= [];
        if (exampleQuestions.Count == 0)
        {
            throw new ArgumentException($"The '{id}' family needs at least one example question.", nameof(exampleQuestions));
        }

        var examples = new HashSet<string>(StringComparer.Ordinal);
        foreach (var question in exampleQuestions)
        {
            if (!examples.Add(question))
            {
                throw new ArgumentException($"The '{id}' family lists the example question '{question}' twice: example questions must be distinct.", nameof(exampleQuestions));
            }
        }

        var heldOut = new HashSet<string>(StringComparer.Ordinal);
        foreach (var question in heldOutQuestions)
        {
            if (examples.Contains(question))
            {
                throw new ArgumentException($"'{question}' is both an example question and a held-out question of the '{id}' family: a held-out question must never be an example's.", nameof(heldOutQuestions));
            }

            if (!heldOut.Add(question))
            {
                throw new ArgumentException($"The '{id}' family lists the held-out question '{question}' twice.", nameof(heldOutQuestions));
            }
        }

        if (examplesRepeatQuestions && heldOutQuestions.Count == 0)
        {
            throw new ArgumentException(
                $"The '{id}' family's examples repeat its questions and it holds none out, so any final question could be among a prompt's examples: give it held-out questions for the final line.",
                nameof(heldOutQuestions));
        }

        Id = id;
        Separator = separator;
        ExampleQuestions = [.. exampleQuestions];
        ExamplesRepeatQuestions = examplesRepeatQuestions;
        HeldOutQuestions = [.. heldOutQuestions];
    }

    /// <summary>Family id, the prefix of its tasks' ids (e.g. <c>country</c>).</summary>
    public string Id { get; }

    /// <summary>Written between question and answer.</summary>
    public string Separator { get; }

    /// <summary>The questions examples are drawn from, distinct, in a fixed order.</summary>
    public IReadOnlyList<string> ExampleQuestions { get; }

    /// <summary>True where examples draw their questions with replacement (then <see cref="HeldOutQuestions"/> is not empty).</summary>
    public bool ExamplesRepeatQuestions { get; }

    /// <summary>Questions only ever asked on the final line; empty where the final question is an unused example question.</summary>
    public IReadOnlyList<string> HeldOutQuestions { get; }

    /// <summary>Every question the family can ask, in any line: the example questions, then the held-out ones.</summary>
    public IReadOnlyList<string> AllQuestions => [.. ExampleQuestions, .. HeldOutQuestions];

    /// <summary>The most examples one prompt can hold while its final question stays out of them.</summary>
    public int MaxExamples =>
        ExamplesRepeatQuestions ? int.MaxValue
        : HeldOutQuestions.Count > 0 ? ExampleQuestions.Count
        : ExampleQuestions.Count - 1;

    /// <summary>Why a prompt of this family cannot hold that many examples; null when it can.</summary>
    public string? ExamplesProblem(int examples)
    {
        if (examples <= MaxExamples)
        {
            return null;
        }

        var n = examples.ToString(CultureInfo.InvariantCulture);
        var pool = ExampleQuestions.Count.ToString(CultureInfo.InvariantCulture);
        return HeldOutQuestions.Count > 0
            ? $"{n} examples need {n} distinct example questions (the final question is held out); the '{Id}' family has {pool}"
            : $"{n} examples and a final question that must not be among them need {(examples + 1).ToString(CultureInfo.InvariantCulture)} distinct questions; the '{Id}' family has {pool}";
    }

    /// <summary>Formats one example line: question, separator, answer.</summary>
    public string FormatExample(string question, string answer) => question + Separator + answer;

    /// <summary>Formats the final question line: question and separator, no answer.</summary>
    public string FormatQuestion(string question) => question + Separator;

    public override string ToString() => Id;
}

using Superposition.Prompts;

namespace Superposition.Training;

/// <summary>
/// One training sequence: in-context example lines written exactly as a prompt's (<see cref="Prompt.FormatText"/>),
/// then the query line with its answer, every line ending in "\n". <see cref="Ids"/> are the text's UTF-8 bytes
/// (the trained model's vocabulary: id b is byte b; &lt;|endoftext|&gt; = 256 is never used, since evaluation
/// scores a prompt's bytes with nothing before them); <see cref="AnswerMask"/> marks the tokens the "answers" loss
/// counts: every line's answer bytes and the newline after it (docs/training.md).
/// </summary>
/// <param name="Index">The sequence's index within its stream (training or held-out).</param>
/// <param name="Heldout">True for a held-out sequence (its own random stream).</param>
/// <param name="Tasks">The spec's task ids; <see cref="Counts"/> and <see cref="Proportions"/> follow them.</param>
/// <param name="Counts">Examples per task (the query line not included).</param>
/// <param name="Proportions">The task proportions the sequence was drawn from (one-hot for single-task).</param>
/// <param name="Examples">The example lines, in order.</param>
/// <param name="Query">The query line: its task, question and answer.</param>
/// <param name="Separator">The family's separator between question and answer.</param>
public sealed record TrainingSequence(
    int Index,
    bool Heldout,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<int> Counts,
    IReadOnlyList<double> Proportions,
    IReadOnlyList<Example> Examples,
    Example Query,
    string Separator)
{
    /// <summary>The prompt an evaluation would send for these examples and this query: everything before the query's answer.</summary>
    public string PromptText => Prompt.FormatText(Examples, Query.Question, Separator);

    /// <summary>The whole sequence: the prompt text, the query's answer and a newline.</summary>
    public string Text => PromptText + Query.Answer + "\n";

    /// <summary>The token ids: the text's UTF-8 bytes.</summary>
    public int[] Ids => [.. SequenceTokens.Encode(Text)];

    /// <summary>1 for each token of an answer or of the newline after it, 0 for questions and separators.</summary>
    public int[] AnswerMask => SequenceTokens.AnswerMask(Lines, Separator);

    /// <summary>For each token, the 1-based line (the query is the last) whose answer or newline it is; 0 where <see cref="AnswerMask"/> is 0.</summary>
    public int[] AnswerLines => SequenceTokens.AnswerLines(Lines, Separator);

    /// <summary>Every line in order: the examples, then the query.</summary>
    public IReadOnlyList<Example> Lines => [.. Examples, Query];
}

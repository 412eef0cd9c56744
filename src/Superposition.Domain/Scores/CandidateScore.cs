namespace Superposition.Scores;

/// <summary>
/// What a model gives one candidate answer, under each measure the strategy could take: the answer with its end
/// (<see cref="AnswerMeasure.Terminated"/>) and the answer alone, prefix-inclusive (<see cref="AnswerMeasure.Prefix"/>).
/// A measure the strategy does not take is null (the authors' procedures never score an end; a spec with
/// <c>"terminator": false</c> asks for the prefix-inclusive measure alone).
/// </summary>
/// <param name="Task">Task id of the candidate.</param>
/// <param name="Answer">The candidate answer text (without terminator).</param>
/// <param name="Terminated">P(answer + "\n"), or null when not measured.</param>
/// <param name="Prefix">P(answer), prefix-inclusive, or null when not measured.</param>
public sealed record CandidateScore(string Task, string Answer, AnswerProbability? Terminated, AnswerProbability? Prefix)
{
    /// <summary>The probability under <paramref name="measure"/>, or null when it was not measured.</summary>
    public AnswerProbability? Of(AnswerMeasure measure) => measure == AnswerMeasure.Terminated ? Terminated : Prefix;
}

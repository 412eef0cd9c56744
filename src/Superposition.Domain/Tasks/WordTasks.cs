namespace Superposition.Tasks;

/// <summary>Word → first letter, last letter, and both in uppercase, over the shipped word list.</summary>
internal static class WordTasks
{
    public static IEnumerable<TaskDefinition> Create()
    {
        var family = new TaskFamily("word", "->", [.. WordList.All.Where(HasDistinctEnds)], examplesRepeatQuestions: false);
        yield return new("word.first-letter", family, "apple->a", q => Word(q)[..1]);
        yield return new("word.last-letter", family, "apple->e", q => Word(q)[^1..]);
        yield return new("word.first-letter-upper", family, "apple->A", q => Word(q)[..1].ToUpperInvariant());
        yield return new("word.last-letter-upper", family, "apple->E", q => Word(q)[^1..].ToUpperInvariant());
    }

    /// <summary>
    /// The authors' word tasks (generate_task_first_letter, question_word) use only words of two letters or more
    /// whose first and last letters differ, case aside: for the others the first-letter and last-letter tasks
    /// answer alike, so an example would not show which task it is.
    /// </summary>
    private static bool HasDistinctEnds(string word) =>
        word.Length > 1 && char.ToLowerInvariant(word[0]) != char.ToLowerInvariant(word[^1]);

    private static string Word(string question) => question.Length > 0
        ? question
        : throw new ArgumentException("A word question must not be empty.", nameof(question));
}

namespace Superposition.Tasks;

/// <summary>Word → first letter, last letter, and both in uppercase, over the shipped word list.</summary>
internal static class WordTasks
{
    public static IEnumerable<TaskDefinition> Create()
    {
        var family = new TaskFamily("word", "->", WordList.All, QuestionsRepeat: false);
        yield return new("word.first-letter", family, "apple->a", q => Word(q)[..1]);
        yield return new("word.last-letter", family, "apple->e", q => Word(q)[^1..]);
        yield return new("word.first-letter-upper", family, "apple->A", q => Word(q)[..1].ToUpperInvariant());
        yield return new("word.last-letter-upper", family, "apple->E", q => Word(q)[^1..].ToUpperInvariant());
    }

    private static string Word(string question) => question.Length > 0
        ? question
        : throw new ArgumentException("A word question must not be empty.", nameof(question));
}

namespace Superposition.Tasks;

/// <summary>The English word list the project ships for the letter tasks (embedded resource <c>Tasks/Data/words.txt</c>).</summary>
public static class WordList
{
    private static readonly Lazy<IReadOnlyList<string>> Words = new(() => EmbeddedData.ReadLines("words.txt"));

    public static IReadOnlyList<string> All => Words.Value;
}

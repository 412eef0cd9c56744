using System.Text;
using Superposition.Prompts;

namespace Superposition.Training;

/// <summary>The byte-level tokens of training lines and the mask of their answers.</summary>
public static class SequenceTokens
{
    /// <summary>Token ids of a text: its UTF-8 bytes (id b is byte b).</summary>
    public static IEnumerable<int> Encode(string text) => Encoding.UTF8.GetBytes(text).Select(b => (int)b);

    /// <summary>UTF-8 length of one line "question&lt;sep&gt;answer\n".</summary>
    public static int LineLength(string question, string separator, string answer) =>
        Encoding.UTF8.GetByteCount(question) + Encoding.UTF8.GetByteCount(separator) + Encoding.UTF8.GetByteCount(answer) + 1;

    /// <summary>The answer mask of lines written "question&lt;sep&gt;answer\n" one after another: 1 where <see cref="AnswerLines"/> names a line.</summary>
    public static int[] AnswerMask(IEnumerable<Example> lines, string separator) =>
        [.. AnswerLines(lines, separator).Select(line => line == 0 ? 0 : 1)];

    /// <summary>
    /// For each token of lines written "question&lt;sep&gt;answer\n" one after another, the 1-based line whose answer
    /// or newline it is, and 0 for questions and separators: the tokens the "answers" loss scores, each with its line,
    /// so that a loss split by line adds up to the loss.
    /// </summary>
    public static int[] AnswerLines(IEnumerable<Example> lines, string separator)
    {
        var owners = new List<int>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            owners.AddRange(Enumerable.Repeat(0, Encoding.UTF8.GetByteCount(line.Question) + Encoding.UTF8.GetByteCount(separator)));
            owners.AddRange(Enumerable.Repeat(number, Encoding.UTF8.GetByteCount(line.Answer) + 1));
        }

        return [.. owners];
    }
}

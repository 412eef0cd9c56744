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

    /// <summary>The answer mask of lines written "question&lt;sep&gt;answer\n" one after another.</summary>
    public static int[] AnswerMask(IEnumerable<Example> lines, string separator)
    {
        var mask = new List<int>();
        foreach (var line in lines)
        {
            mask.AddRange(Enumerable.Repeat(0, Encoding.UTF8.GetByteCount(line.Question) + Encoding.UTF8.GetByteCount(separator)));
            mask.AddRange(Enumerable.Repeat(1, Encoding.UTF8.GetByteCount(line.Answer) + 1));
        }

        return [.. mask];
    }
}

namespace Superposition.ReferenceModel.Model;

/// <summary>
/// Reads a prompt text: example lines "question&lt;sep&gt;answer" separated by "\n", then a final line
/// "question&lt;sep&gt;". Lines without a separator, or whose question no library family asks, are ignored.
/// </summary>
public static class PromptReader
{
    /// <summary>
    /// The context of the prompt's final question, or null when the prompt cannot be parsed (its last line has no
    /// separator, or no library family asks its question): the model then answers with its fallback.
    /// </summary>
    public static PromptContext? Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokenizer = ReferenceTokenizer.Shared;
        var counter = new ContextCounter();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var end = tokenizer.SeparatorEnd(line, out var separator);
            if (end > 0)
            {
                counter.AddExample(separator, line[..(end - separator.Length)], line[end..]);
            }
        }

        var last = lines[^1];
        var finalEnd = tokenizer.SeparatorEnd(last, out var finalSeparator);
        return finalEnd == last.Length && finalEnd > 0
            ? counter.ContextFor(finalSeparator, last[..(finalEnd - finalSeparator.Length)])
            : null;
    }
}

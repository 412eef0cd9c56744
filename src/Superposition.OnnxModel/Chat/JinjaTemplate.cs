using System.Text;

namespace Superposition.OnnxModel.Chat;

/// <summary>
/// A template in the Jinja subset that Hugging Face chat templates use (docs/reference-models.md, "Tokens"):
/// parsed once (a construct outside the subset fails then, with a <see cref="JinjaSyntaxException"/>), rendered
/// with Hugging Face's settings (trim_blocks, lstrip_blocks). Thread-safe: rendering keeps no state.
/// </summary>
public sealed class JinjaTemplate
{
    private readonly IReadOnlyList<JinjaNode> _nodes;

    private JinjaTemplate(IReadOnlyList<JinjaNode> nodes) => _nodes = nodes;

    public static JinjaTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new JinjaTemplate(JinjaParser.Parse(source));
    }

    /// <summary>
    /// The text for these variables (strings, long, double, bool, null, lists and string-keyed dictionaries of
    /// them). A template error at render time (raise_exception, a type error) is a
    /// <see cref="Superposition.LanguageModels.ChatTemplateException"/>.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, object?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var scope = new JinjaScope(null);
        foreach (var (name, value) in variables)
        {
            scope.Set(name, value);
        }

        var output = new StringBuilder();
        JinjaNode.RenderAll(_nodes, new JinjaScope(scope), output);
        return output.ToString();
    }
}

namespace Superposition.OnnxModel.Chat;

/// <summary>Variables by name: a for loop's body gets a scope of its own per item (so a set inside it stays there, as in Jinja).</summary>
internal sealed class JinjaScope(JinjaScope? parent)
{
    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);

    public object? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return new JinjaUndefined(name);
    }

    public void Set(string name, object? value) => _variables[name] = value;

    private JinjaScope? Parent { get; } = parent;
}

namespace Superposition.OnnxModel.Chat;

/// <summary>Jinja's undefined value (a missing variable, key or attribute): renders as nothing, is false, fails in arithmetic.</summary>
internal sealed class JinjaUndefined(string name)
{
    public string Name { get; } = name;

    public override string ToString() => string.Empty;
}

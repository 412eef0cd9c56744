namespace Superposition.Specs;

/// <summary>One thing wrong with a spec: where (a JSON path such as <c>$.distributions[1].weights</c>) and why.</summary>
public sealed record SpecError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

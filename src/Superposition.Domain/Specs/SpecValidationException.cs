namespace Superposition.Specs;

/// <summary>A spec that cannot be used, with every problem found and where it is.</summary>
public sealed class SpecValidationException : Exception
{
    public SpecValidationException(string source, IReadOnlyList<SpecError> errors)
        : base($"{source} is not a valid experiment spec: {string.Join("; ", errors)}")
    {
        Errors = errors;
    }

    public IReadOnlyList<SpecError> Errors { get; }
}

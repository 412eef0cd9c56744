namespace Superposition.Specs;

/// <summary>A spec that cannot be used, with every problem found and where it is.</summary>
public sealed class SpecValidationException : Exception
{
    /// <param name="source">The file or text that was read.</param>
    /// <param name="errors">Every problem found.</param>
    /// <param name="kind">What the text should have been ("experiment spec", "training spec").</param>
    public SpecValidationException(string source, IReadOnlyList<SpecError> errors, string kind = "experiment spec")
        : base($"{source} is not a valid {kind}: {string.Join("; ", errors)}")
    {
        Errors = errors;
    }

    public IReadOnlyList<SpecError> Errors { get; }
}

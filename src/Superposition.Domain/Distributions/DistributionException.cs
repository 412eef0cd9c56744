namespace Superposition.Distributions;

/// <summary>
/// A distribution that cannot be built. <see cref="Problem"/> is the project's own sentence, formatted without
/// regard to culture, so a caller can show it without cutting the runtime's localised "(Parameter ...)" suffix
/// off <see cref="Exception.Message"/>.
/// </summary>
public sealed class DistributionException : ArgumentException
{
    public DistributionException(string problem, string paramName)
        : base(problem, paramName)
    {
        Problem = problem;
    }

    /// <summary>What is wrong, e.g. "Distribution 'v' weights sum to 0.8, not 1 (tolerance 1E-06).".</summary>
    public string Problem { get; }
}

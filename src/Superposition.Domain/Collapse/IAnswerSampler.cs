namespace Superposition.Collapse;

/// <summary>Samples one answer from a named model: the port through which multi-turn runs reach an endpoint.</summary>
public interface IAnswerSampler
{
    /// <summary>
    /// Continues <paramref name="prompt"/> at <paramref name="temperature"/>, stopping at "\n" or after
    /// <paramref name="maxTokens"/> tokens. <paramref name="seed"/> is passed to endpoints that honour one.
    /// </summary>
    Task<SampledAnswer> SampleAsync(string model, string prompt, double temperature, int maxTokens, int seed, CancellationToken cancellationToken);
}

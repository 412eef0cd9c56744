namespace Superposition.Scoring;

/// <summary>Settings shared by all models, bound from the configuration section <c>Superposition:Scoring</c>.</summary>
public sealed class ScoringOptions
{
    public const string SectionName = "Superposition:Scoring";

    /// <summary>Joint confidence of the sample strategy's intervals (Wilson per candidate, Bonferroni over candidates). Default 0.95.</summary>
    public double SampleConfidence { get; set; } = 0.95;

    /// <summary>Samples per request of the sample strategy (servers cap n, OpenAI at 128). Default 100.</summary>
    public int SamplesPerRequest { get; set; } = 100;

    /// <summary>Chat walk without prefill: most requests per prompt before unresolved candidates become bounds. Default 4.</summary>
    public int ChatWalkMaxRequests { get; set; } = 4;

    /// <summary>Chat walk without prefill: sampled replies per request (n), where the server honours n. Default 8.</summary>
    public int ChatWalkSamples { get; set; } = 8;
}

namespace Superposition.Specs;

/// <summary>
/// A multi-turn collapse experiment (docs/science.md, "Multi-turn runs and the Pólya urn"): each run starts from the initial examples; at each
/// turn a new question is appended, the model's answer is sampled and appended, and classified as one of the
/// tasks or "other".
/// </summary>
/// <param name="Initial">Initial examples per task.</param>
/// <param name="Turns">Answers generated per run (T).</param>
/// <param name="Runs">Independent runs (R).</param>
/// <param name="Temperature">Sampling temperature (default 1.0, the paper's).</param>
/// <param name="MaxTokens">Longest answer in tokens (default 16); an answer not ended by "\n" within it is "other".</param>
/// <param name="Calibration">A calibration experiment of the same models whose fitted β and biases give the beta-urn prediction.</param>
public sealed record CollapseSpec(
    InitialExamples Initial,
    int Turns,
    int Runs,
    double Temperature = 1.0,
    int MaxTokens = 16,
    string? Calibration = null);

using System.Text.Json.Serialization;

namespace Superposition.Specs;

/// <summary>
/// A multi-turn collapse experiment (docs/science.md, "Multi-turn runs and the Pólya urn"): each run starts from the initial examples; at each
/// turn a new question is appended, the model's answer is sampled and appended, and classified as one of the
/// tasks or "other".
/// </summary>
/// <param name="Initial">Initial examples per task: one setting, or several, each run <paramref name="Runs"/> times.</param>
/// <param name="Turns">Answers generated per run (T).</param>
/// <param name="Runs">Independent runs (R) per initial setting.</param>
/// <param name="Temperature">Sampling temperature (default 1.0, the paper's).</param>
/// <param name="MaxTokens">Longest answer in tokens (default 16); an answer not ended by "\n" within it is "other".</param>
/// <param name="Calibration">A calibration experiment of the same models whose fitted β and biases give the beta-urn prediction.</param>
public sealed record CollapseSpec(
    InitialSettings Initial,
    int Turns,
    int Runs,
    double Temperature = 1.0,
    int MaxTokens = 16,
    string? Calibration = null)
{
    /// <summary>Runs of one model over every initial setting (K·R); run indices are 0..K·R − 1.</summary>
    [JsonIgnore]
    public int TotalRuns => Initial.Count * Runs;

    /// <summary>The initial setting run <paramref name="runIndex"/> belongs to: run r is of setting r / R.</summary>
    public int SettingOf(int runIndex)
    {
        if (runIndex < 0 || runIndex >= TotalRuns)
        {
            throw new ArgumentOutOfRangeException(nameof(runIndex), runIndex, $"The experiment has runs 0..{TotalRuns - 1} ({Initial.Count} initial setting(s) × {Runs} runs).");
        }

        return runIndex / Runs;
    }

    /// <summary>The initial counts per task of run <paramref name="runIndex"/>.</summary>
    public IReadOnlyList<int> InitialCountsOf(int runIndex, int taskCount) => Initial[SettingOf(runIndex)].Resolve(taskCount);
}

namespace Superposition.Scoring.Telemetry;

/// <summary>What telemetry may carry, bound from the configuration section <c>Superposition:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Superposition:Telemetry";

    /// <summary>
    /// Characters of the prompt text a <c>score</c> span may carry in <c>superposition.prompt.text</c> (the start of
    /// the prompt). Default 0: no prompt text at all, since prompts may hold what a user would not send to a
    /// monitoring service.
    /// </summary>
    public int MaxPromptCharacters { get; set; }
}

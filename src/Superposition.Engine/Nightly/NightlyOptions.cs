namespace Superposition.Engine.Nightly;

/// <summary>
/// The nightly re-evaluation's budget and drift test (section <c>Superposition:Nightly</c>; app settings
/// <c>Superposition__Nightly__*</c>). Checked at start by <see cref="NightlyOptionsValidator"/>.
/// </summary>
public sealed class NightlyOptions
{
    public const string SectionName = "Superposition:Nightly";

    /// <summary>
    /// Most prompt + completion tokens one night may spend, by the planner's estimate of the strategy each spec's
    /// models would use (auto's expected pick, or the spec's named strategy); null (unset) for no cap.
    /// </summary>
    public long? MaxTokens { get; set; }

    /// <summary>
    /// Most cost one night may spend, in the models' price currency (their PromptPricePerMillionTokens and
    /// CompletionPricePerMillionTokens); models without prices count 0 toward it. Null (unset) for no cap.
    /// </summary>
    public double? MaxCost { get; set; }

    /// <summary>Family-wise false-flag rate of one run's drift test (Bonferroni over its comparisons), in (0, 0.5]. Default 0.01.</summary>
    public double DriftAlpha { get; set; } = 0.01;

    /// <summary>True when either cap is set: nightly runs are then estimated before they are sent.</summary>
    public bool IsCapped => MaxTokens is not null || MaxCost is not null;
}

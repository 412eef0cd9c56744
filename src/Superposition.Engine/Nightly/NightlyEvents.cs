namespace Superposition.Engine.Nightly;

/// <summary>
/// Event ids of the nightly Warning log events: stable numbers and names that an alert rule can key on (docs/functions.md,
/// "Nightly drift and budget"). Never renumber them.
/// </summary>
public static class NightlyEvents
{
    /// <summary>A complete nightly run differs from its previous or first run beyond sampling error.</summary>
    public const int DriftDetectedId = 2301;

    public const string DriftDetected = "NightlyDriftDetected";

    /// <summary>A nightly run was recorded instead of sent: its estimate exceeds the night's remaining budget.</summary>
    public const int OverBudgetId = 2302;

    public const string OverBudget = "NightlyOverBudget";

    /// <summary>A nightly run could not be estimated (e.g. a model no longer configured): recorded as a failure to plan.</summary>
    public const int NotPlannedId = 2303;

    public const string NotPlanned = "NightlyNotPlanned";
}

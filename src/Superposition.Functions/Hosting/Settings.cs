namespace Superposition.Functions.Hosting;

/// <summary>
/// Names of the app settings that both the host (trigger configuration, as <c>%Name%</c>) and the worker read.
/// Flat names, because the host resolves them from app settings. docs/functions.md, "Settings", documents each.
/// </summary>
public static class Settings
{
    /// <summary>Connection of the experiments' storage account: a connection string, or identity-based settings (<c>SuperpositionStorage__blobServiceUri</c>, <c>__queueServiceUri</c>; see <see cref="Storage.Connections.StorageConnection"/>).</summary>
    public const string StorageConnection = "SuperpositionStorage";

    /// <summary>Queue of plan messages. Default in the sample: superposition-plan.</summary>
    public const string PlanQueue = "PlanQueue";

    /// <summary>Queue of work item messages. Default in the sample: superposition-work.</summary>
    public const string WorkQueue = "WorkQueue";

    /// <summary>NCRONTAB schedule of aggregation. Default in the sample: every 10 minutes.</summary>
    public const string AggregateSchedule = "AggregateSchedule";

    /// <summary>NCRONTAB schedule of the nightly re-evaluation. Default in the sample: 02:00 UTC.</summary>
    public const string NightlySchedule = "NightlySchedule";

    /// <summary>Queue names when the settings are absent (the worker's side; the host needs the settings).</summary>
    public const string DefaultPlanQueue = "superposition-plan";

    public const string DefaultWorkQueue = "superposition-work";
}

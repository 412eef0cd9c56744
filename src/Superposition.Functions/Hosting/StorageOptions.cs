namespace Superposition.Functions.Hosting;

/// <summary>Where experiments are stored (section <c>Superposition:Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Superposition:Storage";

    /// <summary>Blob container of the experiments. Default "superposition".</summary>
    public string Container { get; set; } = "superposition";

    /// <summary>Work item messages the planner sends at once and checkpoints together. Default 64.</summary>
    public int PlanBatchSize { get; set; } = 64;
}

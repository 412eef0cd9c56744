using Superposition.Distributions;
using Superposition.Tasks;

namespace Superposition.Specs;

/// <summary>
/// An experiment, as written in a spec file (version 1; schema in <c>schemas/experiment-spec.schema.json</c>).
/// Create it through <see cref="SpecLoader"/>, which validates it.
/// </summary>
public sealed record ExperimentSpec
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required string Name { get; init; }

    public string? Description { get; init; }

    public ExperimentKind Kind { get; init; } = ExperimentKind.Calibration;

    public required IReadOnlyList<string> Tasks { get; init; }

    /// <summary>Task mixtures (calibration experiments).</summary>
    public IReadOnlyList<DistributionSpec> Distributions { get; init; } = [];

    /// <summary>In-context examples per prompt (calibration experiments).</summary>
    public int Examples { get; init; }

    /// <summary>Prompts per distribution (calibration experiments).</summary>
    public int Prompts { get; init; }

    /// <summary>Multi-turn settings (collapse experiments); null otherwise.</summary>
    public CollapseSpec? Collapse { get; init; }

    public int Seed { get; init; }

    public required IReadOnlyList<string> Models { get; init; }

    public ScoringSpec Scoring { get; init; } = new();

    /// <summary>
    /// Compare with the Pólya predictive of the prompt's example counts, the Bayes-optimal answer of a model trained
    /// on Dirichlet(α) task mixtures; null (the default) for no comparison.
    /// </summary>
    public PolyaSpec? Polya { get; init; }

    /// <summary>The task definitions, in spec order.</summary>
    public IReadOnlyList<TaskDefinition> ResolveTasks() => [.. Tasks.Select(TaskLibrary.Get)];

    /// <summary>The validated distributions, in spec order.</summary>
    public IReadOnlyList<Distribution> ResolveDistributions() =>
        [.. Distributions.Select(d => d.Resolve(Tasks.Count))];

    /// <summary>The distribution with that name.</summary>
    public Distribution ResolveDistribution(string name) =>
        Distributions.FirstOrDefault(d => d.Name == name)?.Resolve(Tasks.Count)
        ?? throw new ArgumentException($"Spec '{Name}' has no distribution '{name}'; it has {string.Join(", ", Distributions.Select(d => d.Name))}.", nameof(name));
}

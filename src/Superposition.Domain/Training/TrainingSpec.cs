using Superposition.Tasks;

namespace Superposition.Training;

/// <summary>
/// A transformer to train from scratch, as written in a training spec file (version 1; schema in
/// <c>schemas/training-spec.schema.json</c>, docs/training.md). Create it through <see cref="TrainingSpecLoader"/>,
/// which validates it.
/// </summary>
public sealed record TrainingSpec
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The task family: the question format every line of a sequence shares.</summary>
    public required string Family { get; init; }

    public required IReadOnlyList<string> Tasks { get; init; }

    public required TrainingRegime Regime { get; init; }

    /// <summary>In-context examples before a sequence's query line, drawn uniformly from the range per sequence.</summary>
    public required ExampleRange Examples { get; init; }

    /// <summary>The questions training lines may use (examples and queries).</summary>
    public required InputPool Inputs { get; init; }

    /// <summary>One model size; a spec gives this or <see cref="Sizes"/>.</summary>
    public ModelSize? Model { get; init; }

    /// <summary>A sweep's sizes, each trained into its own folder; a spec gives this or <see cref="Model"/>.</summary>
    public IReadOnlyList<ModelSize>? Sizes { get; init; }

    public required OptimizationSpec Training { get; init; }

    /// <summary>Distinct training sequences; null means steps × batch (each seen once).</summary>
    public int? Sequences { get; init; }

    /// <summary>Held-out sequences, from their own random stream.</summary>
    public int Heldout { get; init; }

    public int Seed { get; init; }

    /// <summary>PyTorch threads; one thread makes two runs of one seed bit-identical.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// The training sequences to generate: <see cref="Sequences"/>, else steps × batch; null for a time budget without
    /// <see cref="Sequences"/>, whose steps are known only once planned (<see cref="TrainingSequenceCountFor"/>). Null
    /// also keeps it out of the serialised spec, which records it for fixed steps as it always did.
    /// </summary>
    public int? TrainingSequenceCount => Sequences ?? (Training.Steps is { } steps ? checked(steps * Training.Batch) : null);

    /// <summary>The training sequences to generate for a run of <paramref name="steps"/> steps.</summary>
    public int TrainingSequenceCountFor(int steps) => Sequences ?? checked(steps * Training.Batch);

    /// <summary>True when the spec trains several sizes (<see cref="Sizes"/>), each into its own folder.</summary>
    public bool IsSweep => Sizes is not null;

    /// <summary>The sizes to train: the sweep's, or the one model named after the spec.</summary>
    public IReadOnlyList<ModelSize> ResolveSizes() => (Sizes, Model) switch
    {
        ({ } sizes, _) => sizes,
        (null, { } model) => [model with { Name = model.Name ?? Name }],
        _ => throw new InvalidOperationException($"Training spec '{Name}' has neither model nor sizes."),
    };

    /// <summary>The task definitions, in spec order.</summary>
    public IReadOnlyList<TaskDefinition> ResolveTasks() => [.. Tasks.Select(TaskLibrary.Get)];

    /// <summary>The questions of the training pool, in the family's order (or the spec's, for a list).</summary>
    public IReadOnlyList<string> ResolvePool() => Inputs.Resolve(TaskLibrary.Get(Tasks[0]).Family);

    /// <summary>
    /// Whether an evaluation's query was among the training inputs: a model that never saw a question asked cannot
    /// know its answers (the numbers protocol asks 5, which its examples never use).
    /// </summary>
    public bool PoolContains(string question) => ResolvePool().Contains(question, StringComparer.Ordinal);

    /// <summary>
    /// Why a model trained on this spec cannot answer <paramref name="experiment"/>'s prompts, or null when it can: the
    /// experiment's tasks must be among the spec's, and every final question its prompts can ask (the family's
    /// held-out questions, else its example questions) must be in the training pool: a model that never saw a
    /// question cannot know its answers (the paper's numbers protocol asks 5).
    /// </summary>
    public string? EvaluationProblem(Specs.ExperimentSpec experiment, string model)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var unknownTasks = experiment.Tasks.Where(t => !Tasks.Contains(t, StringComparer.Ordinal)).ToList();
        if (unknownTasks.Count > 0)
        {
            return $"model '{model}' was trained on {string.Join(", ", Tasks)}, not on {string.Join(", ", unknownTasks)}, which experiment '{experiment.Name}' asks";
        }

        var family = TaskLibrary.Get(experiment.Tasks[0]).Family;
        var finals = family.HeldOutQuestions.Count > 0 ? family.HeldOutQuestions : family.ExampleQuestions;
        var missing = finals.Where(q => !PoolContains(q)).ToList();
        return missing.Count == 0
            ? null
            : $"experiment '{experiment.Name}' asks {string.Join(", ", missing)} as final question, which model '{model}' never saw in training (its training spec '{Name}' has inputs {Inputs.Named ?? string.Join(", ", Inputs.Questions ?? [])}); train it with those inputs in the pool";
    }
}

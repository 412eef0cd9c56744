namespace Superposition.Training;

/// <summary>How a training sequence picks the tasks of its lines.</summary>
public enum RegimeKind
{
    /// <summary>Each sequence uses one task, drawn uniformly (the paper's Section 4 training).</summary>
    SingleTask,

    /// <summary>Each sequence's task proportions are drawn from a symmetric Dirichlet(alpha) (the research note's test).</summary>
    Dirichlet,
}

/// <summary>How a Dirichlet sequence turns its proportions into the tasks of its examples.</summary>
public enum DirichletCounts
{
    /// <summary>
    /// Each example's task (and the query's) drawn from the proportions: the examples are then a Pólya urn, and the
    /// Pólya predictive (n_i + α) / (N + kα) is the Bayes-optimal answer to the query.
    /// </summary>
    Multinomial,

    /// <summary>
    /// Counts by the suite's rounding rule (<see cref="Distributions.ExampleCounts"/>) with positions shuffled, as
    /// evaluation prompts are built; the query's task is still drawn from the proportions. The counts are then a
    /// function of the proportions, so the Pólya predictive is not the Bayes-optimal answer.
    /// </summary>
    Rounding,
}

/// <param name="Kind">single-task or dirichlet.</param>
/// <param name="Alpha">The symmetric Dirichlet concentration (dirichlet only).</param>
/// <param name="Counts">How proportions become example tasks (dirichlet only; default multinomial).</param>
public sealed record TrainingRegime(RegimeKind Kind, double? Alpha = null, DirichletCounts? Counts = null)
{
    /// <summary>The count rule of a Dirichlet regime (multinomial unless the spec says rounding).</summary>
    public DirichletCounts CountRule => Counts ?? DirichletCounts.Multinomial;
}

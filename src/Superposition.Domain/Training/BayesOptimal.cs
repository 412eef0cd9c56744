using Superposition.Distributions;

namespace Superposition.Training;

/// <summary>The Bayes-optimal distribution of a training sequence's query task, where a closed form exists.</summary>
public static class BayesOptimal
{
    /// <summary>
    /// single-task: <see cref="SingleTaskPosterior"/>; dirichlet with multinomial counts: <see cref="PolyaPredictive"/>
    /// of the examples' counts (exact when every example's answer identifies its task, as in the numbers family on
    /// its questions). Null for dirichlet with rounded counts: the counts are then a function of the proportions and
    /// the posterior has no closed form.
    /// </summary>
    public static double[]? For(TrainingSpec spec, TrainingSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sequence);
        return spec.Regime switch
        {
            { Kind: RegimeKind.SingleTask } => SingleTaskPosterior.Of(spec.ResolveTasks(), sequence.Examples),
            { Kind: RegimeKind.Dirichlet, CountRule: DirichletCounts.Multinomial, Alpha: { } alpha } => PolyaPredictive.Of(sequence.Counts, alpha),
            _ => null,
        };
    }
}

using Superposition.Specs;

namespace Superposition.Engine.Validation;

/// <summary>
/// The engine's validation of a parsed spec: every registered <see cref="IExperimentCheck"/>, in registration order.
/// The shells ask it before any work starts (to answer in their own way: a 400, a CLI error), and the launcher and the
/// in-process runner ask it again, so that no path starts an experiment the engine would refuse.
/// </summary>
public sealed class ExperimentValidator(IEnumerable<IExperimentCheck> checks)
{
    /// <summary>Every problem the checks find (empty when the engine can run <paramref name="spec"/>).</summary>
    public IReadOnlyList<SpecError> Validate(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return [.. checks.SelectMany(c => c.Check(spec))];
    }

    /// <summary>Throws a <see cref="SpecValidationException"/> naming every problem, if there is one.</summary>
    public void EnsureValid(ExperimentSpec spec)
    {
        if (Validate(spec) is { Count: > 0 } errors)
        {
            throw new SpecValidationException($"experiment '{spec.Name}'", errors);
        }
    }
}

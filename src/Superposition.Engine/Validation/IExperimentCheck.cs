using Superposition.Specs;

namespace Superposition.Engine.Validation;

/// <summary>
/// One check the engine makes of a spec that <see cref="SpecLoader"/> accepted, for what only the configured engine
/// knows (the models it can run and what they were trained on). Both shells run every registered check through
/// <see cref="ExperimentValidator"/>, so an experiment one shell refuses, the other refuses too.
/// </summary>
public interface IExperimentCheck
{
    /// <summary>Every problem of <paramref name="spec"/>, each with the JSON path it concerns; empty when it passes.</summary>
    IEnumerable<SpecError> Check(ExperimentSpec spec);
}

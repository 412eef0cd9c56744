using Superposition.Specs;
using Superposition.Storage.Layout;

namespace Superposition.Storage.Experiments;

/// <summary>
/// The work items of an experiment: one per prompt × model × distribution (calibration; a multi-turn kind will add
/// one per run). Ordered prompt by prompt, so that every model and distribution advance together.
/// </summary>
public static class WorkPlan
{
    public static int Count(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Prompts * spec.Models.Count * spec.Distributions.Count;
    }

    public static IEnumerable<WorkItem> Expand(string experiment, ExperimentSpec spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind switch
        {
            ExperimentKind.Calibration => Calibration(experiment, spec),
            _ => throw new NotSupportedException($"Experiments of kind {spec.Kind} cannot be planned by this build."),
        };
    }

    private static IEnumerable<WorkItem> Calibration(string experiment, ExperimentSpec spec)
    {
        for (var prompt = 0; prompt < spec.Prompts; prompt++)
        {
            foreach (var distribution in spec.Distributions)
            {
                foreach (var model in spec.Models)
                {
                    yield return new WorkItem(experiment, model, distribution.Name, prompt);
                }
            }
        }
    }
}

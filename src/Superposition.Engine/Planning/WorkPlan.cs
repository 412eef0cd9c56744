using Superposition.Specs;
using Superposition.Storage.Layout;

namespace Superposition.Engine.Planning;

/// <summary>
/// The work items of an experiment: one per prompt × model × distribution (calibration), or one per run × model
/// (collapse, whose items carry the distribution segment <see cref="Runs"/> and the run index as prompt; R runs
/// per initial setting, K·R in all). Ordered
/// prompt by prompt (run by run), so that every model and distribution advance together.
/// </summary>
public static class WorkPlan
{
    /// <summary>The distribution segment of a collapse experiment's items (results/{model}/runs/{run}.json).</summary>
    public const string Runs = "runs";

    public static int Count(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Collapse is { } collapse
            ? collapse.TotalRuns * spec.Models.Count
            : spec.Prompts * spec.Models.Count * spec.Distributions.Count;
    }

    /// <summary>The (model, distribution) groups of the plan and their items: runs under <see cref="Runs"/> for collapse.</summary>
    public static IEnumerable<(string Model, string Distribution, int Items)> Groups(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Collapse is { } collapse
            ? spec.Models.Select(m => (m, Runs, collapse.TotalRuns))
            : spec.Models.SelectMany(m => spec.Distributions.Select(d => (m, d.Name, spec.Prompts)));
    }

    public static IEnumerable<WorkItem> Expand(string experiment, ExperimentSpec spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind switch
        {
            ExperimentKind.Calibration => Calibration(experiment, spec),
            ExperimentKind.Collapse => Collapse(experiment, spec),
            _ => throw new NotSupportedException($"Experiments of kind {spec.Kind} cannot be planned by this build."),
        };
    }

    private static IEnumerable<WorkItem> Collapse(string experiment, ExperimentSpec spec)
    {
        for (var run = 0; run < spec.Collapse!.TotalRuns; run++)
        {
            foreach (var model in spec.Models)
            {
                yield return new WorkItem(experiment, model, Runs, run);
            }
        }
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

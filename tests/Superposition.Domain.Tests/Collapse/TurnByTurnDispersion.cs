using Superposition.Collapse;
using Superposition.Randomness;

namespace Superposition.Domain.Tests.Collapse;

/// <summary>
/// The dispersion test as it was before the Dirichlet-multinomial reference: every Monte Carlo data set replays each
/// run turn by turn with <see cref="UrnSampler"/> (M · Σ T_r draws). Kept as the oracle the new reference is
/// compared with.
/// </summary>
internal static class TurnByTurnDispersion
{
    public static double PValue(IReadOnlyList<RunOutcome> runs, double[] a, int simulations, int seed)
    {
        var tested = runs.Where(r => r.TaskAnswers > 0).ToArray();
        var statistic = new UrnDispersion.RunStatistic(a);
        var observed = tested.Sum(r => statistic.Of(r.TaskCounts.ToArray()));
        var tolerance = 1e-9 * Math.Max(1, observed);
        var random = Seeds.Create(seed, "collapse", "dispersion");
        var sampler = new UrnSampler(UrnModel.Linear(a));
        var counts = new int[a.Length];
        var atLeast = 0;
        var atMost = 0;
        for (var m = 0; m < simulations; m++)
        {
            var d = 0.0;
            foreach (var run in tested)
            {
                sampler.Run(random, run.TaskAnswers, counts);
                d += statistic.Of(counts);
            }

            atLeast += d >= observed - tolerance ? 1 : 0;
            atMost += d <= observed + tolerance ? 1 : 0;
        }

        return Math.Min(1, 2 * (1.0 + Math.Min(atLeast, atMost)) / (1.0 + simulations));
    }
}

using Superposition.Randomness;

namespace Superposition.Collapse;

/// <summary>
/// The dispersion test of runs against an urn that has no closed form, such as the beta-urn with the β and biases
/// fitted on the model's calibration experiment: the same statistic as <see cref="UrnDispersion"/>, D = Σ_r d_r about
/// the urn's initial shares, referred to <c>M</c> data sets simulated turn by turn from that urn with the runs' own
/// numbers of task answers. Any fixed statistic gives a valid Monte Carlo test; this one reads as the calibrated
/// urn's does (how far the counts spread from the start), and it also sees a bias that moves the mean shares. Its
/// expectation under the urn is estimated by the simulated data sets' mean, so the ratio D / E[D] is about 1 for
/// runs that behave as the urn, above 1 for runs that spread more, below 1 for runs that stay nearer the start.
/// </summary>
public static class SimulatedUrnDispersion
{
    /// <summary>
    /// Tests the runs with task answers against <paramref name="urn"/> (its other-answer rate is ignored: the runs'
    /// totals already count only task answers). Stream <c>Seeds.Create(seed, "collapse", "urn-dispersion")</c>;
    /// cost M · Σ_r T_r draws of the urn.
    /// </summary>
    public static DispersionTest Test(IReadOnlyList<RunOutcome> runs, UrnModel urn, int simulations, int seed)
    {
        var k = CollapseStatistics.CheckRuns(runs, nameof(runs));
        ArgumentNullException.ThrowIfNull(urn);
        CollapseArguments.SameTaskCount(k, urn.Tasks, nameof(runs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(simulations);
        var tested = UrnDispersion.Tested(runs);
        var a = urn.Initial.ToArray();
        var observed = UrnDispersion.Observed(tested, a);
        var sampler = new UrnSampler(new UrnModel(urn.Initial, urn.Beta, urn.Biases));
        var (p, mean) = UrnDispersion.MonteCarlo(
            tested, a, observed, UrnDispersion.Tolerance(observed), simulations, Seeds.Create(seed, "collapse", "urn-dispersion"), (random, turns, counts) => sampler.Run(random, turns, counts));
        return new DispersionTest(observed, mean, p, tested.Length, simulations);
    }
}

using Superposition.Randomness;

namespace Superposition.Collapse;

/// <summary>
/// A goodness-of-fit test that sees both ways. Under the calibrated urn started at a (A = Σ a, p_i = a_i / A), the
/// counts after T task answers have mean T·p_i and variance T·p_i(1 − p_i)·(A + T)/(A + 1): the multinomial's,
/// inflated by (A + T)/(A + 1). Each run's statistic is its Pearson X² against its expected counts divided by that factor,
/// d_r = (A + 1)/(A + T_r) · Σ_i (x_ri − T_r p_i)² / (T_r p_i), whose expectation is exactly k − 1 (the sum over i
/// of (1 − p_i)). A model with β &gt; 1 pushes counts apart (D above its expectation); one with β &lt; 1 holds them
/// near the start, where the likelihood of the urn is highest, so only a test in this direction catches it.
/// </summary>
public static class UrnDispersion
{
    /// <summary>Monte Carlo data sets by default: a two-sided p can go down to 2/1000.</summary>
    public const int DefaultSimulations = 999;

    /// <summary>
    /// Tests the runs with task answers against <paramref name="simulations"/> data sets of the same run totals
    /// drawn from the calibrated urn (<see cref="UrnSampler"/>, stream <c>Seeds.Create(seed, "collapse",
    /// "dispersion")</c>). Cost: M · Σ T_r draws.
    /// </summary>
    public static DispersionTest Test(IReadOnlyList<RunOutcome> runs, IReadOnlyList<double> initial, int simulations, int seed)
    {
        var k = CollapseStatistics.CheckRuns(runs, nameof(runs));
        var a = CollapseArguments.InitialCounts(initial, nameof(initial), minimumTasks: 2);
        CollapseArguments.SameTaskCount(k, a.Length, nameof(runs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(simulations);
        var tested = runs.Where(r => r.TaskAnswers > 0).ToArray();
        if (tested.Length == 0)
        {
            throw new ArgumentException("No run has a task answer, so there are no counts to test.", nameof(runs));
        }

        var statistic = new RunStatistic(a);
        var observed = 0.0;
        foreach (var run in tested)
        {
            observed += statistic.Of(run.TaskCounts.ToArray());
        }

        // Data sets whose D equals the observed one up to rounding count in both tails (conservative), so that
        // summing the same terms in another order cannot move a tie into one tail only.
        var tolerance = 1e-9 * Math.Max(1, observed);
        var random = Seeds.Create(seed, "collapse", "dispersion");
        var sampler = new UrnSampler(UrnModel.Linear(a));
        var counts = new int[k];
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

        var p = Math.Min(1, 2 * (1.0 + Math.Min(atLeast, atMost)) / (1.0 + simulations));
        return new DispersionTest(observed, tested.Length * (k - 1.0), p, tested.Length, simulations);
    }

    /// <summary>d_r of one run, with the urn's shares and total computed once.</summary>
    internal sealed class RunStatistic(double[] a)
    {
        private readonly double _total = a.Sum();
        private readonly double[] _shares = [.. a.Select(ai => ai / a.Sum())];

        public double Of(ReadOnlySpan<int> counts)
        {
            var turns = 0;
            foreach (var c in counts)
            {
                turns += c;
            }

            var x2 = 0.0;
            for (var i = 0; i < counts.Length; i++)
            {
                var expected = turns * _shares[i];
                x2 += (counts[i] - expected) * (counts[i] - expected) / expected;
            }

            return x2 * (_total + 1) / (_total + turns);
        }
    }
}

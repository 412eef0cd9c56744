using MathNet.Numerics.Distributions;
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
    /// Tested runs from which the p-value comes from a normal reference instead of Monte Carlo: D is then a sum of
    /// at least this many independent terms: simulated under five calibrated urns, the normal p-values reject at 5%
    /// in 4.6–5.1% of data sets with both tails near 2.5%, while below a few thousand runs the skewed upper tail
    /// takes more than its half (docs/science.md, "Goodness of fit to the calibrated urn"). Below it Monte Carlo
    /// costs under a second.
    /// </summary>
    public const int NormalReferenceRuns = 10_000;

    /// <summary>
    /// Tests the runs with task answers against the calibrated urn. With fewer than <see cref="NormalReferenceRuns"/>
    /// tested runs (or when <paramref name="reference"/> asks for it), against <paramref name="simulations"/> data
    /// sets of the same run totals whose counts are drawn directly from the Dirichlet-multinomial
    /// (<see cref="DirichletMultinomialSampler"/>, stream <c>Seeds.Create(seed, "collapse", "dispersion")</c>): cost
    /// M · R · (k − 1) uniforms. From <see cref="NormalReferenceRuns"/> on, against a normal distribution with D's
    /// exact mean and variance under the urn (<see cref="DispersionMoments"/>): cost O(R · k), no draws.
    /// </summary>
    public static DispersionTest Test(
        IReadOnlyList<RunOutcome> runs, IReadOnlyList<double> initial, int simulations, int seed, DispersionReference? reference = null)
    {
        var k = CollapseStatistics.CheckRuns(runs, nameof(runs));
        var a = CollapseArguments.InitialCounts(initial, nameof(initial), minimumTasks: 2);
        CollapseArguments.SameTaskCount(k, a.Length, nameof(runs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(simulations);
        var tested = Tested(runs);
        var observed = Observed(tested, a);
        var tolerance = Tolerance(observed);
        var expected = tested.Length * (k - 1.0);
        var normal = reference ?? (tested.Length >= NormalReferenceRuns ? DispersionReference.Normal : DispersionReference.MonteCarlo);
        return normal == DispersionReference.Normal
            ? new DispersionTest(observed, expected, NormalPValue(tested, a, observed, tolerance), tested.Length, 0, DispersionReference.Normal)
            : new DispersionTest(observed, expected, MonteCarloPValue(tested, a, observed, tolerance, simulations, seed), tested.Length, simulations);
    }

    private static double MonteCarloPValue(RunOutcome[] tested, double[] a, double observed, double tolerance, int simulations, int seed)
    {
        var sampler = new DirichletMultinomialSampler(a);
        return MonteCarlo(tested, a, observed, tolerance, simulations, Seeds.Create(seed, "collapse", "dispersion"), sampler.Sample).PValue;
    }

    /// <summary>Draws one run's final counts of <c>turns</c> task answers into <c>counts</c>.</summary>
    internal delegate void RunDraw(Random random, int turns, Span<int> counts);

    /// <summary>
    /// D of <paramref name="simulations"/> data sets whose runs have the tested runs' totals, each run drawn by
    /// <paramref name="draw"/> from <paramref name="random"/>: the two-sided p of the observed D among them
    /// (<see cref="MonteCarloPValue(int, int, int)"/>) and their mean.
    /// </summary>
    internal static (double PValue, double Mean) MonteCarlo(
        RunOutcome[] tested, double[] a, double observed, double tolerance, int simulations, Random random, RunDraw draw)
    {
        var statistic = new RunStatistic(a);
        var counts = new int[a.Length];
        var atLeast = 0;
        var atMost = 0;
        var sum = 0.0;
        for (var m = 0; m < simulations; m++)
        {
            var d = 0.0;
            foreach (var run in tested)
            {
                draw(random, run.TaskAnswers, counts);
                d += statistic.Of(counts);
            }

            sum += d;
            atLeast += d >= observed - tolerance ? 1 : 0;
            atMost += d <= observed + tolerance ? 1 : 0;
        }

        return (MonteCarloPValue(atLeast, atMost, simulations), sum / simulations);
    }

    /// <summary>The runs with a task answer, the only ones with counts to test.</summary>
    internal static RunOutcome[] Tested(IReadOnlyList<RunOutcome> runs)
    {
        var tested = runs.Where(r => r.TaskAnswers > 0).ToArray();
        return tested.Length == 0
            ? throw new ArgumentException("No run has a task answer, so there are no counts to test.", nameof(runs))
            : tested;
    }

    /// <summary>D = Σ_r d_r of <paramref name="tested"/> about the urn started at <paramref name="a"/>.</summary>
    internal static double Observed(RunOutcome[] tested, double[] a)
    {
        var statistic = new RunStatistic(a);
        var observed = 0.0;
        foreach (var run in tested)
        {
            observed += statistic.Of(run.TaskCounts.ToArray());
        }

        return observed;
    }

    /// <summary>
    /// Reference values of D equal to the observed one up to rounding count in both tails (conservative), so that
    /// summing the same terms in another order cannot move a tie into one tail only.
    /// </summary>
    internal static double Tolerance(double observed) => 1e-9 * Math.Max(1, observed);

    /// <summary>2·(1 + the smaller tail count) / (1 + M), at most 1: the two-sided Monte Carlo p-value.</summary>
    internal static double MonteCarloPValue(int atLeast, int atMost, int simulations) =>
        Math.Min(1, 2 * (1.0 + Math.Min(atLeast, atMost)) / (1.0 + simulations));

    /// <summary>
    /// 2·Φ(−|D − E[D]| / sd(D)): the runs' terms are independent, so D's variance is the sum of theirs, one exact
    /// variance per distinct run length. Where that variance is 0 (every count vector gives the same d, as for one
    /// answer from equal shares) D can only equal its mean under the urn.
    /// </summary>
    internal static double NormalPValue(RunOutcome[] tested, double[] a, double observed, double tolerance)
    {
        var mean = 0.0;
        var variance = 0.0;
        foreach (var group in tested.GroupBy(r => r.TaskAnswers))
        {
            var moments = DispersionMoments.Of(a, group.Key);
            var n = group.Count();
            mean += n * moments.Mean;
            variance += n * moments.Variance;
        }

        var deviation = Math.Abs(observed - mean);
        if (deviation <= tolerance)
        {
            return 1;
        }

        return variance <= 0 ? 0 : Math.Min(1, 2 * Normal.CDF(0, 1, -deviation / Math.Sqrt(variance)));
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

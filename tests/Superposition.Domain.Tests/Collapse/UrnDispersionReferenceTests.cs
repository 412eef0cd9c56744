using Superposition.Collapse;
using Superposition.Randomness;

namespace Superposition.Domain.Tests.Collapse;

public sealed class UrnDispersionReferenceTests
{
    [Theory]
    [InlineData(new[] { 2.0, 3.0 }, 0.0)]
    [InlineData(new[] { 4.0, 4.0, 8.0 }, 0.2)]
    public void Monte_Carlo_p_values_agree_in_distribution_with_the_turn_by_turn_reference(double[] a, double otherRate)
    {
        // The same 300 calibrated data sets tested against both references: the two p-values of a data set
        // estimate the same p from 199 draws each, so they differ by Monte Carlo noise alone (mean |Δp| about
        // 0.04 at M = 199), and their distributions over the data sets agree (two-sample Kolmogorov–Smirnov,
        // critical value 1.95 · sqrt(2 / 300) = 0.159 at α = 0.001).
        const int Sets = 300;
        const int Simulations = 199;
        var model = new UrnModel(a, otherRate: otherRate);
        var before = new double[Sets];
        var after = new double[Sets];
        for (var s = 0; s < Sets; s++)
        {
            var runs = UrnSimulator.Simulate(model, 20, 30, seed: 1000 + s).Runs;
            before[s] = TurnByTurnDispersion.PValue(runs, a, Simulations, seed: s);
            after[s] = UrnDispersion.Test(runs, a, Simulations, seed: s).PValue;
        }

        var meanDifference = before.Zip(after, (x, y) => Math.Abs(x - y)).Average();
        Assert.True(meanDifference < 0.06, $"mean |Δp| = {meanDifference}");
        Assert.True(KolmogorovSmirnov(before, after) < 0.159, $"KS distance {KolmogorovSmirnov(before, after)}");
    }

    [Fact]
    public void Normal_p_values_reject_five_percent_of_calibrated_data_sets_at_the_switch_point()
    {
        // 600 data sets of R = NormalReferenceRuns calibrated runs: the rejection rate at 5% has binomial sd 0.89%,
        // so a calibrated reference lands in [3%, 7%] (± 2.2 sd); a reference with the wrong variance would not
        // (a variance off by 20% gives 2.7% or 8.3%).
        const int Sets = 600;
        double[] a = [3, 3];
        var sampler = new DirichletMultinomialSampler(a);
        var random = Seeds.Create(70, "test");
        var counts = new int[2];
        var rejected = 0;
        for (var s = 0; s < Sets; s++)
        {
            var runs = new RunOutcome[UrnDispersion.NormalReferenceRuns];
            for (var r = 0; r < runs.Length; r++)
            {
                sampler.Sample(random, 200, counts);
                runs[r] = new RunOutcome(counts);
            }

            rejected += UrnDispersion.Test(runs, a, 1, seed: s).PValue < 0.05 ? 1 : 0;
        }

        Assert.InRange(rejected / (double)Sets, 0.03, 0.07);
    }

    [Theory]
    [InlineData(1.0, 71)]
    [InlineData(1.0, 72)]
    [InlineData(1.02, 73)]
    public void Normal_and_Monte_Carlo_p_values_agree_at_the_switch_point(double beta, int seed)
    {
        // At β = 1.02 the runs are slightly over-dispersed, so p falls in the range where the two must agree.
        double[] a = [3, 3];
        var runs = UrnSimulator.Simulate(new UrnModel(a, beta), 50, UrnDispersion.NormalReferenceRuns, seed).Runs;

        var normal = UrnDispersion.Test(runs, a, 999, seed, DispersionReference.Normal);
        var monteCarlo = UrnDispersion.Test(runs, a, 999, seed, DispersionReference.MonteCarlo);

        Assert.Equal(DispersionReference.Normal, normal.Reference);
        Assert.Equal(normal.Statistic, monteCarlo.Statistic);
        Assert.True(Math.Abs(normal.PValue - monteCarlo.PValue) < 0.05, $"normal p = {normal.PValue}, Monte Carlo p = {monteCarlo.PValue}");
    }

    [Fact]
    public void The_reference_switches_to_normal_at_the_switch_point()
    {
        double[] a = [3, 3];
        var runs = UrnSimulator.Simulate(UrnModel.Linear(a), 10, UrnDispersion.NormalReferenceRuns, seed: 74).Runs;

        var below = UrnDispersion.Test(runs.Skip(1).ToArray(), a, 99, seed: 75);
        var at = UrnDispersion.Test(runs, a, 99, seed: 75);

        Assert.Equal((DispersionReference.MonteCarlo, 99), (below.Reference, below.Simulations));
        Assert.Equal((DispersionReference.Normal, 0), (at.Reference, at.Simulations));
    }

    [Fact]
    public void The_normal_reference_gives_p_values_below_the_Monte_Carlo_floor_for_collapsing_runs()
    {
        double[] a = [10, 10];
        var runs = UrnSimulator.Simulate(new UrnModel(a, beta: 1.5), 50, UrnDispersion.NormalReferenceRuns, seed: 76).Runs;

        var test = UrnDispersion.Test(runs, a, UrnDispersion.DefaultSimulations, seed: 77);

        Assert.True(test.Ratio > 1.2, $"ratio {test.Ratio}");
        Assert.True(test.PValue < 1e-10, $"p = {test.PValue}");
    }

    private static double KolmogorovSmirnov(double[] x, double[] y)
    {
        var values = x.Concat(y).Distinct().Order();
        return values.Max(v => Math.Abs((x.Count(p => p <= v) / (double)x.Length) - (y.Count(p => p <= v) / (double)y.Length)));
    }
}

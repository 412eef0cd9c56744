using Superposition.Metrics;

namespace Superposition.Domain.Tests.Metrics;

public sealed class EqualKlExplainerTests
{
    private static readonly double[] Uniform6 = [.. Enumerable.Repeat(1.0 / 6, 6)];

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.5)]
    [InlineData(5)]
    public void Every_example_is_a_distribution_with_exactly_the_requested_KL(double kl)
    {
        var examples = EqualKlExplainer.Explain([0.1, 0.1, 0.5, 0.1, 0.1, 0.1], kl);
        Assert.Equal(["sparse", "spike", "one-near-zero", "geometric"], examples.Select(e => e.Shape));
        Assert.All(examples, e =>
        {
            Assert.Equal(1.0, e.Probabilities.Sum(), 9);
            Assert.All(e.Probabilities, p => Assert.InRange(p, 0, 1));
            Assert.Equal(kl, CalibrationKl.Compute([0.1, 0.1, 0.5, 0.1, 0.1, 0.1], e.Probabilities).KlRaw, 8);
        });
    }

    [Fact]
    public void For_uniform_six_tasks_and_KL_one_and_a_half_the_shapes_reproduce_the_research_notes_P1_to_P4()
    {
        var byShape = EqualKlExplainer.Explain(Uniform6, 1.5).ToDictionary(e => e.Shape, e => e.Probabilities);

        // P1: three tasks at about 0.004, three at about 0.33.
        Assert.All(byShape["sparse"].Take(3), p => Assert.InRange(p, 0.003, 0.005));
        Assert.All(byShape["sparse"].Skip(3), p => Assert.InRange(p, 0.32, 0.34));

        // P2: one task at about 0.9, five at about 0.02.
        Assert.InRange(byShape["spike"][5], 0.89, 0.91);

        // P3: one task near 1e-5, five at about 0.2.
        Assert.InRange(byShape["one-near-zero"][0], 1e-6, 1e-4);

        // P4: an increasing ladder whose top takes most of the mass.
        var ladder = byShape["geometric"];
        Assert.True(ladder.Zip(ladder.Skip(1)).All(p => p.First < p.Second));
        Assert.InRange(ladder[5], 0.6, 0.8);
    }

    [Fact]
    public void KL_zero_is_explained_by_the_target_itself() =>
        Assert.All(EqualKlExplainer.Explain([0.2, 0.8], 0), e => Approx.Equal([0.2, 0.8], e.Probabilities, 0));

    [Fact]
    public void Shapes_that_coincide_for_two_tasks_are_shown_once() =>
        Assert.Single(EqualKlExplainer.Explain([0.5, 0.5], 1.0));

    [Fact]
    public void Negative_or_infinite_KL_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EqualKlExplainer.Explain(Uniform6, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EqualKlExplainer.Explain(Uniform6, double.PositiveInfinity));
    }
}

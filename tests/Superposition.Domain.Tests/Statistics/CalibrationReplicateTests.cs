using Superposition.Statistics;
using static Superposition.Tests.Statistics.CalibrationData;

namespace Superposition.Tests.Statistics;

public sealed class CalibrationReplicateTests
{
    private static (CalibrationRows Rows, List<CalibrationMoments> Segments, int Prompts) Prepare(List<IReadOnlyList<CalibrationObservation>> prompts, CalibrationIntercept intercept)
    {
        var rows = CalibrationRows.From(prompts.SelectMany(p => p), TaskCount, intercept);
        var promptOfRow = prompts.SelectMany((p, i) => Enumerable.Repeat(i, p.Count)).ToArray();
        return (rows, CalibrationMoments.Of(rows.Rows, promptOfRow, TaskCount), prompts.Count);
    }

    [Theory]
    [InlineData(CalibrationIntercept.PerGroup)]
    [InlineData(CalibrationIntercept.Global)]
    public void Drawing_every_prompt_once_reproduces_the_full_fit_beta(CalibrationIntercept intercept)
    {
        var prompts = Generate(1.7, RandomBiases(1), promptsPerMixture: 8, AllMixtures, seed: 1, noise: 0.4);
        var (rows, segments, count) = Prepare(prompts, intercept);

        var beta = CalibrationReplicate.Beta(segments, Enumerable.Repeat(1, count).ToArray(), TaskCount, rows.GroupNames.Count);

        Assert.Equal(CalibrationExponent.Fit(prompts.SelectMany(p => p), TaskCount, intercept).Beta, beta!.Value, 1e-10);
    }

    [Fact]
    public void Drawing_per_distribution_groups_with_multiplicities_equals_refitting_the_duplicated_rows()
    {
        // Groups = distributions (several prompts per group), some prompts drawn twice or not at all.
        var prompts = Generate(0.6, RandomBiases(2), promptsPerMixture: 5, AllMixtures, seed: 2, noise: 0.4)
            .Select(p => (IReadOnlyList<CalibrationObservation>)p.Select(o => o with { Group = o.Group[..2] }).ToArray())
            .ToList();
        var draws = Enumerable.Range(0, prompts.Count).Select(i => i % 3).ToArray();
        var duplicated = prompts.SelectMany((p, i) => Enumerable.Repeat(p, draws[i]).SelectMany(x => x));
        var (rows, segments, _) = Prepare(prompts, CalibrationIntercept.PerGroup);

        var beta = CalibrationReplicate.Beta(segments, draws, TaskCount, rows.GroupNames.Count);

        Assert.Equal(CalibrationExponent.Fit(duplicated, TaskCount).Beta, beta!.Value, 1e-10);
    }

    [Fact]
    public void A_resample_of_uniform_prompts_only_is_not_identifiable()
    {
        var prompts = Generate(1, RandomBiases(3), promptsPerMixture: 4, ["D1", "D2"], seed: 3, noise: 0.2);
        var (rows, segments, count) = Prepare(prompts, CalibrationIntercept.PerGroup);
        var onlyD1 = Enumerable.Range(0, count).Select(i => i < 4 ? 2 : 0).ToArray();
        var onlyD2 = Enumerable.Range(0, count).Select(i => i < 4 ? 0 : 2).ToArray();

        Assert.Null(CalibrationReplicate.Beta(segments, onlyD1, TaskCount, rows.GroupNames.Count));
        Assert.Null(CalibrationReplicate.Beta(segments, onlyD2, TaskCount, rows.GroupNames.Count));
    }
}

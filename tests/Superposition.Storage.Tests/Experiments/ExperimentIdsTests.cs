using Superposition.Storage.Experiments;

namespace Superposition.Storage.Tests.Experiments;

public sealed class ExperimentIdsTests
{
    [Fact]
    public void New_id_is_name_time_and_suffix_and_valid()
    {
        var id = ExperimentIds.New("fig6-numbers", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        Assert.Matches("^fig6-numbers-20250102-030405-[0-9a-f]{6}$", id);
        Assert.True(ExperimentIds.IsValid(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("UPPER")]
    [InlineData("-leading")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("a b")]
    public void Malformed_ids_are_invalid(string id) => Assert.False(ExperimentIds.IsValid(id));

    [Fact]
    public void Nightly_id_is_the_same_for_one_parent_and_day_and_differs_by_parent()
    {
        var day = new DateOnly(2025, 3, 4);
        Assert.Equal(ExperimentIds.Nightly("n", "n-1", day), ExperimentIds.Nightly("n", "n-1", day));
        Assert.NotEqual(ExperimentIds.Nightly("n", "n-1", day), ExperimentIds.Nightly("n", "n-2", day));
        Assert.StartsWith("n-20250304-nightly-", ExperimentIds.Nightly("n", "n-1", day), StringComparison.Ordinal);
    }
}

using Superposition.Storage.Layout;

namespace Superposition.Storage.Tests.Layout;

public sealed class BlobLayoutTests
{
    [Theory]
    [InlineData("reference-calibrated")]
    [InlineData("qwen2:7b")]
    [InlineData("org/model=v1,2")]
    [InlineData("reference:beta=2,alpha=0.5")]
    [InlineData("~tilde~7E")]
    [InlineData(".hidden")]
    [InlineData("..")]
    [InlineData("模型 v2")]
    public void Encoded_segment_is_safe_and_decodes_to_the_name(string name)
    {
        var segment = PathSegment.Encode(name);
        Assert.Matches("^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$", segment);
        Assert.Equal(name, PathSegment.Decode(segment));
    }

    [Fact]
    public void Reserved_characters_are_written_as_tilde_and_hex()
    {
        Assert.Equal("qwen2~3A7b", PathSegment.Encode("qwen2:7b"));
        Assert.Equal("a~2Fb~3Dc~2Cd", PathSegment.Encode("a/b=c,d"));
        Assert.Equal("~2Eenv", PathSegment.Encode(".env"));
        Assert.Equal("v1.5", PathSegment.Encode("v1.5"));
    }

    [Fact]
    public void Result_path_round_trips_to_its_work_item()
    {
        var item = new WorkItem("fig6-20250101-000000-abcdef", "org/m:7b", "skewed", 42);
        var path = BlobLayout.Result(item);
        Assert.Equal("experiments/fig6-20250101-000000-abcdef/results/org~2Fm~3A7b/skewed/00042.json", path);
        Assert.Equal(item, BlobLayout.ParseItem(path));
        Assert.Equal(item, BlobLayout.ParseItem(BlobLayout.Failure(item)));
        Assert.Null(BlobLayout.ParseItem(BlobLayout.Summary(item.Experiment)));
        Assert.Null(BlobLayout.ParseItem(BlobLayout.PlanFailure(item.Experiment)));
    }

    [Fact]
    public void Result_paths_of_one_model_and_distribution_sort_in_prompt_order()
    {
        var paths = Enumerable.Range(0, 1200).Select(i => BlobLayout.Result(new WorkItem("e", "m", "D1", i))).ToList();
        Assert.Equal(paths, paths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Malformed_escape_is_a_format_error_naming_the_segment()
    {
        var e = Assert.Throws<FormatException>(() => PathSegment.Decode("ab~4"));
        Assert.Contains("ab~4", e.Message, StringComparison.Ordinal);
    }
}

using Superposition.Scores;
using Superposition.Specs;
using Superposition.Storage.Documents;
using Superposition.Storage.Experiments;
using Superposition.Storage.Layout;
using Superposition.Storage.Stores;

namespace Superposition.Storage.Tests.Documents;

/// <summary>
/// Result documents written before the prefix-inclusive measure was recorded (format version 1, one measure chosen by
/// its terminator flag) are still read, as the measure they hold, so an experiment resumed or aggregated across the
/// change loses none of its results.
/// </summary>
public sealed class PromptResultDocumentsTests : IDisposable
{
    // As version 1 wrote it: one log-probability per candidate, the KL numbers at the top, and the terminator flag.
    private const string Version1 = """
        {"version":1,"experiment":"note","model":"reference-leaky","distribution":"D1","promptIndex":3,
         "tasks":["country.capital","country.first-letter"],"counts":[6,6],"target":[0.5,0.5],"question":"Italy",
         "candidates":[{"task":"country.capital","answer":"Rome","logProbability":-2.2072749131897207,"exactness":"exact"},
                       {"task":"country.first-letter","answer":"I","logProbability":-2.2072749131897207,"exactness":"bound"}],
         "klRaw":1.5141277326297755,"klNormalized":0,"validMass":0.22,"exact":false,"strategy":"echo","terminator":TERMINATOR,
         "cost":{"requests":1,"promptTokens":300,"cachedTokens":0,"completionTokens":0,"latencyMilliseconds":12.5},
         "scoredAt":"2026-11-28T10:00:00+00:00"}
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "superposition-v1-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void A_version_1_result_with_terminator_is_read_as_the_terminated_measure_alone()
    {
        var result = PromptResultDocuments.FromData(BinaryData.FromString(Version1.Replace("TERMINATOR", "true", StringComparison.Ordinal)), "v1.json");

        Assert.Equal(2, result.Version);
        Assert.Equal(1.5141277326297755, result.Terminated!.KlRaw, 15);
        Assert.Equal(0.22, result.Terminated.ValidMass, 15);
        Assert.False(result.Terminated.Exact);
        Assert.Null(result.Prefix);
        Assert.Equal(Exactness.Bound, result.Candidates[1].Terminated!.Exactness);
        Assert.All(result.Candidates, c => Assert.Null(c.Prefix));
        Assert.Equal(Tokenization.Separate, result.Tokenization);
    }

    [Fact]
    public void A_version_1_result_without_terminator_is_read_as_the_prefix_inclusive_measure()
    {
        var result = PromptResultDocuments.FromData(BinaryData.FromString(Version1.Replace("TERMINATOR", "false", StringComparison.Ordinal)), "v1.json");

        Assert.Null(result.Terminated);
        Assert.Equal(1.5141277326297755, result.Prefix!.KlRaw, 15);
        Assert.Equal(-2.2072749131897207, result.Candidates[0].Prefix!.LogProbability, 15);
    }

    [Fact]
    public void An_unknown_version_is_an_error_naming_the_document_and_the_versions_read()
    {
        var e = Assert.Throws<InvalidDataException>(() => PromptResultDocuments.FromData(BinaryData.FromString("""{"version":7}"""), "results/x.json"));

        Assert.Contains("results/x.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("version 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_store_streams_version_1_results_beside_version_2_ones()
    {
        var store = new ExperimentStore(new LocalFolderResultStore(_folder));
        var item = new WorkItem("note", "reference-leaky", "D1", 3);
        await store.Store.WriteAsync(BlobLayout.Result(item), BinaryData.FromString(Version1.Replace("TERMINATOR", "true", StringComparison.Ordinal)), default);

        var read = await store.ReadResultsAsync("note", prefetch: 4, default).ToListAsync();
        var single = await store.GetResultAsync(item, default);

        Assert.Equal(0.22, Assert.Single(read).Terminated!.ValidMass, 15);
        Assert.Equal(0.22, single!.Terminated!.ValidMass, 15);
    }
}

using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Superposition.Engine.Aggregation;
using Superposition.Engine.Planning;
using Superposition.Storage.Documents;
using Superposition.Storage.Experiments;
using Superposition.Storage.Stores;
using Superposition.Summaries;

namespace Superposition.Engine.Tests.Aggregation;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ExperimentAggregatorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Summary_of_a_folder_and_of_blobs_with_the_same_results_are_identical()
    {
        // Streaming order is path order on both stores, so the bootstrap intervals agree to the last digit.
        const string id = "small-20250601-120000-abcdef";
        var spec = Specs.Small(prompts: 6);
        var blobs = new ExperimentStore(new BlobResultStore(await azurite.NewContainerAsync("engine-agg")));
        var folder = Path.Combine(Path.GetTempPath(), "superposition-agg-" + Guid.NewGuid().ToString("N"));
        try
        {
            var local = new ExperimentStore(new LocalFolderResultStore(folder));
            var record = new ExperimentRecord(ExperimentRecord.CurrentVersion, id, spec.Name, _time.GetUtcNow(), false, null);
            foreach (var store in new[] { blobs, local })
            {
                Assert.True(await store.CreateAsync(record, spec, default));
            }

            // Written in reverse, so that agreeing summaries cannot come from the order of writing.
            foreach (var item in WorkPlan.Expand(id, spec).Reverse())
            {
                var result = SyntheticResults.For(spec, item, mass: item.Prompt % 2 == 0 ? 0.5 : 0.9);
                Assert.True(await blobs.TryCreateResultAsync(item, result, default));
                Assert.True(await local.TryCreateResultAsync(item, result, default));
            }

            var fromBlobs = await Aggregator(blobs).AggregateAsync(id, default);
            var fromFolder = await Aggregator(local).AggregateAsync(id, default);

            Assert.Equal(24, fromBlobs!.Results);
            Assert.Equal(Json(fromBlobs), Json(fromFolder!));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private ExperimentAggregator Aggregator(ExperimentStore store) => new(store, _time, NullLogger<ExperimentAggregator>.Instance);

    private static string Json(ExperimentSummary summary) => JsonSerializer.Serialize(summary, StorageJson.Options);
}

using Superposition.LanguageModels;
using Superposition.OnnxModel.Inference;

namespace Superposition.OnnxModel.Tests.Inference;

/// <summary>One model shared by concurrent callers, as the protocol server shares it between requests.</summary>
public sealed class ConcurrentScoringTests
{
    public static TheoryData<string> Layouts => [Fixtures.Plain, Fixtures.Cached];

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Sixteen_concurrent_Score_calls_give_the_sequential_results(string fixture)
    {
        var texts = Enumerable.Range(0, 16).Select(i => $"France -> Paris\n{i} -> {i * i}\nItaly ->").ToArray();
        List<IReadOnlyList<ScoredSequence>> sequential;
        IReadOnlyList<IReadOnlyList<int>>[] requests;
        using (var alone = OnnxLanguageModel.Load(Fixtures.Folder(fixture), new OnnxModelOptions(PrefixCacheBytes: 0)))
        {
            // Each request is an echo-shaped batch (two candidates), so shared prefixes and the prefix cache are both exercised.
            requests = [.. texts.Select(t => (IReadOnlyList<IReadOnlyList<int>>)[[.. alone.Tokenizer.Encode(t), 32, 311], [.. alone.Tokenizer.Encode(t), 282]])];
            sequential = [.. requests.Select(alone.Score)];
        }

        using var shared = OnnxLanguageModel.Load(Fixtures.Folder(fixture));
        using var start = new Barrier(requests.Length);
        var threads = requests.Select(r => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                return shared.Score(r);
            },
            TaskCreationOptions.LongRunning)).ToArray();
        var results = await Task.WhenAll(threads).WaitAsync(TimeSpan.FromSeconds(120));

        for (var i = 0; i < requests.Length; i++)
        {
            var concurrent = results[i];
            for (var row = 0; row < requests[i].Count; row++)
            {
                var expected = sequential[i][row].Tokens;
                var actual = concurrent[row].Tokens;
                Assert.Equal(expected.Select(t => t.Token), actual.Select(t => t.Token));
                for (var t = 1; t < expected.Count; t++)
                {
                    Exactness.AssertClose(Math.Exp(expected[t].Logprob!.Value), Math.Exp(actual[t].Logprob!.Value));
                }
            }
        }

        Assert.Equal(requests.Sum(r => r.Count), shared.Stats.ScoredSequences);
    }
}

using MathNet.Numerics.Random;
using Superposition.ModelServer.Sampling;
using Superposition.ReferenceModel.Model;

namespace Superposition.ModelServer.Tests.Sampling;

public sealed class TokenSamplerTests
{
    [Fact]
    public void Sampling_at_temperature_one_reproduces_the_designed_answer_probabilities_within_five_sigma()
    {
        var model = new ReferenceLanguageModel(ReferenceModelParameters.Leaky, ReferenceTokenizer.Shared);
        var prompt = Fig6.Prompt("D2");
        var start = model.Score(model.Tokenizer.Encode(prompt.Text)).Continue;
        var random = new MersenneTwister(12345, threadSafe: false);
        const int draws = 4000;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < draws; k++)
        {
            var text = TokenGenerator.Generate(start, model.Tokenizer, 32, 1.0, random, [], false).Text;
            counts[text] = counts.GetValueOrDefault(text) + 1;
        }

        var designed = Fig6.Designed(prompt, model.Parameters);
        for (var i = 0; i < designed.Length; i++)
        {
            AssertWithin(counts.GetValueOrDefault(prompt.Candidates[i].Answer + "\n"), draws, designed[i]);
        }

        AssertWithin(AnswerDistribution.OtherContinuations.Sum(o => counts.GetValueOrDefault(o + "\n")), draws, 0.78);
    }

    [Fact]
    public void Temperature_samples_the_first_token_from_softmax_of_logits_over_temperature()
    {
        var model = new ReferenceLanguageModel(ReferenceModelParameters.Calibrated, ReferenceTokenizer.Shared);
        var prompt = Fig6.Prompt("D3");
        var start = model.Score(model.Tokenizer.Encode(prompt.Text)).Continue;
        var next = start.Next;
        const double temperature = 0.5;
        var squares = next.Select(n => n.Probability * n.Probability).ToArray(); // p^(1/T) with T = 0.5
        var random = new MersenneTwister(7, threadSafe: false);
        const int draws = 4000;
        var hits = new int[next.Count];
        for (var k = 0; k < draws; k++)
        {
            hits[TokenSampler.Sample(start.Support, temperature, random)]++;
        }

        for (var i = 0; i < next.Count; i++)
        {
            AssertWithin(hits[i], draws, squares[i] / squares.Sum());
        }

        Assert.Equal(0, TokenSampler.Tempered(start.Support, 0).Skip(1).Sum());
    }

    private static void AssertWithin(int hits, int n, double p)
    {
        var sigma = Math.Sqrt(n * p * (1 - p));
        Assert.InRange(hits, n * p - (5 * sigma) - 1, n * p + (5 * sigma) + 1);
    }
}

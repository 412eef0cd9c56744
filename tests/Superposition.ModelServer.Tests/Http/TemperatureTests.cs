using Superposition.ModelServer.Hosting;
using Superposition.ReferenceModel.Model;

namespace Superposition.ModelServer.Tests.Http;

public sealed class TemperatureTests
{
    [Theory]
    [InlineData(false, 0.5)]
    [InlineData(true, 0.5)]
    [InlineData(true, 1.5)]
    public async Task Served_top_logprobs_are_raw_by_default_and_softmax_of_logits_over_t_when_processed(bool processed, double temperature)
    {
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { LogprobsAfterTemperature = processed });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var prompt = Fig6.Prompt("D3");
        var json = await Wire.OkAsync(client, "v1/completions", new { model = "reference-calibrated", prompt = prompt.Text, logprobs = 20, max_tokens = 1, temperature, seed = 2 });
        var top = json["choices"]![0]!["logprobs"]!["top_logprobs"]![0]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<double>());

        var next = new ReferenceLanguageModel(ReferenceModelParameters.Calibrated, ReferenceTokenizer.Shared).Score(ReferenceTokenizer.Shared.Encode(prompt.Text)).Continue.Next;
        var z = next.Sum(n => Math.Pow(n.Probability, 1 / temperature));
        foreach (var n in next)
        {
            var expected = processed ? Math.Pow(n.Probability, 1 / temperature) / z : n.Probability;
            Assert.Equal(expected, Math.Exp(top[ReferenceTokenizer.Shared.Text(n.Token)]), 1e-9);
        }
    }
}

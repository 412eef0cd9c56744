using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using Superposition.ReferenceModel.Model;

namespace Superposition.ModelServer.Tests.Http;

public sealed class OpenAiSdkTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Official_openai_chat_client_reads_the_reference_models_logprobs()
    {
        var prompt = Fig6.Prompt("D2");
        var client = new ChatClient("reference-calibrated", new ApiKeyCredential("not-needed"), new OpenAIClientOptions { Endpoint = new Uri(fixture.Server.BaseAddress, "v1") });

        ChatCompletion completion = await client.CompleteChatAsync(
            [new UserChatMessage(prompt.Text)],
            new ChatCompletionOptions { IncludeLogProbabilities = true, TopLogProbabilityCount = 20, Temperature = 1f });

        Assert.Contains(completion.Content[0].Text, prompt.Candidates.Select(c => c.Answer + "\n"));
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        var tokens = completion.ContentTokenLogProbabilities;
        Assert.Equal(completion.Content[0].Text, string.Concat(tokens.Select(t => t.Token)));

        // The first token's top list is the model's whole first-token distribution, read through the SDK.
        var model = new ReferenceLanguageModel(ReferenceModelParameters.Calibrated, ReferenceTokenizer.Shared);
        var next = model.Score(ReferenceTokenizer.Shared.Encode(prompt.Text)).Continue.Next;
        var top = tokens[0].TopLogProbabilities;
        Assert.Equal(next.Count, top.Count);
        for (var i = 0; i < next.Count; i++)
        {
            Assert.Equal(ReferenceTokenizer.Shared.Text(next[i].Token), top[i].Token);
            Assert.Equal(Math.Log(next[i].Probability), top[i].LogProbability, 5); // the SDK reads logprobs as float
        }

        Assert.True(completion.Usage.InputTokenCount > 0);
    }
}

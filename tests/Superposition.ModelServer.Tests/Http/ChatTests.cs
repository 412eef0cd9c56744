using Superposition.ReferenceModel.Model;

namespace Superposition.ModelServer.Tests.Http;

public sealed class ChatTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Chat_reply_continues_the_user_prompt_and_top_logprobs_give_the_first_token_distribution()
    {
        var prompt = Fig6.Prompt("D2");
        var json = await Wire.OkAsync(_client, "v1/chat/completions", new
        {
            model = "reference-calibrated",
            messages = new[] { new { role = "user", content = prompt.Text } },
            logprobs = true,
            top_logprobs = 20,
            seed = 5,
        });

        var choice = json["choices"]![0]!;
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Contains(choice["message"]!["content"]!.GetValue<string>(), prompt.Candidates.Select(c => c.Answer + "\n"));
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        var first = choice["logprobs"]!["content"]![0]!;
        var mass = first["top_logprobs"]!.AsArray().Sum(t => Math.Exp(t!["logprob"]!.GetValue<double>()));
        Assert.Equal(1.0, mass, 1e-9); // six answers: the whole first-token support fits in the top 20
        Assert.NotEmpty(first["bytes"]!.AsArray());
    }

    [Fact]
    public async Task Assistant_prefill_with_prompt_logprobs_scores_the_answer_exactly()
    {
        var prompt = Fig6.Prompt("D3");
        var designed = Fig6.Designed(prompt, ReferenceModelParameters.Sharp);
        var context = await Wire.CountTokensAsync(_client, prompt.Text);
        for (var i = 0; i < designed.Length; i++)
        {
            var json = await Wire.OkAsync(_client, "v1/chat/completions", new
            {
                model = "reference-sharp",
                messages = new[] { new { role = "user", content = prompt.Text }, new { role = "assistant", content = prompt.Candidates[i].Answer + "\n" } },
                continue_final_message = true,
                add_generation_prompt = false,
                prompt_logprobs = 0,
                max_tokens = 1,
            });

            var entries = json["prompt_logprobs"]!.AsArray();
            Assert.Null(entries[0]);
            var logprob = entries.Skip(context).Sum(e => e!.AsObject().Single().Value!["logprob"]!.GetValue<double>());
            Assert.Equal(designed[i], Math.Exp(logprob), 1e-9);
        }
    }

    [Fact]
    public async Task Prefill_with_generation_prompt_too_is_a_400_as_in_vllm()
    {
        var (status, body, _) = await Wire.PostAsync(_client, "v1/chat/completions", new
        {
            model = "reference-calibrated",
            messages = new[] { new { role = "user", content = "France->" }, new { role = "assistant", content = "Pa" } },
            continue_final_message = true,
            add_generation_prompt = true,
        });
        Assert.Equal(400, status);
        Wire.AssertOpenAiError(body);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Superposition.OnnxModel.Inference;

namespace Superposition.Cli.Tests.Commands;

public sealed class ServeModelCommandTests
{
    private static string Folder => FixtureFolder("gpt2-tiny-kv");

    private static string FixtureFolder(string fixture) => Path.Combine(AppContext.BaseDirectory, "fixtures", "onnx", fixture);

    [Theory]
    [InlineData("gpt2-tiny-kv")]
    [InlineData("llama-tiny-kv")]
    public async Task Serve_model_lists_the_named_model_and_echoes_the_sessions_logprobs_of_a_prompt_then_exits_zero(string fixture)
    {
        var folder = FixtureFolder(fixture);
        var port = ServeReferenceCommandTests.FreePort();
        using var stop = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var running = CliApp.RunAsync(["serve-model", "--model", folder, "--name", "tiny", "--threads", "1", "--urls", $"http://127.0.0.1:{port}"], stdout, stderr, stop.Token);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        var models = await ServeReferenceCommandTests.PollAsync(() => http.GetStringAsync(new Uri("v1/models", UriKind.Relative)), running);
        using (var json = JsonDocument.Parse(models))
        {
            Assert.Equal(["tiny"], json.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        }

        using var response = await http.PostAsJsonAsync(new Uri("v1/completions", UriKind.Relative), new { model = "tiny", prompt = "Italy ->Rome", max_tokens = 1, echo = true, logprobs = 1, temperature = 0 });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var completion = JsonDocument.Parse(body);
        var echoed = completion.RootElement.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("token_logprobs").EnumerateArray()
            .Select(l => l.ValueKind == JsonValueKind.Null ? (double?)null : l.GetDouble()).ToList();

        using var model = OnnxLanguageModel.Load(folder);
        // A text prompt gets the tokenizer's special tokens (the Llama's BOS; none for GPT-2), as vLLM adds them.
        var text = model.Tokenizer.Encode("Italy ->Rome");
        var tokens = model.Tokenizer.WithSpecialTokens(text);
        Assert.Equal(tokens.Length + 1, echoed.Count); // the prompt's tokens, then the one generated
        var direct = model.Score([tokens])[0].Tokens;
        Assert.Null(echoed[0]);
        for (var t = 1; t < tokens.Length; t++)
        {
            Assert.Equal(direct[t].Logprob!.Value, echoed[t]!.Value, 5);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains($"127.0.0.1:{port}", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_model_with_a_folder_that_does_not_exist_is_bad_input_naming_the_folder() =>
        (await CliRun.Of(["serve-model", "--model", "no-such-model-folder"])).AssertBadInput("the model folder does not exist");

    [Fact]
    public async Task Serve_model_with_zero_threads_is_bad_input() =>
        (await CliRun.Of(["serve-model", "--model", Folder, "--threads", "0"])).AssertBadInput("--threads");

    [Fact]
    public async Task Serve_model_takes_the_fault_options_of_serve_reference_and_a_full_error_rate_answers_500_or_503()
    {
        var port = ServeReferenceCommandTests.FreePort();
        using var stop = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var running = CliApp.RunAsync(["serve-model", "--model", Folder, "--name", "tiny", "--threads", "1", "--urls", $"http://127.0.0.1:{port}", "--error-rate", "1", "--fault-seed", "7"], stdout, stderr, stop.Token);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        // /health is never faulted: it says when the server is up.
        await ServeReferenceCommandTests.PollAsync(() => http.GetStringAsync(new Uri("health", UriKind.Relative)), running);
        using var response = await http.PostAsJsonAsync(new Uri("v1/completions", UriKind.Relative), new { model = "tiny", prompt = "Italy ->", max_tokens = 1 });

        Assert.Contains((int)response.StatusCode, new[] { 500, 503 });
        await stop.CancelAsync();
        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Serve_model_with_an_error_rate_over_one_is_bad_input_naming_the_option() =>
        (await CliRun.Of(["serve-model", "--model", Folder, "--error-rate", "1.5"])).AssertBadInput("--error-rate");
}

using System.Text;
using Superposition.Scoring.Resilience;

namespace Superposition.Scoring.Tests.Resilience;

public sealed class JsonValidationHandlerTests
{
    [Theory]
    [InlineData("{\"choices\":[{\"text\":\"x\",\"logprobs\":{\"token_logprobs\":[null,-0.5]}}]}")]
    [InlineData("  {\"a\": [1, 2.5e-3, true, null, \"\\u00e9\"]}\r\n\t ")]
    [InlineData("[]")]
    [InlineData("42")]
    public async Task One_complete_json_value_passes(string body)
    {
        var (document, problem) = await JsonValidationHandler.TryParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), CancellationToken.None);
        using (document)
        {
            Assert.NotNull(document);
            Assert.Null(problem);
        }
    }

    [Theory]
    [InlineData("{\"choices\":[{\"text\":\"x\",\"logprobs\":{\"token_logprobs\":[null,-0.")]
    [InlineData("{\"a\":1}{\"a\":2}")]
    [InlineData("{\"a\":1} trailing")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"a\":1,}")]
    [InlineData("<html>502 Bad Gateway</html>")]
    public async Task A_body_cut_short_garbled_or_followed_by_more_is_rejected_with_a_reason(string body)
    {
        var (document, problem) = await JsonValidationHandler.TryParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), CancellationToken.None);
        Assert.Null(document);
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }
}

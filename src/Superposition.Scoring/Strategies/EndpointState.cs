namespace Superposition.Scoring.Strategies;

/// <summary>What was learned about one model's server at run time, remembered for its later prompts.</summary>
internal sealed class EndpointState
{
    private volatile int _echoMaxTokens;

    /// <summary>max_tokens sent with echo: 0, or 1 once the server rejected 0 (then the generated token is dropped).</summary>
    public int EchoMaxTokens => _echoMaxTokens;

    public void EchoNeedsOneToken() => _echoMaxTokens = 1;
}

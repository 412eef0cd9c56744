namespace Superposition.Scoring.Backends;

/// <summary>The convention of served log-probabilities: JSON has no −∞, so vLLM (and the suite's server) write −9999.</summary>
public static class ServedLogprobs
{
    /// <summary>vLLM's floor for a zero probability; anything at or below it is probability 0.</summary>
    public const double ZeroFloor = -9999.0;

    /// <summary>A served logprob as a log-probability: at or below −9999 is −∞, and nothing is above 0.</summary>
    public static double Normalize(double logprob) => logprob <= ZeroFloor ? double.NegativeInfinity : Math.Min(0, logprob);
}

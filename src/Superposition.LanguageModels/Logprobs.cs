namespace Superposition.LanguageModels;

/// <summary>Conventions of served log-probabilities shared by every model.</summary>
public static class Logprobs
{
    /// <summary>Log-probability served for a token of probability 0 (JSON has no −∞; vLLM uses the same floor).</summary>
    public const double Zero = -9999.0;

    /// <summary>ln p, or <see cref="Zero"/> when p is 0.</summary>
    public static double Of(double probability) => probability > 0 ? Math.Log(probability) : Zero;
}

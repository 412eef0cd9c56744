using Superposition.Distributions;
using Superposition.Randomness;
using Superposition.Statistics;

namespace Superposition.Domain.Tests.Statistics;

/// <summary>
/// Synthetic observations from a model that answers task i with weight D_i^β·e^(b_i), written independently of
/// the fit: P_i = s·w_i / Σ_j w_j with a random valid-answer mass s per prompt (raw P, as the paper scores).
/// </summary>
internal static class CalibrationData
{
    public const int TaskCount = 6;

    public static readonly string[] AllMixtures = ["D1", "D2", "D3"];

    public static double[] Shares(string mixture) =>
        ExampleCounts.For(PaperDistributions.Get(mixture, TaskCount), 60).Select(c => c / 60.0).ToArray();

    public static double[] RandomBiases(int seed)
    {
        var random = Seeds.Create(seed, "test", "biases");
        var b = Enumerable.Range(0, TaskCount).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        var mean = b.Average();
        return b.Select(x => x - mean).ToArray();
    }

    /// <summary>log s − log Σ_j D_j^β e^(b_j): the true per-prompt intercept when Σb = 0.</summary>
    public static double TrueIntercept(double[] shares, double beta, double[] b, double mass) =>
        Math.Log(mass) - Math.Log(shares.Select((d, j) => Math.Pow(d, beta) * Math.Exp(b[j])).Sum());

    /// <summary>One list of observations per prompt; noise is a log-normal factor on P with sd <paramref name="noise"/>, and slopeSpread a per-prompt N(0, sd) added to β.</summary>
    public static List<IReadOnlyList<CalibrationObservation>> Generate(
        double beta, double[] b, int promptsPerMixture, string[] mixtures, int seed, double noise = 0, double slopeSpread = 0)
    {
        var random = Seeds.Create(seed, "test", "calibration-data");
        var prompts = new List<IReadOnlyList<CalibrationObservation>>();
        foreach (var mixture in mixtures)
        {
            var shares = Shares(mixture);
            for (var p = 0; p < promptsPerMixture; p++)
            {
                var mass = 0.1 + (0.9 * random.NextDouble());
                var promptBeta = beta + (slopeSpread * MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1));
                var weights = shares.Select((d, j) => Math.Pow(d, promptBeta) * Math.Exp(b[j])).ToArray();
                var total = weights.Sum();
                prompts.Add(weights
                    .Select((w, j) => new CalibrationObservation(
                        $"{mixture}/{p}",
                        j,
                        shares[j],
                        mass * w / total * Math.Exp(noise * MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1))))
                    .ToArray());
            }
        }

        return prompts;
    }
}

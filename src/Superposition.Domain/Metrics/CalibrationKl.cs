using System.Globalization;
using Superposition.Distributions;

namespace Superposition.Metrics;

/// <summary>
/// KL(D || P) for one prompt, reported three ways (docs/science.md, "Metrics"):
/// <see cref="KlRaw"/> with P as the model gives it (unnormalised; the paper's number when P is the prefix-inclusive
/// measure the authors scored), <see cref="KlNormalized"/> with P renormalised over the tasks (pure calibration),
/// and the valid mass s = Σ P_i, so that KL_raw = KL_norm − log s.
/// </summary>
/// <param name="KlRaw">Σ D_i (log D_i − log P_i); +∞ when some P_i = 0 with D_i &gt; 0.</param>
/// <param name="KlNormalized">Σ D_i (log D_i − log(P_i / s)); +∞ when some P_i = 0 with D_i &gt; 0.</param>
/// <param name="ValidMass">s = Σ P_i, the probability the model puts on any task's answer.</param>
public sealed record CalibrationKl(double KlRaw, double KlNormalized, double ValidMass)
{
    /// <summary>KL from probabilities.</summary>
    public static CalibrationKl Compute(IReadOnlyList<double> target, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        for (var i = 0; i < probabilities.Count; i++)
        {
            var p = probabilities[i];
            if (double.IsNaN(p) || p < 0 || p > 1 + 1e-9)
            {
                throw new DistributionException(string.Create(CultureInfo.InvariantCulture, $"Probability {i} is {p}: probabilities must lie in [0, 1]."), nameof(probabilities));
            }
        }

        return FromLogProbabilities(target, [.. probabilities.Select(p => Math.Log(p))]);
    }

    /// <summary>
    /// KL from log-probabilities, the form endpoints return: exact for probabilities far below double's
    /// smallest normal number. Use <see cref="double.NegativeInfinity"/> for a zero probability.
    /// </summary>
    public static CalibrationKl FromLogProbabilities(IReadOnlyList<double> target, IReadOnlyList<double> logProbabilities)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(logProbabilities);
        if (target.Count != logProbabilities.Count)
        {
            throw new DistributionException(string.Create(CultureInfo.InvariantCulture, $"The target has {target.Count} entries and the model's distribution {logProbabilities.Count}: one per task."), nameof(logProbabilities));
        }

        if (target.Count == 0)
        {
            throw new DistributionException("KL needs at least one task.", nameof(target));
        }

        ValidateTarget(target);
        for (var i = 0; i < logProbabilities.Count; i++)
        {
            var lp = logProbabilities[i];
            if (double.IsNaN(lp) || lp > 1e-9)
            {
                throw new DistributionException(string.Create(CultureInfo.InvariantCulture, $"Log-probability {i} is {lp}: log-probabilities must be ≤ 0 (−∞ for zero)."), nameof(logProbabilities));
            }
        }

        var logMass = LogSumExp(logProbabilities);
        var raw = 0.0;
        for (var i = 0; i < target.Count; i++)
        {
            var d = target[i];
            if (d == 0)
            {
                continue; // 0 · log 0 = 0: tasks absent from the target do not count.
            }

            var lp = logProbabilities[i];
            raw += double.IsNegativeInfinity(lp) ? double.PositiveInfinity : d * (Math.Log(d) - lp);
        }

        // KL_norm = KL_raw + log s (Σ D_i = 1); infinite stays infinite, and s = 0 makes both infinite.
        var normalized = double.IsPositiveInfinity(raw) ? double.PositiveInfinity : Math.Max(0, raw + logMass);
        return new CalibrationKl(raw, normalized, Math.Exp(logMass));
    }

    internal static void ValidateTarget(IReadOnlyList<double> target)
    {
        var sum = 0.0;
        for (var i = 0; i < target.Count; i++)
        {
            if (!double.IsFinite(target[i]) || target[i] < 0)
            {
                throw new DistributionException(string.Create(CultureInfo.InvariantCulture, $"Target weight {i} is {target[i]}: weights must be finite and non-negative."), nameof(target));
            }

            sum += target[i];
        }

        if (Math.Abs(sum - 1) > 1e-6)
        {
            throw new DistributionException(string.Create(CultureInfo.InvariantCulture, $"Target weights sum to {sum:R}, not 1."), nameof(target));
        }
    }

    internal static double LogSumExp(IReadOnlyList<double> logValues)
    {
        var max = double.NegativeInfinity;
        foreach (var v in logValues)
        {
            max = Math.Max(max, v);
        }

        if (double.IsNegativeInfinity(max))
        {
            return double.NegativeInfinity;
        }

        var sum = 0.0;
        foreach (var v in logValues)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }
}

using Superposition.Randomness;

namespace Superposition.Statistics;

/// <summary>
/// Percentile bootstrap intervals of a difference of means between two samples of prompt-level values (a run and
/// its baseline): paired when the same prompts were scored in both (resample prompts, keep each prompt's two values
/// together), unpaired (two-sample) when they were not (resample each sample on its own). Values must be finite:
/// a difference with an infinite KL has no interval, so callers drop those prompts first and say how many.
/// </summary>
public static class MeanDifferenceBootstrap
{
    /// <summary>
    /// Interval of mean(run − baseline) over prompts scored in both: the paired bootstrap, which cancels the
    /// prompt-to-prompt spread that both runs share. <paramref name="run"/>[i] and <paramref name="baseline"/>[i]
    /// are the same prompt's values.
    /// </summary>
    /// <exception cref="ArgumentException">Different lengths, no values, or a value that is not finite.</exception>
    public static Interval Paired(IReadOnlyList<double> run, IReadOnlyList<double> baseline, int seed, int resamples = Bootstrap.DefaultResamples, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(baseline);
        if (run.Count != baseline.Count)
        {
            throw new ArgumentException($"A paired bootstrap needs one baseline value per run value; got {run.Count} and {baseline.Count}.", nameof(baseline));
        }

        CheckFinite(run, nameof(run));
        CheckFinite(baseline, nameof(baseline));
        var differences = new double[run.Count];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = run[i] - baseline[i];
        }

        // One resampling of prompts, the same code as every other mean interval of the suite.
        return Bootstrap.MeanInterval(differences, seed, resamples, confidence);
    }

    /// <summary>
    /// Interval of mean(run) − mean(baseline) for samples of different prompts: each replicate resamples each
    /// sample with replacement from its own stream, so the two draws are independent.
    /// </summary>
    /// <exception cref="ArgumentException">An empty sample, or a value that is not finite.</exception>
    public static Interval Unpaired(IReadOnlyList<double> run, IReadOnlyList<double> baseline, int seed, int resamples = Bootstrap.DefaultResamples, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(baseline);
        if (run.Count == 0 || baseline.Count == 0)
        {
            throw new ArgumentException($"A two-sample bootstrap needs values in both samples; got {run.Count} and {baseline.Count}.", run.Count == 0 ? nameof(run) : nameof(baseline));
        }

        CheckFinite(run, nameof(run));
        CheckFinite(baseline, nameof(baseline));
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        Interval.CheckConfidence(confidence, nameof(confidence));

        var runRandom = Seeds.Create(seed, "bootstrap", "run");
        var baselineRandom = Seeds.Create(seed, "bootstrap", "baseline");
        var runUniforms = new double[run.Count];
        var baselineUniforms = new double[baseline.Count];
        var replicates = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            replicates[r] = ResampledMean(run, runRandom, runUniforms) - ResampledMean(baseline, baselineRandom, baselineUniforms);
        }

        return Percentile.Of(replicates, confidence);
    }

    private static double ResampledMean(IReadOnlyList<double> values, Random random, double[] uniforms)
    {
        Uniforms.Fill(random, uniforms);
        var sum = 0.0;
        for (var j = 0; j < uniforms.Length; j++)
        {
            sum += values[ResampleIndex.FromUniform(uniforms[j], values.Count)];
        }

        return sum / values.Count;
    }

    private static void CheckFinite(IReadOnlyList<double> values, string parameterName)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Value {i} is {values[i]}; a difference of means needs finite values (drop infinite KLs first).", parameterName);
            }
        }
    }
}

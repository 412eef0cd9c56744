using Superposition.Randomness;

namespace Superposition.Statistics;

/// <summary>
/// The calibration exponent (SCIENCE.md section 3): the power β in P_i ∝ D_i^β·e^(b_i), fitted by ordinary
/// least squares on log P_i = β·log D_i + b_i + c_g.
/// <para>
/// Why a per-group intercept c_g and not one global c: a model that answers task i with weight
/// w_i = D_i^β·e^(b_i) gives P_i = s·w_i / Σ_j w_j, where s is the mass on valid answers (raw P, the paper's
/// convention) or 1 (normalised P). So log P_i = β·log D_i + b_i + log s − log Σ_j D_j^β·e^(b_j): the last two
/// terms are constant across the tasks of one prompt but differ between prompts and, systematically, between
/// mixtures (D1, D2, D3). A single c leaves that difference in the errors, where it correlates with log D and
/// biases β; one intercept per group (the prompt, or the distribution when P is averaged over the prompts of
/// a distribution whose counts are identical) absorbs it exactly, and also makes β the same for raw and
/// normalised P.
/// </para>
/// <para>
/// Identifiability: b and c are confounded (adding a constant to every b_i and subtracting it from every c_g
/// changes nothing), so the biases are constrained to Σ_i b_i = 0, and c is reported as the mean of the c_g.
/// β needs log D to vary within groups independently of the task: D1 alone or one non-uniform mixture alone
/// gives <see cref="CalibrationFit.Identifiable"/> = false with a reason.
/// </para>
/// <para>
/// Observations with P_i = 0 (log undefined; infinite KL) or D_i = 0 are left out and counted, never NaN.
/// </para>
/// </summary>
public static class CalibrationExponent
{
    /// <summary>
    /// Fits β, the task biases and the intercepts, with β's OLS standard error and t interval
    /// (n − p degrees of freedom) at <paramref name="confidence"/> (default 0.95). The OLS interval treats the
    /// k observations of one prompt as independent; <see cref="FitWithBootstrap"/> does not.
    /// </summary>
    /// <param name="observations">Points from any number of prompts and mixtures.</param>
    /// <param name="taskCount">k; every observation's task is in 0..k−1.</param>
    /// <param name="intercept">Per-group (default, correct) or one global intercept (biased; for comparison).</param>
    /// <param name="confidence">Coverage of <see cref="CalibrationFit.BetaInterval"/>.</param>
    /// <exception cref="ArgumentException">An observation has a task outside 0..k−1, or a negative, NaN or infinite D or P.</exception>
    public static CalibrationFit Fit(IEnumerable<CalibrationObservation> observations, int taskCount, CalibrationIntercept intercept = CalibrationIntercept.PerGroup, double confidence = 0.95)
    {
        Check(taskCount, confidence);
        var rows = CalibrationRows.From(observations, taskCount, intercept);
        return CalibrationSolver.Solve(rows.Rows, rows, taskCount, intercept, confidence);
    }

    /// <summary>
    /// <see cref="Fit"/> plus a percentile bootstrap interval for β that resamples whole prompts with
    /// replacement (default 2000 resamples, 0.95), so correlation between the observations of one prompt is
    /// respected. Resamples come from <c>Seeds.Create(seed, "bootstrap", "calibration")</c>; a prompt drawn twice
    /// keeps its group (same intercept, double weight). Resamples in which β is not identifiable are left out
    /// and counted. Each resample costs O(prompts × k²): about 0.3 s for 300 prompts and 5 s for 10k prompts (k = 6, 2000 resamples, one core).
    /// </summary>
    /// <param name="prompts">Observations grouped by prompt, the unit that is resampled.</param>
    /// <param name="taskCount">k; every observation's task is in 0..k−1.</param>
    /// <param name="seed">Experiment seed; the resamples are derived from it.</param>
    /// <param name="resamples">Bootstrap resamples of the prompts.</param>
    /// <param name="confidence">Coverage of both intervals.</param>
    /// <param name="intercept">Per-group (default, correct) or one global intercept (biased; for comparison).</param>
    public static CalibrationBootstrapFit FitWithBootstrap(IReadOnlyList<IReadOnlyList<CalibrationObservation>> prompts, int taskCount, int seed, int resamples = Bootstrap.DefaultResamples, double confidence = 0.95, CalibrationIntercept intercept = CalibrationIntercept.PerGroup)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        Check(taskCount, confidence);

        // Index every prompt's rows once, then reduce each prompt to its moments: a replicate only reweights them.
        var all = CalibrationRows.From(prompts.SelectMany(p => p ?? throw new ArgumentException("A prompt's observation list is null.", nameof(prompts))), taskCount, intercept);
        var promptOfRow = prompts.SelectMany((p, index) => Enumerable.Repeat(index, p.Count(o => o.Share > 0 && o.Probability > 0))).ToArray();
        var fit = CalibrationSolver.Solve(all.Rows, all, taskCount, intercept, confidence);
        if (!fit.Identifiable)
        {
            return new CalibrationBootstrapFit(fit, null, 0, 0);
        }

        var segments = CalibrationMoments.Of(all.Rows, promptOfRow, taskCount);
        var random = Seeds.Create(seed, "bootstrap", "calibration");
        var betas = new List<double>(resamples);
        var unidentifiable = 0;
        var draws = new int[prompts.Count];
        for (var r = 0; r < resamples; r++)
        {
            Array.Clear(draws);
            for (var i = 0; i < prompts.Count; i++)
            {
                draws[ResampleIndex.Draw(random, prompts.Count)]++;
            }

            if (CalibrationReplicate.Beta(segments, draws, taskCount, all.GroupNames.Count) is { } beta)
            {
                betas.Add(beta);
            }
            else
            {
                unidentifiable++;
            }
        }

        var interval = betas.Count > 0 ? Percentile.Of([.. betas], confidence) : null;
        return new CalibrationBootstrapFit(fit, interval, betas.Count, unidentifiable);
    }

    private static void Check(int taskCount, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(taskCount, 1);
        Interval.CheckConfidence(confidence, nameof(confidence));
    }
}

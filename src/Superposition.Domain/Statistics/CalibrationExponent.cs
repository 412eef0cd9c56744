namespace Superposition.Statistics;

/// <summary>
/// The calibration exponent (docs/science.md, "Calibration exponent"): the power β in P_i ∝ D_i^β·e^(b_i), fitted by ordinary
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
/// <para>
/// The suite's summaries fit β to ln of the mean P over a mixture's prompts (<see cref="FitOfMeans"/>), not to
/// the mean of ln P per prompt: the mean P is the probability with which the model answers a task when the
/// question is drawn at random, which is what a multi-turn run (and the beta-urn) follows; a mean of ln P would
/// be dominated by the rare prompts where a task gets a tiny probability, and cannot take a P of 0 at all.
/// </para>
/// </summary>
public static class CalibrationExponent
{
    /// <summary>
    /// Fits β, the task biases and the intercepts, with β's OLS standard error and t interval
    /// (n − p degrees of freedom) at <paramref name="confidence"/> (default 0.95). The OLS interval measures how
    /// far the points lie from a power law, not the uncertainty from sampling prompts; <see cref="FitOfMeans"/>
    /// adds that.
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
    /// β fitted to the mean probability of each task under each mixture (one intercept per mixture), with a
    /// percentile interval from prompt resampling: replicate b refits β to the replicate-b means of every mixture,
    /// each mixture's prompts resampled on their own (the design fixes how many prompts each mixture has). Because
    /// the means, not the prompts, enter each refit, this costs O(replicates · mixtures · k²) however many prompts
    /// were scored, and a streaming aggregator can supply the replicates (<see cref="StreamingMeanBootstrap.ReplicateMeans"/>).
    /// Replicates in which β is not identifiable (a task's mean P is 0 in every mixture of the replicate), or in
    /// which some mixture drew no prompt, are left out and counted.
    /// </summary>
    /// <param name="mixtures">Each mixture's target, mean probabilities and their replicates.</param>
    /// <param name="taskCount">k; every mixture has k shares, k means and k replicate series.</param>
    /// <param name="confidence">Coverage of the bootstrap interval (the OLS interval of the returned fit has the same).</param>
    /// <exception cref="ArgumentException">A mixture with other than k shares, means or replicate series, or series of unequal length.</exception>
    public static CalibrationBootstrapFit FitOfMeans(IReadOnlyList<MixtureMeans> mixtures, int taskCount, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(mixtures);
        Check(taskCount, confidence);
        var replicates = -1;
        foreach (var m in mixtures)
        {
            if (m.Target.Count != taskCount || m.MeanProbabilities.Count != taskCount || m.Replicates.Count != taskCount)
            {
                throw new ArgumentException($"Mixture {m.Name} has {m.Target.Count} shares, {m.MeanProbabilities.Count} means and {m.Replicates.Count} replicate series for {taskCount} tasks.", nameof(mixtures));
            }

            foreach (var series in m.Replicates)
            {
                if (replicates >= 0 && series.Length != replicates)
                {
                    throw new ArgumentException($"Mixture {m.Name} has a replicate series of {series.Length} values, another one of {replicates}: every series needs one value per replicate.", nameof(mixtures));
                }

                replicates = series.Length;
            }
        }

        var fit = Fit(Observations(mixtures, m => m.MeanProbabilities), taskCount, confidence: confidence);
        if (!fit.Identifiable || replicates <= 0)
        {
            return new CalibrationBootstrapFit(fit, null, 0, 0);
        }

        var betas = new List<double>(replicates);
        var unidentifiable = 0;
        for (var b = 0; b < replicates; b++)
        {
            var r = b;
            if (mixtures.Any(m => m.Replicates.Any(series => double.IsNaN(series[r]))))
            {
                unidentifiable++;
                continue;
            }

            var replicate = Fit(Observations(mixtures, m => [.. m.Replicates.Select(series => Math.Min(1, series[r]))]), taskCount, confidence: confidence);
            if (replicate.Identifiable)
            {
                betas.Add(replicate.Beta);
            }
            else
            {
                unidentifiable++;
            }
        }

        var interval = betas.Count > 0 ? Percentile.Of([.. betas], confidence) : null;
        return new CalibrationBootstrapFit(fit, interval, betas.Count, unidentifiable);
    }

    private static IEnumerable<CalibrationObservation> Observations(IReadOnlyList<MixtureMeans> mixtures, Func<MixtureMeans, IReadOnlyList<double>> probabilities) =>
        mixtures.SelectMany(m => probabilities(m).Select((p, task) => new CalibrationObservation(m.Name, task, m.Target[task], p)));

    private static void Check(int taskCount, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(taskCount, 1);
        Interval.CheckConfidence(confidence, nameof(confidence));
    }
}

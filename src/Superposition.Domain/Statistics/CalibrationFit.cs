namespace Superposition.Statistics;

/// <summary>
/// The fitted calibration exponent: log P_i = β·log D_i + b_i + c_g, Σ_i b_i = 0 (see <see cref="CalibrationExponent"/>).
/// When <see cref="Identifiable"/> is false, <see cref="Reason"/> says why, <see cref="Beta"/>,
/// <see cref="StandardError"/>, <see cref="Intercept"/> and <see cref="RSquared"/> are NaN,
/// <see cref="BetaInterval"/> is null and the bias and intercept collections are empty; the counts are filled in.
/// </summary>
public sealed record CalibrationFit
{
    public required bool Identifiable { get; init; }

    /// <summary>Why β (or the task biases) cannot be estimated from these observations; null when identifiable.</summary>
    public string? Reason { get; init; }

    /// <summary>β: 1 calibrated, &gt; 1 over-confident (winner-take-more), &lt; 1 flattened.</summary>
    public double Beta { get; init; } = double.NaN;

    /// <summary>OLS standard error of β (assumes independent errors; see the bootstrap for prompt clustering). +infinity with no residual degrees of freedom.</summary>
    public double StandardError { get; init; } = double.NaN;

    /// <summary>β ± t(df)·SE at the requested confidence (default 0.95), df = n − p.</summary>
    public Interval? BetaInterval { get; init; }

    /// <summary>b_i, one per task, summing to 0: task i's log-probability advantage at equal share.</summary>
    public IReadOnlyList<double> TaskBiases { get; init; } = [];

    /// <summary>c: the mean of the group intercepts (the single intercept with <see cref="CalibrationIntercept.Global"/>).</summary>
    public double Intercept { get; init; } = double.NaN;

    /// <summary>c_g per group name; empty with <see cref="CalibrationIntercept.Global"/>.</summary>
    public IReadOnlyDictionary<string, double> GroupIntercepts { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Within-group R²: the share of the variance of log P around its group means that β·log D + b explains
    /// (1 for an exact power law). Not inflated by the intercepts, which would explain the normaliser.
    /// </summary>
    public double RSquared { get; init; } = double.NaN;

    /// <summary>
    /// Root mean square of the residuals of ln P around the fitted power law (nats): how far the points lie from
    /// P ∝ D^β·e^b. 0 for an exact power law. It is what the OLS interval of β grows with, and says nothing about
    /// the uncertainty from sampling prompts.
    /// </summary>
    public double ResidualRms { get; init; } = double.NaN;

    /// <summary>Observations used (P &gt; 0 and D &gt; 0).</summary>
    public required int Observations { get; init; }

    /// <summary>Observations left out because P_i = 0 (log P undefined, infinite KL).</summary>
    public required int DroppedZeroProbability { get; init; }

    /// <summary>Observations left out because D_i = 0 (the task had no examples; counted here even if P_i = 0 too).</summary>
    public required int DroppedZeroShare { get; init; }

    /// <summary>Intercept groups among the used observations (1 with <see cref="CalibrationIntercept.Global"/>).</summary>
    public required int Groups { get; init; }

    /// <summary>Residual degrees of freedom n − p, p = 1 (β) + (k − 1) (biases) + groups.</summary>
    public int DegreesOfFreedom { get; init; }

    public required CalibrationIntercept InterceptMode { get; init; }
}

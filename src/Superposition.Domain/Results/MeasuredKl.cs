using Superposition.Metrics;

namespace Superposition.Results;

/// <summary>The calibration numbers of one prompt under one <see cref="Scores.AnswerMeasure"/>.</summary>
/// <param name="KlRaw">KL(D || P) with P as the model gave it; +∞ when some task with D_i &gt; 0 got P_i = 0.</param>
/// <param name="KlNormalized">KL(D || P / s).</param>
/// <param name="ValidMass">s = Σ P_i.</param>
/// <param name="Exact">True when every candidate's probability under this measure is exact.</param>
public sealed record MeasuredKl(double KlRaw, double KlNormalized, double ValidMass, bool Exact)
{
    /// <summary>The numbers of log-probabilities against the target D.</summary>
    public static MeasuredKl Of(IReadOnlyList<double> target, IReadOnlyList<double> logProbabilities, bool exact)
    {
        var kl = CalibrationKl.FromLogProbabilities(target, logProbabilities);
        return new MeasuredKl(kl.KlRaw, kl.KlNormalized, kl.ValidMass, exact);
    }
}

namespace Superposition.Statistics;

/// <summary>How the calibration fit models the intercept of log P.</summary>
public enum CalibrationIntercept
{
    /// <summary>
    /// One intercept c_g per group (prompt, or distribution when P is averaged per distribution). Correct: the
    /// normaliser log Σ_j D_j^β e^(b_j) and the mass on valid answers differ between mixtures and prompts.
    /// </summary>
    PerGroup,

    /// <summary>
    /// One intercept c for all observations. Biased whenever groups differ in their normaliser (D1, D2 and D3
    /// do); kept to show that bias, not for reporting.
    /// </summary>
    Global,
}

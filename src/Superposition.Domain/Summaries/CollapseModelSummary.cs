using Superposition.Collapse;

namespace Superposition.Summaries;

/// <summary>
/// One model's multi-turn runs beside the urns' predictions: observed mean shares, collapse index, entropy and
/// other-answer rate; the calibrated Pólya urn's exact prediction; the beta-urn's prediction from the exponent
/// fitted on the model's calibration experiment (when one was named and measured); and the goodness of fit of
/// the runs' final counts to the calibrated urn.
/// </summary>
/// <param name="Model">Model name.</param>
/// <param name="ParameterCount">Parameters, from configuration; null if unknown.</param>
/// <param name="InitialCounts">Initial examples per task of this setting.</param>
/// <param name="Turns">Turns per run.</param>
/// <param name="Report">Observed statistics, urn predictions and fit.</param>
/// <param name="BetaUrn">The β and biases the beta-urn prediction used, and where they came from; null without one.</param>
/// <param name="BetaUrnProblem">Why the model's calibration fit gave no beta-urn prediction (its tasks differ from
/// this experiment's, naming them; β not identifiable or out of range); null when it gave one or there was no fit.</param>
/// <param name="Setting">Index of the initial setting in the spec's <c>collapse.initial</c> (0 for a single one; run r
/// is of setting r / R).</param>
/// <param name="UrnInitial">Where the calibrated urn started, which its exact prediction and both tests used: the
/// initial counts, or those plus α with a Pólya comparison; null only in summaries stored before it was recorded,
/// whose urn started at the initial counts.</param>
/// <param name="PolyaAlpha">The α of the spec's Pólya comparison; null without one.</param>
public sealed record CollapseModelSummary(
    string Model,
    double? ParameterCount,
    IReadOnlyList<int> InitialCounts,
    int Turns,
    CollapseReport Report,
    BetaUrnSource? BetaUrn,
    string? BetaUrnProblem = null,
    int Setting = 0,
    IReadOnlyList<double>? UrnInitial = null,
    double? PolyaAlpha = null)
{
    /// <summary>The setting as readers see it: "counts 2,2,2".</summary>
    public string SettingLabel() => $"counts {string.Join(",", InitialCounts)}";

    /// <summary>
    /// The row label of <paramref name="summary"/> among <paramref name="all"/>: the model's name, followed by its
    /// setting when the model has more than one (<c>"m (counts 2,2,2)"</c>), so that every row reads apart.
    /// </summary>
    public static string Label(CollapseModelSummary summary, IReadOnlyList<CollapseModelSummary> all)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(all);
        return all.Count(m => m.Model == summary.Model) > 1 ? $"{summary.Model} ({summary.SettingLabel()})" : summary.Model;
    }

    /// <summary>The calibrated urn's name: "Pólya urn from n + α" with a Pólya comparison, else "calibrated urn".</summary>
    public string UrnName() => PolyaAlpha is null ? "calibrated urn" : "Pólya urn from n + α";
}

/// <summary>The calibration fit a beta-urn prediction came from.</summary>
/// <param name="Experiment">The calibration experiment.</param>
/// <param name="Beta">Its fitted β for the model.</param>
/// <param name="TaskBiases">Its fitted biases, taken by task id, in the collapse experiment's task order.</param>
public sealed record BetaUrnSource(string Experiment, double Beta, IReadOnlyList<double> TaskBiases);

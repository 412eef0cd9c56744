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
/// <param name="InitialCounts">Initial examples per task.</param>
/// <param name="Turns">Turns per run.</param>
/// <param name="Report">Observed statistics, urn predictions and fit.</param>
/// <param name="BetaUrn">The β and biases the beta-urn prediction used, and where they came from; null without one.</param>
/// <param name="BetaUrnProblem">Why the model's calibration fit gave no beta-urn prediction (its tasks differ from
/// this experiment's, naming them; β not identifiable or out of range); null when it gave one or there was no fit.</param>
public sealed record CollapseModelSummary(
    string Model,
    double? ParameterCount,
    IReadOnlyList<int> InitialCounts,
    int Turns,
    CollapseReport Report,
    BetaUrnSource? BetaUrn,
    string? BetaUrnProblem = null);

/// <summary>The calibration fit a beta-urn prediction came from.</summary>
/// <param name="Experiment">The calibration experiment.</param>
/// <param name="Beta">Its fitted β for the model.</param>
/// <param name="TaskBiases">Its fitted biases, taken by task id, in the collapse experiment's task order.</param>
public sealed record BetaUrnSource(string Experiment, double Beta, IReadOnlyList<double> TaskBiases);

using Superposition.Metrics;
using Superposition.Prompts;
using Superposition.Scores;

namespace Superposition.Results;

/// <summary>
/// The result document of one prompt scored by one model: what was asked, what the model gave each task's
/// answer, and the calibration numbers. Written once per (experiment, model, distribution, prompt) by the CLI
/// and the Functions worker alike, and read back by aggregation and reports.
/// </summary>
/// <param name="Version">Document format version.</param>
/// <param name="Experiment">Experiment name.</param>
/// <param name="Model">Model name.</param>
/// <param name="Distribution">Distribution name.</param>
/// <param name="PromptIndex">Prompt index within the distribution.</param>
/// <param name="Tasks">Task ids, in spec order; the lists below follow it.</param>
/// <param name="Counts">Examples per task in the prompt.</param>
/// <param name="Target">D: the task shares of the examples.</param>
/// <param name="Question">The final question.</param>
/// <param name="Candidates">Each task's answer and its score.</param>
/// <param name="KlRaw">KL(D || P) with P as the model gave it (paper-compatible).</param>
/// <param name="KlNormalized">KL(D || P / s).</param>
/// <param name="ValidMass">s = Σ P_i.</param>
/// <param name="Exact">True when every candidate's probability is exact.</param>
/// <param name="Strategy">Scoring strategy used.</param>
/// <param name="Terminator">True when answers were scored with their "\n".</param>
/// <param name="Cost">Requests, tokens and time.</param>
/// <param name="ScoredAt">When scoring finished (UTC).</param>
public sealed record PromptResult(
    int Version,
    string Experiment,
    string Model,
    string Distribution,
    int PromptIndex,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<int> Counts,
    IReadOnlyList<double> Target,
    string Question,
    IReadOnlyList<CandidateScore> Candidates,
    double KlRaw,
    double KlNormalized,
    double ValidMass,
    bool Exact,
    string Strategy,
    bool Terminator,
    ScoringCost Cost,
    DateTimeOffset ScoredAt)
{
    public const int CurrentVersion = 1;

    /// <summary>The model's probabilities, in task order.</summary>
    public IReadOnlyList<double> Probabilities => [.. Candidates.Select(c => c.Probability)];

    /// <summary>Builds the document of a scored prompt, computing its KL numbers from the log-probabilities.</summary>
    public static PromptResult Create(string experiment, Prompt prompt, PromptScore score, DateTimeOffset scoredAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(score);
        if (!score.Candidates.Select(c => c.Task).SequenceEqual(prompt.Tasks))
        {
            throw new ArgumentException(
                $"The score's candidates ({string.Join(", ", score.Candidates.Select(c => c.Task))}) do not follow the prompt's tasks ({string.Join(", ", prompt.Tasks)}).",
                nameof(score));
        }

        var target = prompt.Shares;
        var kl = CalibrationKl.FromLogProbabilities(target, score.LogProbabilities);
        return new PromptResult(
            CurrentVersion,
            experiment,
            score.Model,
            prompt.Distribution,
            prompt.Index,
            prompt.Tasks,
            prompt.Counts,
            target,
            prompt.Question,
            score.Candidates,
            kl.KlRaw,
            kl.KlNormalized,
            kl.ValidMass,
            score.Exact,
            score.Strategy,
            score.Terminator,
            score.Cost,
            scoredAt.ToUniversalTime());
    }
}

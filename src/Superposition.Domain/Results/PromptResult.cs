using Superposition.Distributions;
using Superposition.Metrics;
using Superposition.Prompts;
using Superposition.Scores;
using Superposition.Specs;

namespace Superposition.Results;

/// <summary>
/// The result document of one prompt scored by one model: what was asked, what the model gave each task's
/// answer under each measure the strategy took, and the calibration numbers of each. Written once per
/// (experiment, model, distribution, prompt) by the CLI and the Functions worker alike, and read back by
/// aggregation and reports.
/// </summary>
/// <param name="Version">Document format version (2: both measures; version 1 documents are read by the storage layer).</param>
/// <param name="Experiment">Experiment name.</param>
/// <param name="Model">Model name.</param>
/// <param name="Distribution">Distribution name.</param>
/// <param name="PromptIndex">Prompt index within the distribution.</param>
/// <param name="Tasks">Task ids, in spec order; the lists below follow it.</param>
/// <param name="Counts">Examples per task in the prompt.</param>
/// <param name="Target">D: the task shares of the examples.</param>
/// <param name="Question">The final question.</param>
/// <param name="Candidates">Each task's answer and its probabilities.</param>
/// <param name="Terminated">KL numbers of P(answer + "\n"), the suite's measure; null when not measured.</param>
/// <param name="Prefix">KL numbers of the prefix-inclusive P(answer), comparable with the paper; null when not measured.</param>
/// <param name="Strategy">Scoring strategy used.</param>
/// <param name="Tokenization">How prompt and answers were tokenised.</param>
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
    MeasuredKl? Terminated,
    MeasuredKl? Prefix,
    string Strategy,
    Tokenization Tokenization,
    ScoringCost Cost,
    DateTimeOffset ScoredAt)
{
    public const int CurrentVersion = 2;

    /// <summary>The KL numbers under <paramref name="measure"/>, or null when it was not measured.</summary>
    public MeasuredKl? Of(AnswerMeasure measure) => measure == AnswerMeasure.Terminated ? Terminated : Prefix;

    /// <summary>The model's probabilities under <paramref name="measure"/>, in task order; null when it was not measured.</summary>
    public IReadOnlyList<double>? Probabilities(AnswerMeasure measure) =>
        Of(measure) is null ? null : [.. Candidates.Select(c => c.Of(measure)!.Probability)];

    /// <summary>
    /// KL(Pólya ‖ P) under <paramref name="measure"/>: the model's probabilities against the Pólya predictive
    /// (n_i + α)/(N + kα) of the prompt's exact example counts, the Bayes-optimal answer of a model trained on
    /// Dirichlet(α) task mixtures; null when the measure was not taken.
    /// </summary>
    public CalibrationKl? KlToPolya(AnswerMeasure measure, double alpha) =>
        Of(measure) is null
            ? null
            : CalibrationKl.FromLogProbabilities(PolyaPredictive.Of(Counts, alpha), [.. Candidates.Select(c => c.Of(measure)!.LogProbability)]);

    /// <summary>Builds the document of a scored prompt, computing the KL numbers of each measure from its log-probabilities.</summary>
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

        if (!score.Has(AnswerMeasure.Terminated) && !score.Has(AnswerMeasure.Prefix))
        {
            throw new ArgumentException($"The score of {prompt.Distribution}/{prompt.Index} by {score.Strategy} has no measure that every candidate took.", nameof(score));
        }

        var target = prompt.Shares;
        MeasuredKl? Numbers(AnswerMeasure measure) =>
            score.LogProbabilities(measure) is { } logs ? MeasuredKl.Of(target, logs, score.IsExact(measure)) : null;

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
            Numbers(AnswerMeasure.Terminated),
            Numbers(AnswerMeasure.Prefix),
            score.Strategy,
            score.Tokenization,
            score.Cost,
            scoredAt.ToUniversalTime());
    }
}

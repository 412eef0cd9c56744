using System.Globalization;
using Superposition.Training;

namespace Superposition.Reports.Html;

/// <summary>
/// The self-contained page of a trained sweep: how each model trained (table, held-out curves, held-out loss per
/// line: <see cref="HeldoutByLineSection"/>), then, when the
/// experiments over them were run, calibration and β against model size (<see cref="SweepCalibrationSection"/>)
/// and collapse against size (<see cref="SweepCollapseSection"/>). Numbers carry data-metric / data-model
/// attributes as on the experiment page; whatever is missing reads "n/a" or leaves its section out.
/// </summary>
internal static class TrainedSweepPage
{
    /// <summary>Shown where a number was not measured (no evaluation.json, unknown size).</summary>
    public const string NotAvailable = "n/a";

    /// <summary>Numbers of examples whose single-task accuracy has a column (the evaluation's fewest and most).</summary>
    public static readonly IReadOnlyList<int> AccuracyExamples = [1, 60];

    public static string Render(TrainedSweep sweep, TrainedSweepPlots plots)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(plots);
        var html = new HtmlWriter();
        const string title = "Superposition: the trained sweep";
        html.Begin(title);
        html.Line($"<h1>{title}</h1>");
        var experiments = new[] { sweep.Calibration, sweep.Collapse }.OfType<Summaries.ExperimentSummary>()
            .Select(s => $"<code>{HtmlWriter.Text(s.Experiment)}</code>").ToList();
        html.Line($"<p class=\"meta\">{sweep.Models.Count} trained models · experiments: {(experiments.Count == 0 ? NotAvailable : string.Join(", ", experiments))}</p>");
        Training(html, sweep);
        if (plots.HeldoutCurves is not null)
        {
            html.PngFigure(plots.HeldoutCurves, "Held-out loss (the trainer's, per scored token: answers and their newlines) over training steps, one line per model: colour and marker by regime, lighter for smaller models. Dashed: the regime's Bayes-optimal held-out loss, where it has a closed form.");
        }

        HeldoutByLineSection.Render(html, sweep, plots);
        SweepCalibrationSection.Render(html, sweep, plots);
        SweepCollapseSection.Render(html, sweep, plots);
        return html.End();
    }

    /// <summary>A number, or "n/a" when there is none; marked up either way.</summary>
    public static string NumberOrNa(double? value, string metric, string? model, string? distribution = null) =>
        value is { } v && !double.IsNaN(v) ? HtmlWriter.Number(v, metric, model, distribution) : HtmlWriter.Marked(NotAvailable, metric, model, distribution, "mean");

    /// <summary>A parameter count, or "n/a".</summary>
    public static string ParametersOrNa(double? parameters, string model) =>
        parameters is { } p ? HtmlWriter.Count((long)Math.Round(p), "parameters", model) : HtmlWriter.Marked(NotAvailable, "parameters", model, null, "mean");

    /// <summary>"single-task" or "dirichlet (α = 1)", as a cell.</summary>
    public static string RegimeCell(RegimeKind? kind, double? alpha = null) =>
        HtmlWriter.Text(TrainedSweep.RegimeLabel(kind) + (kind == RegimeKind.Dirichlet && alpha is { } a ? $" (α = {a.ToString("G6", CultureInfo.InvariantCulture)})" : ""));

    private static void Training(HtmlWriter html, TrainedSweep sweep)
    {
        html.Line("<h2 id=\"training\">Training</h2>");
        html.Line("<div class=\"read\"><p><strong>How to read this.</strong> Each row is one trained model, grouped by regime and ordered by parameters. The held-out loss is measured through the exported ONNX graph on the held-out sequences, per scored token (answers and their newlines); the <strong>Bayes-optimal</strong> loss is what the best possible predictor of those same tokens would score, given how the sequences were drawn, so the <strong>excess</strong> (held-out − Bayes-optimal) is how far the model is from it and 0 is the floor. <strong>Single-task accuracy</strong> is the share of prompts whose examples all come from one task on which that task's answer is the most probable of the tasks' answers: a Bayes-optimal model of either regime answers them right once a few examples name the task.</p></div>");
        if (sweep.Models.Count == 0)
        {
            html.Line($"<p>No trained models were given: {NotAvailable}.</p>");
            return;
        }

        foreach (var spec in sweep.Models.Select(m => m.Spec).DistinctBy(s => s.Name))
        {
            var o = spec.Training;
            if (o.Steps is not { } steps)
            {
                // A time budget buys each size its own steps (its measured rate, recorded in training.json's meta.plan).
                html.Line($"<p data-spec=\"{HtmlWriter.Text(spec.Name)}\">Every size of <code>{HtmlWriter.Text(spec.Name)}</code> trained for the same time budget, {o.BudgetMinutes?.ToString("G6", CultureInfo.InvariantCulture)} minutes at batch {o.Batch} on the machine that trained it: each size's steps are what its measured rate bought, so larger sizes saw fewer sequences (the tokens column counts the tokens each read, padding excluded).</p>");
                continue;
            }

            var drawn = (long)steps * o.Batch;
            var distinct = spec.TrainingSequenceCount == drawn ? "" : $", drawn from {spec.TrainingSequenceCount} distinct sequences";
            html.Line($"<p data-spec=\"{HtmlWriter.Text(spec.Name)}\">Every size of <code>{HtmlWriter.Text(spec.Name)}</code> saw the same sequences, {steps} steps × batch {o.Batch} = {drawn} sequences{distinct}: an equal token budget (the tokens column counts the tokens each read, padding excluded).</p>");
        }

        var heads = string.Concat(AccuracyExamples.Select(n => $"<th>Accuracy, {n} example{(n == 1 ? "" : "s")}</th>"));
        html.Line($"<table id=\"training-table\"><thead><tr><th>Regime</th><th>Size</th><th>Parameters</th><th>Non-embedding parameters</th><th>Steps</th><th>Training tokens</th><th>Training time (h:mm:ss)</th><th>Final train loss</th><th>Held-out loss (ONNX)</th><th>Bayes-optimal held-out loss</th><th>Excess (held-out − Bayes)</th><th>Single-task accuracy</th>{heads}</tr></thead><tbody>");
        foreach (var m in sweep.Models)
        {
            var e = m.Evaluation;
            var heldout = e?.Heldout.Loss;
            var bayes = e?.Heldout.BayesOptimalLoss;
            var accuracy = string.Concat(AccuracyExamples.Select(n =>
                $"<td class=\"n\">{NumberOrNa(e?.SingleTask.ByExamples.FirstOrDefault(a => a.Examples == n)?.Accuracy, $"accuracy-{n}", m.Name)}</td>"));
            html.Line($"<tr data-model=\"{HtmlWriter.Text(m.Name)}\" data-regime=\"{HtmlWriter.Text(TrainedSweep.RegimeLabel(m.Spec.Regime.Kind))}\">"
                + $"<td>{RegimeCell(m.Spec.Regime.Kind, m.Spec.Regime.Alpha)}</td><td>{HtmlWriter.Text(m.Size)}</td>"
                + $"<td class=\"n\">{HtmlWriter.Count(m.Parameters, "parameters", m.Name)}</td>"
                + $"<td class=\"n\">{HtmlWriter.Count(m.NonEmbeddingParameters, "non-embedding-parameters", m.Name)}</td>"
                + $"<td class=\"n\">{HtmlWriter.Count(m.Steps, "steps", m.Name)}</td>"
                + $"<td class=\"n\">{HtmlWriter.Count(m.TokensSeen, "tokens", m.Name)}</td>"
                + $"<td class=\"n\">{HtmlWriter.Marked(Duration(m.TrainingSeconds), "training-time", m.Name, null, "mean")}</td>"
                + $"<td class=\"n\">{NumberOrNa(m.FinalTrainLoss, "final-train-loss", m.Name)}</td>"
                + $"<td class=\"n\">{NumberOrNa(heldout, "heldout-loss", m.Name)}</td>"
                + $"<td class=\"n\">{NumberOrNa(bayes, "bayes-loss", m.Name)}</td>"
                + $"<td class=\"n\">{NumberOrNa(heldout - bayes, "excess-loss", m.Name)}</td>"
                + $"<td class=\"n\">{NumberOrNa(e?.SingleTask.Accuracy, "accuracy", m.Name)}</td>{accuracy}</tr>");
        }

        html.Line("</tbody></table>");
    }

    /// <summary>Seconds as h:mm:ss (hours may pass 24), or "n/a".</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            return NotAvailable;
        }

        var whole = (long)Math.Round(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{whole / 3600}:{whole / 60 % 60:00}:{whole % 60:00}");
    }
}

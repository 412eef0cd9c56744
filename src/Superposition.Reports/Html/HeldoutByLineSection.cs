namespace Superposition.Reports.Html;

/// <summary>
/// The trained sweep page's held-out loss per line: where in a sequence each size falls short of the Bayes-optimal
/// loss. A model whose evaluation.json predates the per-line losses (or that has none) is named in a note instead,
/// since only re-evaluating it can fill them.
/// </summary>
internal static class HeldoutByLineSection
{
    public const string Id = "heldout-per-line";

    /// <summary>The note naming the models without per-line losses.</summary>
    public const string MissingId = "per-line-missing";

    public static void Render(HtmlWriter html, TrainedSweep sweep, TrainedSweepPlots plots)
    {
        if (sweep.Models.Count == 0)
        {
            return;
        }

        html.Line($"<h2 id=\"{Id}\">Held-out loss per line</h2>");
        html.Line("<div class=\"read\"><p><strong>How to read this.</strong> Line k of a held-out sequence is its k-th line (the examples, then the query last), predicted after the k − 1 lines before it; its loss is that of its answer and newline, summed, in <strong>nats per line</strong>, the mean over the held-out sequences long enough to have a line k (fewer at late lines, so those are noisier). The dashed black line is the Bayes-optimal loss of the same lines: what remains to be learned from the earlier lines. A size that follows the floor over the first lines has learned the task from its examples; one whose curve then rises above it at late lines does not use long contexts.</p></div>");
        if (plots.HeldoutByLine is not null)
        {
            html.PngFigure(plots.HeldoutByLine, "x: line k of the held-out sequences (1 to the most examples + 1); y: the model's mean loss of line k's answer and newline (nats per line). One panel per regime, one line per size (darker for larger), the legend on the right; dashed black: the Bayes-optimal loss per line. Under single-task it is ln of the number of tasks on line 1 and 0 once a line names the task; under dirichlet it falls slowly as the task counts build up. A size whose curve rises above the floor at late lines fails at long contexts.");
        }

        var missing = sweep.Models.Where(m => m.Evaluation?.Heldout.ByLine is not { Count: > 0 }).ToList();
        if (missing.Count > 0)
        {
            var names = string.Join(", ", missing.Select(m => $"<code>{HtmlWriter.Text(m.Name)}</code>"));
            var all = missing.Count == sweep.Models.Count ? "No model has per-line losses yet: the" : "The";
            html.Line($"<p id=\"{MissingId}\">{all} per-line view needs re-evaluation for {names}: their evaluation.json was written before <code>superposition train</code> measured the held-out loss per line (<code>heldout.byLine</code>), or they have none.</p>");
        }
    }
}

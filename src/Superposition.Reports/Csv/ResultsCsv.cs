using System.Text;
using Superposition.Results;

namespace Superposition.Reports.Csv;

/// <summary>
/// Per-prompt results as CSV (RFC 4180, CRLF line ends, UTF-8): one row per result with experiment, model,
/// distribution, prompt index, question, one probability column per task (named by the task id), KL_raw,
/// KL_norm, valid mass, exactness, strategy, terminator, requests and token counts.
/// </summary>
public static class ResultsCsv
{
    /// <summary>Columns before the per-task probabilities.</summary>
    public static readonly IReadOnlyList<string> LeadingColumns = ["experiment", "model", "distribution", "prompt_index", "question"];

    /// <summary>Columns after the per-task probabilities.</summary>
    public static readonly IReadOnlyList<string> TrailingColumns =
        ["kl_raw", "kl_normalized", "valid_mass", "exact", "strategy", "terminator", "requests", "prompt_tokens", "cached_tokens", "completion_tokens"];

    /// <summary>
    /// Writes the CSV. All results must share one task list (they come from one experiment); an empty list gives
    /// the header of the leading and trailing columns alone.
    /// </summary>
    public static void Write(IReadOnlyList<PromptResult> results, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        var tasks = results.Count == 0 ? [] : results[0].Tasks;
        writer.Write(string.Join(",", LeadingColumns.Concat(tasks).Concat(TrailingColumns).Select(CsvField.Text)));
        writer.Write("\r\n");
        foreach (var r in results)
        {
            if (!r.Tasks.SequenceEqual(tasks))
            {
                throw new ArgumentException($"Result {r.Model}/{r.Distribution}/{r.PromptIndex} has tasks {string.Join(", ", r.Tasks)}, the first result {string.Join(", ", tasks)}: one CSV holds one task list.", nameof(results));
            }

            var fields = new List<string>
            {
                CsvField.Text(r.Experiment),
                CsvField.Text(r.Model),
                CsvField.Text(r.Distribution),
                CsvField.Number(r.PromptIndex),
                CsvField.Text(r.Question),
            };
            fields.AddRange(r.Candidates.Select(c => CsvField.Number(c.Probability)));
            fields.Add(CsvField.Number(r.KlRaw));
            fields.Add(CsvField.Number(r.KlNormalized));
            fields.Add(CsvField.Number(r.ValidMass));
            fields.Add(CsvField.Boolean(r.Exact));
            fields.Add(CsvField.Text(r.Strategy));
            fields.Add(CsvField.Boolean(r.Terminator));
            fields.Add(CsvField.Number(r.Cost.Requests));
            fields.Add(CsvField.Number(r.Cost.PromptTokens));
            fields.Add(CsvField.Number(r.Cost.CachedTokens));
            fields.Add(CsvField.Number(r.Cost.CompletionTokens));
            writer.Write(string.Join(",", fields));
            writer.Write("\r\n");
        }
    }

    /// <summary>The CSV as a string.</summary>
    public static string ToCsv(IReadOnlyList<PromptResult> results)
    {
        var builder = new StringBuilder();
        using var writer = new StringWriter(builder, System.Globalization.CultureInfo.InvariantCulture);
        Write(results, writer);
        return builder.ToString();
    }
}

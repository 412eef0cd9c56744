using System.Text;
using Superposition.Results;
using Superposition.Scores;

namespace Superposition.Reports.Csv;

/// <summary>
/// Per-prompt results as CSV (RFC 4180, CRLF line ends, UTF-8): one row per result with experiment, model,
/// distribution, prompt index, question; one column per task with P(answer + "\n") (named by the task id) and one
/// with the prefix-inclusive P (named "prefix:" + task id); KL_raw, KL_norm, valid mass and exactness of each
/// measure; strategy, tokenization, requests and token counts. A measure that was not taken leaves its cells empty.
/// With a Pólya α (the spec's <c>polya</c>), <see cref="PolyaColumns"/> follow: each measure's KL_raw and KL_norm
/// to the Pólya predictive of the prompt's counts.
/// </summary>
public static class ResultsCsv
{
    /// <summary>Columns before the per-task probabilities.</summary>
    public static readonly IReadOnlyList<string> LeadingColumns = ["experiment", "model", "distribution", "prompt_index", "question"];

    /// <summary>Columns after the per-task probabilities.</summary>
    public static readonly IReadOnlyList<string> TrailingColumns =
    [
        "kl_raw", "kl_normalized", "valid_mass", "exact",
        "prefix_kl_raw", "prefix_kl_normalized", "prefix_valid_mass", "prefix_exact",
        "strategy", "tokenization", "requests", "prompt_tokens", "cached_tokens", "completion_tokens",
    ];

    /// <summary>Columns after <see cref="TrailingColumns"/> when the CSV is given a Pólya α.</summary>
    public static readonly IReadOnlyList<string> PolyaColumns =
        ["polya_kl_raw", "polya_kl_normalized", "prefix_polya_kl_raw", "prefix_polya_kl_normalized"];

    /// <summary>The column of a task's prefix-inclusive probability.</summary>
    public static string PrefixColumn(string task) => "prefix:" + task;

    /// <summary>
    /// Writes the CSV. All results must share one task list (they come from one experiment); an empty list gives
    /// the header of the leading and trailing columns alone.
    /// </summary>
    public static void Write(IReadOnlyList<PromptResult> results, TextWriter writer, double? polyaAlpha = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        var tasks = results.Count == 0 ? [] : results[0].Tasks;
        var trailing = polyaAlpha is null ? TrailingColumns : [.. TrailingColumns, .. PolyaColumns];
        writer.Write(string.Join(",", LeadingColumns.Concat(tasks).Concat(tasks.Select(PrefixColumn)).Concat(trailing).Select(CsvField.Text)));
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
            fields.AddRange(r.Candidates.Select(c => c.Terminated is { } p ? CsvField.Number(p.Probability) : string.Empty));
            fields.AddRange(r.Candidates.Select(c => c.Prefix is { } p ? CsvField.Number(p.Probability) : string.Empty));
            foreach (var kl in new[] { r.Terminated, r.Prefix })
            {
                fields.Add(kl is null ? string.Empty : CsvField.Number(kl.KlRaw));
                fields.Add(kl is null ? string.Empty : CsvField.Number(kl.KlNormalized));
                fields.Add(kl is null ? string.Empty : CsvField.Number(kl.ValidMass));
                fields.Add(kl is null ? string.Empty : CsvField.Boolean(kl.Exact));
            }

            fields.Add(CsvField.Text(r.Strategy));
            fields.Add(CsvField.Text(r.Tokenization == Specs.Tokenization.Joint ? "joint" : "separate"));
            fields.Add(CsvField.Number(r.Cost.Requests));
            fields.Add(CsvField.Number(r.Cost.PromptTokens));
            fields.Add(CsvField.Number(r.Cost.CachedTokens));
            fields.Add(CsvField.Number(r.Cost.CompletionTokens));
            if (polyaAlpha is { } alpha)
            {
                foreach (var kl in new[] { r.KlToPolya(AnswerMeasure.Terminated, alpha), r.KlToPolya(AnswerMeasure.Prefix, alpha) })
                {
                    fields.Add(kl is null ? string.Empty : CsvField.Number(kl.KlRaw));
                    fields.Add(kl is null ? string.Empty : CsvField.Number(kl.KlNormalized));
                }
            }

            writer.Write(string.Join(",", fields));
            writer.Write("\r\n");
        }
    }

    /// <summary>The CSV as a string.</summary>
    public static string ToCsv(IReadOnlyList<PromptResult> results, double? polyaAlpha = null)
    {
        var builder = new StringBuilder();
        using var writer = new StringWriter(builder, System.Globalization.CultureInfo.InvariantCulture);
        Write(results, writer, polyaAlpha);
        return builder.ToString();
    }
}

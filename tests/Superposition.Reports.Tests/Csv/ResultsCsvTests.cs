using System.Globalization;
using Microsoft.VisualBasic.FileIO;
using Superposition.Reports.Csv;
using Superposition.Results;

namespace Superposition.Reports.Tests.Csv;

public sealed class ResultsCsvTests
{
    private static List<string[]> Parse(string csv)
    {
        // .NET's own RFC 4180 reader (quoted fields may hold separators, doubled quotes and line breaks).
        using var parser = new TextFieldParser(new StringReader(csv)) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        return rows;
    }

    [Fact]
    public void A_measure_that_was_not_taken_leaves_its_cells_empty()
    {
        var result = Samples.PromptResults[0];
        result = result with { Terminated = null, Candidates = [.. result.Candidates.Select(c => c with { Terminated = null })] };

        var rows = Parse(ResultsCsv.ToCsv([result]));

        var header = rows[0];
        Assert.Equal(string.Empty, rows[1][Array.IndexOf(header, "kl_raw")]);
        Assert.Equal(string.Empty, rows[1][Array.IndexOf(header, result.Tasks[0])]);
        Assert.NotEqual(string.Empty, rows[1][Array.IndexOf(header, "prefix_kl_raw")]);
    }

    [Fact]
    public void Fields_with_commas_quotes_newlines_and_Chinese_round_trip_through_an_RFC_4180_parser()
    {
        const string question = "北京, \"首都\"\r\nline two, 第三";
        const string model = "org/model \"v2\", big";
        var result = Samples.PromptResults[0] with { Question = question, Model = model };
        var rows = Parse(ResultsCsv.ToCsv([result]));
        Assert.Equal(2, rows.Count);
        var header = rows[0];
        Assert.Equal(question, rows[1][Array.IndexOf(header, "question")]);
        Assert.Equal(model, rows[1][Array.IndexOf(header, "model")]);
    }

    [Fact]
    public void Each_result_is_one_row_with_a_probability_column_per_task_id_and_its_numbers()
    {
        var results = Samples.PromptResults.Where(r => r.Model == "broken").ToList();
        var rows = Parse(ResultsCsv.ToCsv(results));
        var header = rows[0];
        Assert.Equal(results.Count + 1, rows.Count);
        Assert.Equal([.. ResultsCsv.LeadingColumns, .. Samples.Spec.Tasks, .. Samples.Spec.Tasks.Select(ResultsCsv.PrefixColumn), .. ResultsCsv.TrailingColumns], header);
        for (var i = 0; i < results.Count; i++)
        {
            var row = rows[i + 1];
            var r = results[i];
            Assert.Equal(r.PromptIndex.ToString(CultureInfo.InvariantCulture), row[Array.IndexOf(header, "prompt_index")]);
            for (var t = 0; t < r.Tasks.Count; t++)
            {
                Assert.Equal(r.Candidates[t].Terminated!.Probability, double.Parse(row[Array.IndexOf(header, r.Tasks[t])], CultureInfo.InvariantCulture));
                Assert.Equal(r.Candidates[t].Prefix!.Probability, double.Parse(row[Array.IndexOf(header, ResultsCsv.PrefixColumn(r.Tasks[t]))], CultureInfo.InvariantCulture));
            }

            foreach (var (column, expected) in new[] { ("kl_raw", r.Terminated!.KlRaw), ("prefix_kl_raw", r.Prefix!.KlRaw) })
            {
                var shown = row[Array.IndexOf(header, column)];
                Assert.Equal(expected, double.IsPositiveInfinity(expected) ? (shown == "Infinity" ? double.PositiveInfinity : double.NaN) : double.Parse(shown, CultureInfo.InvariantCulture));
            }

            Assert.Equal("separate", row[Array.IndexOf(header, "tokenization")]);
            Assert.Equal(r.Cost.CachedTokens.ToString(CultureInfo.InvariantCulture), row[Array.IndexOf(header, "cached_tokens")]);
        }

        Assert.Contains(rows.Skip(1), row => row[Array.IndexOf(header, "kl_raw")] == "Infinity");
    }

    [Fact]
    public void Results_of_different_task_lists_are_rejected_naming_the_result()
    {
        PromptResult other = Samples.PromptResults[1] with { Tasks = ["a", "b", "c", "d", "e", "f"] };
        var error = Assert.Throws<ArgumentException>(() => ResultsCsv.ToCsv([Samples.PromptResults[0], other]));
        Assert.Contains($"{other.Model}/{other.Distribution}/{other.PromptIndex}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.0, "0")]
    [InlineData(-1e-17, "-1E-17")]
    [InlineData(0.1, "0.1")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void A_CSV_number_round_trips_and_only_an_exact_zero_loses_its_sign(double value, string shown)
    {
        Assert.Equal(shown, CsvField.Number(value));
        if (double.IsFinite(value))
        {
            Assert.Equal(value, double.Parse(shown, CultureInfo.InvariantCulture));
        }
    }
}

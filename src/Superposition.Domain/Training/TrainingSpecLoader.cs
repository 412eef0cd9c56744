using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Superposition.Specs;

namespace Superposition.Training;

/// <summary>
/// Reads and validates training specs as <see cref="SpecLoader"/> reads experiment specs: JSON syntax, then the
/// schema in <c>schemas/training-spec.schema.json</c>, then what a schema cannot say (<see cref="TrainingSpecChecks"/>:
/// known tasks of the family, a possible example range, a context that holds the longest sequence, a size that fits
/// in memory). Every problem is reported with its JSON path, before any training starts.
/// </summary>
public static class TrainingSpecLoader
{
    private const string Kind = "training spec";

    private static readonly Lazy<(JsonSchema Schema, JsonNode Json)> Schema = new(() =>
    {
        using var stream = typeof(TrainingSpecLoader).Assembly.GetManifestResourceStream("Superposition.Training.training-spec.schema.json")
            ?? throw new InvalidOperationException("The training spec schema is missing from the domain assembly.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return (JsonSchema.FromText(text), JsonNode.Parse(text)!);
    });

    /// <summary>The memory a training run may use: what the runtime reports as available to this process.</summary>
    public static long AvailableMemoryBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Loads a spec file; <see cref="SpecValidationException"/> lists every problem.</summary>
    public static TrainingSpec LoadFile(string path, long? availableMemoryBytes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecValidationException(path, [new SpecError("$", SpecLoader.ReadProblem(path, e))], Kind);
        }

        return Parse(text, path, availableMemoryBytes);
    }

    /// <summary>Parses and validates spec text; <paramref name="source"/> names it in errors.</summary>
    public static TrainingSpec Parse(string json, string source = "training spec", long? availableMemoryBytes = null)
    {
        var errors = Validate(json, out var spec, availableMemoryBytes);
        return errors.Count == 0 ? spec! : throw new SpecValidationException(source, errors, Kind);
    }

    /// <summary>
    /// Every problem with the spec text (empty when valid), and the spec when valid. Memory is compared with
    /// <paramref name="availableMemoryBytes"/> (default <see cref="AvailableMemoryBytes"/>).
    /// </summary>
    public static IReadOnlyList<SpecError> Validate(string json, out TrainingSpec? spec, long? availableMemoryBytes = null)
    {
        spec = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return [new SpecError("$", SpecLoader.JsonSyntaxProblem(json, e))];
        }

        using (document)
        {
            var result = Schema.Value.Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!result.IsValid)
            {
                return SpecSchemaErrors.From(result, Schema.Value.Json, document.RootElement);
            }

            var parsed = document.RootElement.Deserialize<TrainingSpec>(SpecLoader.JsonOptions)
                ?? throw new InvalidOperationException("A schema-valid training spec deserialised to null.");
            var errors = TrainingSpecChecks.Errors(parsed, availableMemoryBytes ?? AvailableMemoryBytes);
            if (errors.Count == 0)
            {
                spec = parsed;
            }

            return errors;
        }
    }

    /// <summary>Serialises a spec in the file format.</summary>
    public static string Serialize(TrainingSpec spec) => JsonSerializer.Serialize(spec, SpecLoader.JsonOptions);

    internal static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

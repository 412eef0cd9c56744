using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Json.Schema;
using Superposition.Distributions;
using Superposition.Prompts;
using Superposition.Tasks;

namespace Superposition.Specs;

/// <summary>
/// Reads and validates experiment specs: JSON syntax, then the JSON Schema shipped in
/// <c>schemas/experiment-spec.schema.json</c>, then what a schema cannot say (known task ids of one family,
/// one weight per task summing to 1, enough distinct questions). Every problem is reported with its path.
/// </summary>
public static class SpecLoader
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(SpecLoader).Assembly.GetManifestResourceStream("Superposition.Specs.experiment-spec.schema.json")
            ?? throw new InvalidOperationException("The experiment spec schema is missing from the domain assembly.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    /// <summary>Loads a spec file; <see cref="SpecValidationException"/> lists every problem.</summary>
    public static ExperimentSpec LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecValidationException(path, [new SpecError("$", $"cannot read the file: {e.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>Parses and validates spec text; <paramref name="source"/> names it in errors.</summary>
    public static ExperimentSpec Parse(string json, string source = "spec")
    {
        var errors = Validate(json, out var spec);
        return errors.Count == 0 ? spec! : throw new SpecValidationException(source, errors);
    }

    /// <summary>Every problem with the spec text (empty when valid), and the spec when valid.</summary>
    public static IReadOnlyList<SpecError> Validate(string json, out ExperimentSpec? spec)
    {
        spec = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return [new SpecError("$", $"not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}")];
        }

        using (document)
        {
            var schemaErrors = SchemaErrors(document.RootElement);
            if (schemaErrors.Count > 0)
            {
                return schemaErrors;
            }

            var parsed = document.RootElement.Deserialize<ExperimentSpec>(JsonOptions)
                ?? throw new InvalidOperationException("A schema-valid spec deserialised to null.");
            var semanticErrors = SemanticErrors(parsed);
            if (semanticErrors.Count == 0)
            {
                spec = parsed;
            }

            return semanticErrors;
        }
    }

    /// <summary>Serialises a spec in the file format.</summary>
    public static string Serialize(ExperimentSpec spec) => JsonSerializer.Serialize(spec, JsonOptions);

    private static List<SpecError> SchemaErrors(JsonElement root)
    {
        var result = Schema.Value.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = new List<SpecError>();
        if (result.IsValid)
        {
            return errors;
        }

        foreach (var detail in result.Details ?? [])
        {
            // A failing "if" only selects "else": its errors are not the spec's.
            if (detail.Errors is null || detail.EvaluationPath.ToString().Contains("/if", StringComparison.Ordinal))
            {
                continue;
            }

            var path = ToJsonPath(detail.InstanceLocation.ToString());
            foreach (var (keyword, message) in detail.Errors)
            {
                switch (keyword)
                {
                    case "required":
                        foreach (var missing in MissingProperties(root, detail.InstanceLocation.ToString(), message))
                        {
                            errors.Add(new SpecError(Child(path, missing), "is required"));
                        }

                        break;
                    case "":
                    case "false" when detail.EvaluationPath.ToString().EndsWith("/additionalProperties", StringComparison.Ordinal):
                        errors.Add(new SpecError(path, "is not a field of this spec version"));
                        break;
                    default:
                        errors.Add(new SpecError(path, message));
                        break;
                }
            }
        }

        return [.. errors.DistinctBy(e => e.ToString())];
    }

    private static IEnumerable<string> MissingProperties(JsonElement root, string pointer, string fallback)
    {
        // The schema's required list, minus what the object has: names each missing field on its own line.
        var required = new[] { "version", "name", "kind", "tasks", "distributions", "examples", "prompts", "seed", "models" };
        var target = Resolve(root, pointer);
        if (target is { ValueKind: JsonValueKind.Object } obj)
        {
            var present = obj.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var candidates = pointer.Length == 0 ? required : ["name", "weights"];
            var missing = candidates.Where(r => !present.Contains(r)).ToList();
            if (missing.Count > 0)
            {
                return missing;
            }
        }

        return [fallback];
    }

    private static JsonElement? Resolve(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(name, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static List<SpecError> SemanticErrors(ExperimentSpec spec)
    {
        var errors = new List<SpecError>();
        var tasks = new List<TaskDefinition>();
        for (var i = 0; i < spec.Tasks.Count; i++)
        {
            if (!TaskLibrary.TryGet(spec.Tasks[i], out var task))
            {
                var family = spec.Tasks[i].Split('.')[0];
                var known = TaskLibrary.All.Where(t => t.Family.Id == family).Select(t => t.Id).ToList();
                errors.Add(new SpecError($"$.tasks[{i}]", known.Count > 0
                    ? $"unknown task id '{spec.Tasks[i]}'; the '{family}' family has {string.Join(", ", known)}"
                    : $"unknown task id '{spec.Tasks[i]}'; families are {string.Join(", ", TaskLibrary.Families.Select(f => f.Id))}"));
                continue;
            }

            if (tasks.Count > 0 && task.Family != tasks[0].Family)
            {
                errors.Add(new SpecError($"$.tasks[{i}]", $"'{task.Id}' is of family '{task.Family.Id}' but '{tasks[0].Id}' is of '{tasks[0].Family.Id}': the tasks of one prompt must share a question format"));
                continue;
            }

            tasks.Add(task);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Distributions.Count; i++)
        {
            var d = spec.Distributions[i];
            var path = d.Weights is null ? $"$.distributions[{i}]" : $"$.distributions[{i}].name";
            if (!names.Add(d.Name))
            {
                errors.Add(new SpecError(path, $"distribution name '{d.Name}' is used twice"));
            }

            if (d.Weights is not null && !PaperDistributions.IsPaperName(d.Name) && d.Weights.Count != spec.Tasks.Count)
            {
                errors.Add(new SpecError($"$.distributions[{i}].weights", $"has {d.Weights.Count} weights but the spec has {spec.Tasks.Count} tasks: one weight per task"));
            }
            else if (d.Weights is not null && PaperDistributions.IsPaperName(d.Name))
            {
                errors.Add(new SpecError(path, $"'{d.Name}' is reserved for the paper's distribution; give a vector another name"));
            }
            else if (d.Weights is not null && Math.Abs(d.Weights.Sum() - 1) > Distribution.SumTolerance)
            {
                errors.Add(new SpecError($"$.distributions[{i}].weights", $"sum to {d.Weights.Sum().ToString("R", CultureInfo.InvariantCulture)}, not 1 (tolerance {Distribution.SumTolerance.ToString(CultureInfo.InvariantCulture)})"));
            }
        }

        if (tasks.Count == spec.Tasks.Count)
        {
            var generator = new PromptGenerator(tasks);
            if (spec.Examples > generator.MaxExamples)
            {
                errors.Add(new SpecError("$.examples", $"{spec.Examples} examples and a final question need {spec.Examples + 1} distinct questions; the '{generator.Family.Id}' family has {generator.Family.Questions.Count}"));
            }
        }

        return errors;
    }

    private static string ToJsonPath(string pointer)
    {
        var path = "$";
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            path = int.TryParse(name, CultureInfo.InvariantCulture, out var index) ? $"{path}[{index}]" : Child(path, name);
        }

        return path;
    }

    private static string Child(string path, string name) => $"{path}.{name}";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}

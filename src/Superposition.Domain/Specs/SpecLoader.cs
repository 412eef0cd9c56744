using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Json.Schema;
using Superposition.Distributions;
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
                        foreach (var missing in MissingProperties(message))
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

    private static IEnumerable<string> MissingProperties(string message)
    {
        // JSON Schema's message lists the missing names as a JSON array: Required properties ["a","b"] are not present.
        var start = message.IndexOf('[', StringComparison.Ordinal);
        var end = message.LastIndexOf(']');
        if (start >= 0 && end > start)
        {
            try
            {
                var names = JsonSerializer.Deserialize<string[]>(message[start..(end + 1)]);
                if (names is { Length: > 0 })
                {
                    return names;
                }
            }
            catch (JsonException)
            {
                // Fall through to the message itself.
            }
        }

        return [message];
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

        if (spec.Scoring.Tokenization == Tokenization.Joint && spec.Scoring.Strategy != "paper-forward")
        {
            errors.Add(new SpecError("$.scoring.tokenization", $"joint tokenisation is the authors' paper-forward procedure; strategy '{spec.Scoring.Strategy}' tokenises each answer apart from the prompt"));
        }

        if (spec.Kind == ExperimentKind.Collapse)
        {
            CollapseErrors(spec, tasks, errors);
        }
        else if (spec.Collapse is not null)
        {
            errors.Add(new SpecError("$.collapse", "is only for experiments of kind collapse"));
        }
        else if (tasks.Count == spec.Tasks.Count && tasks.Count > 0 && tasks[0].Family.ExamplesProblem(spec.Examples) is { } problem)
        {
            errors.Add(new SpecError("$.examples", problem));
        }

        return errors;
    }

    private static void CollapseErrors(ExperimentSpec spec, List<TaskDefinition> tasks, List<SpecError> errors)
    {
        foreach (var (field, used) in new[] { ("distributions", spec.Distributions.Count > 0), ("examples", spec.Examples != 0), ("prompts", spec.Prompts != 0) })
        {
            if (used)
            {
                errors.Add(new SpecError($"$.{field}", "is not used by a collapse experiment: give the initial examples in $.collapse.initial"));
            }
        }

        var collapse = spec.Collapse!;
        var initial = collapse.Initial;
        var total = 0;
        if (initial.Counts is not null && (initial.Distribution is not null || initial.Examples is not null))
        {
            errors.Add(new SpecError("$.collapse.initial", "give either counts, or a distribution and a number of examples, not both"));
            return;
        }

        if (initial.Counts is { } counts)
        {
            if (counts.Count != spec.Tasks.Count)
            {
                errors.Add(new SpecError("$.collapse.initial.counts", $"has {counts.Count} counts but the spec has {spec.Tasks.Count} tasks: one count per task"));
                return;
            }

            total = counts.Sum();
        }
        else if (initial.Distribution is null || initial.Examples is null)
        {
            errors.Add(new SpecError("$.collapse.initial", "needs counts, or a distribution and a number of examples"));
            return;
        }
        else
        {
            try
            {
                var resolved = initial.Resolve(spec.Tasks.Count);
                if (resolved.Any(c => c < 1))
                {
                    errors.Add(new SpecError("$.collapse.initial", $"gives counts {string.Join(", ", resolved)}: every task needs at least one initial example (the urn's parameters must be positive)"));
                    return;
                }

                total = resolved.Sum();
            }
            catch (ArgumentException e)
            {
                errors.Add(new SpecError("$.collapse.initial.distribution", e.Message.Split(" (Parameter", 2)[0]));
                return;
            }
        }

        if (tasks.Count == spec.Tasks.Count)
        {
            var family = tasks[0].Family;
            if (family.ExamplesRepeatQuestions)
            {
                // Such a family keeps a prompt's final question out of its examples only by holding questions out.
                var heldOut = family.HeldOutQuestions.Count == 1
                    ? $"question {family.HeldOutQuestions[0]} is"
                    : $"questions {string.Join(", ", family.HeldOutQuestions)} are";
                errors.Add(new SpecError("$.tasks", $"the '{family.Id}' family's examples repeat its {family.ExampleQuestions.Count} questions, so only its held-out {heldOut} never among them; a collapse run asks a new question at every turn, which must not be among the lines before it"));
            }
            else if (total + collapse.Turns > family.AllQuestions.Count)
            {
                errors.Add(new SpecError("$.collapse.turns", $"{total} initial examples and {collapse.Turns} turns need {total + collapse.Turns} distinct questions, as no question may be among the lines before it; the '{family.Id}' family has {family.AllQuestions.Count}"));
            }
        }
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

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    // The schema both as the validator reads it and as JSON, whose keyword values the error messages quote.
    private static readonly Lazy<(JsonSchema Schema, JsonNode Json)> Schema = new(() =>
    {
        using var stream = typeof(SpecLoader).Assembly.GetManifestResourceStream("Superposition.Specs.experiment-spec.schema.json")
            ?? throw new InvalidOperationException("The experiment spec schema is missing from the domain assembly.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return (JsonSchema.FromText(text), JsonNode.Parse(text)!);
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
            throw new SpecValidationException(path, [new SpecError("$", ReadProblem(path, e))]);
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
            return [new SpecError("$", JsonSyntaxProblem(json, e))];
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
        var result = Schema.Value.Schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : SpecSchemaErrors.From(result, Schema.Value.Json, root);
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

        // The schema admits only positive numbers; a spec built in code is held to the same rule.
        if (spec.Polya is { Alpha: var alpha } && !(double.IsFinite(alpha) && alpha > 0))
        {
            errors.Add(new SpecError("$.polya.alpha", $"is {alpha.ToString(CultureInfo.InvariantCulture)}: the Dirichlet concentration α must be a positive finite number"));
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
        for (var setting = 0; setting < collapse.Initial.Count; setting++)
        {
            InitialErrors(spec, tasks, collapse, setting, errors);
        }
    }

    private static void InitialErrors(ExperimentSpec spec, List<TaskDefinition> tasks, CollapseSpec collapse, int setting, List<SpecError> errors)
    {
        var initial = collapse.Initial[setting];
        var path = collapse.Initial.PathOf(setting);
        var total = 0;
        if (initial.Counts is not null && (initial.Distribution is not null || initial.Examples is not null))
        {
            errors.Add(new SpecError(path, "give either counts, or a distribution and a number of examples, not both"));
            return;
        }

        if (initial.Counts is { } counts)
        {
            if (counts.Count != spec.Tasks.Count)
            {
                errors.Add(new SpecError($"{path}.counts", $"has {counts.Count} counts but the spec has {spec.Tasks.Count} tasks: one count per task"));
                return;
            }

            total = counts.Sum();
        }
        else if (initial.Distribution is null || initial.Examples is null)
        {
            errors.Add(new SpecError(path, "needs counts, or a distribution and a number of examples"));
            return;
        }
        else
        {
            try
            {
                var resolved = initial.Resolve(spec.Tasks.Count);
                if (resolved.Any(c => c < 1))
                {
                    errors.Add(new SpecError(path, $"gives counts {string.Join(", ", resolved)}: every task needs at least one initial example (the urn's parameters must be positive)"));
                    return;
                }

                total = resolved.Sum();
            }
            catch (DistributionException e)
            {
                errors.Add(new SpecError($"{path}.distribution", e.Problem));
                return;
            }
        }

        if (tasks.Count == spec.Tasks.Count && tasks[0].Family is { ExamplesRepeatQuestions: false } family && total + collapse.Turns > family.AllQuestions.Count)
        {
            var which = collapse.Initial.AsArray ? $" (initial setting {setting})" : "";
            errors.Add(new SpecError("$.collapse.turns", $"{total} initial examples{which} and {collapse.Turns} turns need {total + collapse.Turns} distinct questions, as no question may be among the lines before it; the '{family.Id}' family has {family.AllQuestions.Count}"));
        }
    }

    // The project's words for what the parser found, from its position alone: the exception's text is the
    // runtime's, which may be localised.
    internal static string JsonSyntaxProblem(string json, JsonException e)
    {
        var line = (int)(e.LineNumber ?? 0);
        var column = (int)(e.BytePositionInLine ?? 0);
        var lines = json.Split('\n');
        var bytes = line < lines.Length ? Encoding.UTF8.GetBytes(lines[line].TrimEnd('\r')) : [];
        string found;
        if (column < bytes.Length)
        {
            Rune.DecodeFromUtf8(bytes.AsSpan(column), out var rune, out _);
            found = $"unexpected '{rune}'";
        }
        else
        {
            found = lines.Skip(line + 1).All(string.IsNullOrWhiteSpace) ? "the text ends too early" : "unexpected end of the line";
        }

        return string.Create(CultureInfo.InvariantCulture, $"not valid JSON (line {line + 1}, position {column + 1}): {found}");
    }

    internal static string ReadProblem(string path, Exception e) => e switch
    {
        FileNotFoundException => "the file does not exist",
        DirectoryNotFoundException => "the folder of the file does not exist",
        UnauthorizedAccessException when Directory.Exists(path) => "is a folder, not a file",
        UnauthorizedAccessException => "the file may not be read (permission denied)",
        // Other I/O failures have no type of their own; the operating system's text is all there is.
        _ => $"cannot read the file: {e.Message}",
    };
}

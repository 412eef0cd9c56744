using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Superposition.Engine.Validation;
using Superposition.Functions.Hosting;
using Superposition.Specs;

namespace Superposition.Functions.Http;

/// <summary>
/// Validates a posted spec: everything <see cref="SpecLoader"/> checks, plus this app's limits, that every model is
/// known, and the engine's checks (<see cref="ExperimentValidator"/>: a trained model is never asked what it never
/// learnt), the same that <c>superposition run</c> makes. Limits and models are checked on the JSON itself, so a spec
/// with several problems hears of all of them.
/// </summary>
public sealed class SpecRequestValidator(IOptions<LimitsOptions> limits, Func<string, string?> modelProblem, ExperimentValidator engine)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Every problem (empty when valid), and the spec when valid.</summary>
    public IReadOnlyList<SpecError> Validate(string json, out ExperimentSpec? spec)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<SpecError>(SpecLoader.Validate(json, out spec));
        if (spec is not null)
        {
            errors.AddRange(engine.Validate(spec));
        }

        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            errors.AddRange(Limits(document.RootElement).Where(e => !errors.Any(x => x.Path == e.Path && x.Message == e.Message)));
        }
        catch (JsonException)
        {
            // SpecLoader has reported the syntax error.
        }

        if (errors.Count > 0)
        {
            spec = null;
        }

        return errors;
    }

    private IEnumerable<SpecError> Limits(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        var limit = limits.Value;
        var prompts = Integer(root, "prompts");
        if (prompts > limit.MaxPrompts)
        {
            yield return new SpecError("$.prompts", Over(prompts.Value, limit.MaxPrompts, "prompts per distribution", "Superposition:Limits:MaxPrompts"));
        }

        var examples = Integer(root, "examples");
        if (examples > limit.MaxExamples)
        {
            yield return new SpecError("$.examples", Over(examples.Value, limit.MaxExamples, "examples per prompt", "Superposition:Limits:MaxExamples"));
        }

        var models = root.TryGetProperty("models", out var m) && m.ValueKind == JsonValueKind.Array ? m : (JsonElement?)null;
        if (models is { } list)
        {
            if (list.GetArrayLength() > limit.MaxModels)
            {
                yield return new SpecError("$.models", Over(list.GetArrayLength(), limit.MaxModels, "models", "Superposition:Limits:MaxModels"));
            }

            var index = 0;
            foreach (var model in list.EnumerateArray())
            {
                if (model.ValueKind == JsonValueKind.String && model.GetString() is { Length: > 0 } name && modelProblem(name) is { } problem)
                {
                    yield return new SpecError($"$.models[{index}]", problem);
                }

                index++;
            }
        }

        var distributions = root.TryGetProperty("distributions", out var d) && d.ValueKind == JsonValueKind.Array ? d.GetArrayLength() : 0;
        var items = (long)(prompts ?? 0) * distributions * (models?.GetArrayLength() ?? 0);
        if (items > limit.MaxWorkItems)
        {
            yield return new SpecError("$", string.Create(CultureInfo.InvariantCulture, $"{items} work items (prompts × distributions × models) exceed the limit of {limit.MaxWorkItems} (Superposition:Limits:MaxWorkItems); run it with `superposition run`"));
        }
    }

    private static int? Integer(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    private static string Over(int value, int max, string what, string setting) =>
        string.Create(CultureInfo.InvariantCulture, $"{value} {what} exceed the limit of {max} ({setting}); run larger experiments with `superposition run`");
}

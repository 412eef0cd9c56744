using System.Text.Json.Nodes;

namespace Superposition.Domain.Tests.Training;

/// <summary>Training spec texts for the tests: a valid numbers spec and edits of it.</summary>
internal static class TrainingSpecs
{
    public const string Numbers = """
        {
          "version": 1,
          "name": "numbers-test",
          "family": "number",
          "tasks": ["number.identity", "number.negate", "number.increment", "number.decrement", "number.double", "number.square"],
          "regime": {"kind": "dirichlet", "alpha": 1},
          "examples": {"min": 1, "max": 10},
          "inputs": "all",
          "model": {"layers": 2, "width": 32, "heads": 4, "context": 128},
          "training": {"steps": 100, "batch": 8, "lr": 0.001, "warmupSteps": 10, "schedule": "cosine", "weightDecay": 0.1, "loss": "answers"},
          "heldout": 16,
          "seed": 7
        }
        """;

    /// <summary>The numbers spec with a time budget of <paramref name="minutes"/> instead of its 100 steps.</summary>
    public static string WithBudget(string minutes) => With("/training/budgetMinutes", minutes, With("/training/steps", null));

    /// <summary>The numbers spec with the value at a JSON pointer replaced (a null value removes it).</summary>
    public static string With(string pointer, string? value, string json = Numbers)
    {
        var root = JsonNode.Parse(json)!;
        var segments = pointer.Trim('/').Split('/');
        var parent = root;
        foreach (var segment in segments[..^1])
        {
            parent = int.TryParse(segment, out var index) ? parent[index]! : parent[segment]!;
        }

        var last = segments[^1];
        if (parent is JsonArray array)
        {
            array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value is null ? null : JsonNode.Parse(value);
        }
        else if (value is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = JsonNode.Parse(value);
        }

        return root.ToJsonString();
    }
}

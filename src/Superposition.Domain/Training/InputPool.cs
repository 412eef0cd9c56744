using System.Text.Json.Serialization;
using Superposition.Tasks;

namespace Superposition.Training;

/// <summary>
/// The questions training lines may use. In a spec: <c>"all"</c> (every question of the family, the evaluation's
/// held-out ones included), <c>"example-questions"</c> (only those evaluation examples use), or a list of questions.
/// </summary>
/// <param name="Named">"all" or "example-questions"; null for a list.</param>
/// <param name="Questions">The listed questions; null for a named pool.</param>
[JsonConverter(typeof(InputPoolJsonConverter))]
public sealed record InputPool(string? Named, IReadOnlyList<string>? Questions)
{
    public const string All = "all";
    public const string ExampleQuestions = "example-questions";

    /// <summary>The pool's questions for a family, in the family's order (or the list's).</summary>
    public IReadOnlyList<string> Resolve(TaskFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return (Named, Questions) switch
        {
            (All, _) => family.AllQuestions,
            (ExampleQuestions, _) => family.ExampleQuestions,
            (null, { } questions) => questions,
            _ => throw new InvalidOperationException($"Input pool '{Named}' is neither {All}, {ExampleQuestions} nor a list."),
        };
    }
}

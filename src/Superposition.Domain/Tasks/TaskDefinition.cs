namespace Superposition.Tasks;

/// <summary>
/// One in-context task: a deterministic map from a question of its family to the task's canonical answer.
/// </summary>
/// <param name="Id">Stable id used in specs, results and reports (e.g. <c>country.capital</c>).</param>
/// <param name="Family">The family whose question format the task shares.</param>
/// <param name="Description">One line for humans, with an example.</param>
/// <param name="Answer">The canonical answer to a question of the family.</param>
public sealed record TaskDefinition(string Id, TaskFamily Family, string Description, Func<string, string> Answer)
{
    public override string ToString() => Id;
}

using Superposition.Results;

namespace Superposition.Nightly;

/// <summary>
/// Every prompt's headline measures of one run (<c>experiments/{id}/measures.json</c>), stored at aggregation so
/// that a later night's drift test reads one compact document per baseline instead of all its results again.
/// Deterministic: groups by model then distribution, prompts by id (ordinal).
/// </summary>
/// <param name="Version">Document format version.</param>
/// <param name="RunId">The run.</param>
/// <param name="Groups">Per model and distribution.</param>
public sealed record RunMeasures(int Version, string RunId, IReadOnlyList<GroupMeasures> Groups)
{
    public const int CurrentVersion = 1;

    /// <summary>The group of a model and distribution; null when the run has none.</summary>
    public GroupMeasures? Group(string model, string distribution) =>
        Groups.FirstOrDefault(g => g.Model == model && g.Distribution == distribution);

    /// <summary>Collects a run's measures from its results, one at a time (results without P(answer + "\n") are skipped).</summary>
    public sealed class Builder(string runId)
    {
        private readonly Dictionary<(string Model, string Distribution), List<PromptMeasure>> _groups = [];

        public void Add(PromptResult result)
        {
            ArgumentNullException.ThrowIfNull(result);
            if (result.Terminated is not { } kl)
            {
                return;
            }

            if (!_groups.TryGetValue((result.Model, result.Distribution), out var prompts))
            {
                prompts = [];
                _groups.Add((result.Model, result.Distribution), prompts);
            }

            prompts.Add(new PromptMeasure(PromptMeasure.IdOf(result), kl.KlRaw, kl.KlNormalized, kl.ValidMass));
        }

        public RunMeasures Build() => new(
            CurrentVersion,
            runId,
            [.. _groups
                .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Distribution, StringComparer.Ordinal)
                .Select(g => new GroupMeasures(g.Key.Model, g.Key.Distribution, [.. g.Value.OrderBy(p => p.Id, StringComparer.Ordinal)]))]);
    }
}

using Superposition.Prompts;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Storage.Layout;

namespace Superposition.Testing;

/// <summary>
/// Result documents of a synthetic model that gives task i the probability mass · D_i (calibrated, with valid
/// mass <c>mass</c>), for tests of aggregation that do not need a model (the engine's and the Functions app's).
/// </summary>
public static class SyntheticResults
{
    public static PromptResult For(ExperimentSpec spec, WorkItem item, double mass = 1)
    {
        var prompt = new PromptGenerator(spec.ResolveTasks()).Generate(spec.ResolveDistribution(item.Distribution), spec.Examples, spec.Seed, item.Prompt);
        var candidates = prompt.Candidates.Select((c, i) =>
        {
            var p = AnswerProbability.Exact(Math.Log(mass * prompt.Shares[i]));
            return new CandidateScore(c.Task, c.Answer, p, p);
        }).ToList();
        return PromptResult.Create(spec.Name, prompt, new PromptScore(item.Model, "echo", candidates, new ScoringCost(1, 100, 0, 0, 1)), DateTimeOffset.UnixEpoch);
    }
}

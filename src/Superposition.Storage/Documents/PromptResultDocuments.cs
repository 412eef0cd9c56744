using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;

namespace Superposition.Storage.Documents;

/// <summary>
/// Reads result documents of every format version. Version 2 carries both measures of each answer; a version 1
/// document (written before the suite recorded the prefix-inclusive P beside P(answer + "\n")) holds one measure,
/// the one its <c>terminator</c> flag names, and is read as a version 2 document with that measure alone, so that
/// an experiment resumed or aggregated across the change loses none of its results.
/// </summary>
public static class PromptResultDocuments
{
    public static PromptResult FromData(BinaryData data, string path)
    {
        var result = StorageJson.FromData<PromptResult>(data, path);
        return result.Version switch
        {
            PromptResult.CurrentVersion => result,
            1 => Upgrade(StorageJson.FromData<PromptResultV1>(data, path)),
            _ => throw new InvalidDataException($"{path} is a result document of version {result.Version}; this build reads versions 1 and {PromptResult.CurrentVersion}."),
        };
    }

    private static PromptResult Upgrade(PromptResultV1 v1)
    {
        var candidates = v1.Candidates
            .Select(c =>
            {
                var probability = new AnswerProbability(c.LogProbability, c.Exactness, c.LowerLogProbability, c.UpperLogProbability);
                return new CandidateScore(c.Task, c.Answer, v1.Terminator ? probability : null, v1.Terminator ? null : probability);
            })
            .ToList();
        var numbers = new MeasuredKl(v1.KlRaw, v1.KlNormalized, v1.ValidMass, v1.Exact);
        return new PromptResult(
            PromptResult.CurrentVersion,
            v1.Experiment,
            v1.Model,
            v1.Distribution,
            v1.PromptIndex,
            v1.Tasks,
            v1.Counts,
            v1.Target,
            v1.Question,
            candidates,
            v1.Terminator ? numbers : null,
            v1.Terminator ? null : numbers,
            v1.Strategy,
            Tokenization.Separate,
            v1.Cost,
            v1.ScoredAt);
    }

    private sealed record CandidateV1(string Task, string Answer, double LogProbability, Exactness Exactness, double? LowerLogProbability, double? UpperLogProbability);

    private sealed record PromptResultV1(
        int Version,
        string Experiment,
        string Model,
        string Distribution,
        int PromptIndex,
        IReadOnlyList<string> Tasks,
        IReadOnlyList<int> Counts,
        IReadOnlyList<double> Target,
        string Question,
        IReadOnlyList<CandidateV1> Candidates,
        double KlRaw,
        double KlNormalized,
        double ValidMass,
        bool Exact,
        string Strategy,
        bool Terminator,
        ScoringCost Cost,
        DateTimeOffset ScoredAt);
}

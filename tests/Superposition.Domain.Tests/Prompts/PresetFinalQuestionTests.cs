using Superposition.Collapse;
using Superposition.Prompts;
using Superposition.Specs;

namespace Superposition.Domain.Tests.Prompts;

/// <summary>
/// The invariant every family keeps: a prompt's final question is never one of its examples' questions, so a
/// model cannot answer it by copying an earlier line. Checked on every prompt the presets ask for.
/// </summary>
public sealed class PresetFinalQuestionTests
{
    private static string PresetFolder => Path.Combine(AppContext.BaseDirectory, "experiments");

    public static TheoryData<string> CalibrationPresets => new(Presets(ExperimentKind.Calibration));

    public static TheoryData<string> CollapsePresets => new(Presets(ExperimentKind.Collapse));

    [Theory]
    [MemberData(nameof(CalibrationPresets))]
    public void Every_prompt_of_a_calibration_preset_asks_a_final_question_not_among_its_examples(string file)
    {
        var spec = SpecLoader.LoadFile(Path.Combine(PresetFolder, file));
        var generator = new PromptGenerator(spec.ResolveTasks());
        foreach (var distribution in spec.ResolveDistributions())
        {
            foreach (var prompt in generator.GenerateMany(distribution, spec.Examples, spec.Prompts, spec.Seed))
            {
                var seen = prompt.Examples.Select(e => e.Question).ToHashSet(StringComparer.Ordinal);
                Assert.False(seen.Contains(prompt.Question), $"{file} {distribution.Name} prompt {prompt.Index}: final question '{prompt.Question}' is an example");
            }
        }
    }

    [Theory]
    [MemberData(nameof(CollapsePresets))]
    public void Every_run_of_a_collapse_preset_starts_with_a_question_not_among_its_initial_examples(string file)
    {
        var spec = SpecLoader.LoadFile(Path.Combine(PresetFolder, file));
        var collapse = spec.Collapse!;
        var separator = spec.ResolveTasks()[0].Family.Separator;
        for (var runIndex = 0; runIndex < collapse.Runs; runIndex++)
        {
            var run = new MultiTurnRun(spec.ResolveTasks(), collapse.Initial[0].Resolve(spec.Tasks.Count), collapse.Turns, spec.Seed, runIndex);
            var seen = run.Prompt.Split('\n').SkipLast(1).Select(line => line.Split(separator)[0]).ToHashSet(StringComparer.Ordinal);
            Assert.False(seen.Contains(run.Question), $"{file} run {runIndex}: first question '{run.Question}' is an initial example");
        }
    }

    private static IEnumerable<string> Presets(ExperimentKind kind) =>
        Directory.GetFiles(PresetFolder, "*.json")
            .Where(path => SpecLoader.LoadFile(path).Kind == kind)
            .Select(path => Path.GetFileName(path))
            .Order(StringComparer.Ordinal);
}

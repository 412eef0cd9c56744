using System.CommandLine;
using Spectre.Console;
using Superposition.Collapse;
using Superposition.Prompts;
using Superposition.Specs;

namespace Superposition.Cli.Commands;

/// <summary><c>superposition prompt &lt;spec-file&gt; [--distribution D2] [--prompt-index i] [--json]</c>: shows one prompt of a spec.</summary>
internal static class PromptCommand
{
    public static Command Create(CliConsole console)
    {
        var specFile = new Argument<string>("spec-file") { Description = "Experiment spec (JSON), e.g. experiments/fig6-numbers.json." };
        var distribution = new Option<string?>("--distribution", "-d") { Description = "Distribution name from the spec (default: the spec's first)." };
        var index = new Option<int>("--prompt-index", "-i") { Description = "Which prompt of the distribution, from 0 (default 0)." };
        var json = new Option<bool>("--json") { Description = "Write the prompt, its examples and candidates as JSON." };
        var command = new Command("prompt", "Print one prompt of an experiment spec, as a model would receive it.") { specFile, distribution, index, json };
        command.SetAction(parse => Run(console, parse.GetValue(specFile)!, parse.GetValue(distribution), parse.GetValue(index), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string specFile, string? distributionName, int index, bool json)
    {
        var spec = SpecFiles.Load(specFile);
        if (spec.Collapse is { } collapse)
        {
            return RunStart(console, spec, collapse, distributionName, index, json);
        }

        var distribution = distributionName is null
            ? spec.ResolveDistributions()[0]
            : spec.Distributions.Any(d => d.Name == distributionName)
                ? spec.ResolveDistribution(distributionName)
                : throw new CliInputException($"--distribution: spec '{spec.Name}' has no distribution '{distributionName}'; it has {string.Join(", ", spec.Distributions.Select(d => d.Name))}");
        if (index < 0 || index >= spec.Prompts)
        {
            throw new CliInputException($"--prompt-index: {index} is outside 0..{spec.Prompts - 1} (the spec has {spec.Prompts} prompts per distribution)");
        }

        var prompt = new PromptGenerator(spec.ResolveTasks()).Generate(distribution, spec.Examples, spec.Seed, index);
        if (json)
        {
            console.WriteJson(new PromptJson(prompt.Text, prompt.Examples, prompt.Question, prompt.Candidates, prompt.Distribution, prompt.Index, prompt.Tasks, prompt.Counts, prompt.Redraws));
            return CliApp.Success;
        }

        console.Out.WriteLine(prompt.Text);
        console.Out.WriteLine();
        var table = new Table().Title($"{spec.Name} · {prompt.Distribution} · prompt {prompt.Index} · final question {Markup.Escape(prompt.Question)}")
            .AddColumns("task", "examples", "share", "candidate answer");
        var shares = prompt.Shares;
        for (var i = 0; i < prompt.Tasks.Count; i++)
        {
            table.AddRow(prompt.Tasks[i], prompt.Counts[i].ToString(Format.Invariant), shares[i].ToString("0.000", Format.Invariant), Markup.Escape(prompt.Candidates[i].Answer));
        }

        console.Ansi.Write(table);
        if (prompt.Redraws > 0)
        {
            console.Out.WriteLine($"{prompt.Redraws} final question(s) re-drawn because two tasks answered them alike.");
        }

        return CliApp.Success;
    }

    /// <summary>A collapse experiment has no fixed prompts: show how run <paramref name="index"/> starts.</summary>
    private static int RunStart(CliConsole console, ExperimentSpec spec, CollapseSpec collapse, string? distributionName, int index, bool json)
    {
        if (distributionName is not null)
        {
            throw new CliInputException($"--distribution: '{spec.Name}' is a collapse experiment; its runs start from $.collapse.initial");
        }

        if (index < 0 || index >= collapse.TotalRuns)
        {
            throw new CliInputException($"--prompt-index: {index} is outside 0..{collapse.TotalRuns - 1} (the spec has {collapse.TotalRuns} runs)");
        }

        var run = new MultiTurnRun(spec.ResolveTasks(), collapse.InitialCountsOf(index, spec.Tasks.Count), collapse.Turns, spec.Seed, index);
        if (json)
        {
            console.WriteJson(new { Prompt = run.Prompt, run.Question, run.Candidates, Run = index, spec.Tasks, Counts = run.InitialCounts });
            return CliApp.Success;
        }

        console.Out.WriteLine(run.Prompt);
        console.Out.WriteLine();
        console.Out.WriteLine($"{spec.Name}: run {index} starts from counts {string.Join(", ", run.InitialCounts)} and takes {collapse.Turns} turns at temperature {collapse.Temperature.ToString(Format.Invariant)}.");
        return CliApp.Success;
    }

    private sealed record PromptJson(
        string Prompt,
        IReadOnlyList<Example> Examples,
        string Question,
        IReadOnlyList<Candidate> Candidates,
        string Distribution,
        int Index,
        IReadOnlyList<string> Tasks,
        IReadOnlyList<int> Counts,
        int Redraws);
}

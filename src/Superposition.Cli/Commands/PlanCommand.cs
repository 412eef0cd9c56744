using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Superposition.Scoring.Models;
using Superposition.Scoring.Planning;

namespace Superposition.Cli.Commands;

/// <summary>
/// <c>superposition plan &lt;spec-file&gt; [--model m]... [--strategy s] [--limit n] [--json]</c>: before anything is
/// sent, the requests, prompt and completion tokens and cost (where the model has prices) per model and strategy.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliConsole console, Func<IConfiguration> configuration)
    {
        var specFile = new Argument<string>("spec-file") { Description = "Experiment spec (JSON), e.g. experiments/fig6-numbers.json." };
        var models = new Option<string[]>("--model", "-m") { Description = "Model names (default: the spec's models).", AllowMultipleArgumentsPerToken = true };
        var strategy = new Option<string?>("--strategy", "-s") { Description = "One strategy (default: every strategy; auto's expected pick is marked)." };
        var limit = new Option<int?>("--limit", "-n") { Description = "Prompts per distribution (default: the spec's count)." };
        var json = new Option<bool>("--json") { Description = "Write the plan rows as JSON." };
        var command = new Command("plan", "Count the requests, tokens and cost of scoring a spec, per model and strategy, before sending anything.") { specFile, models, strategy, limit, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var spec = SpecFiles.Load(parse.GetValue(specFile)!);
            var names = parse.GetValue(models) is { Length: > 0 } m ? m : [.. spec.Models];
            var chosen = parse.GetValue(strategy) is { } s ? [ScoringServices.Strategy(s)] : (IReadOnlyList<string>?)null;
            var count = ScoringServices.Limit(parse.GetValue(limit));
            await using var services = ScoringServices.Create(configuration());
            IReadOnlyList<PlanRow> rows;
            try
            {
                rows = services.GetRequiredService<ScoringPlanner>().Plan(spec, names, chosen, count);
            }
            catch (ModelConfigurationException e)
            {
                throw new CliInputException(e.Message);
            }

            if (parse.GetValue(json))
            {
                console.WriteJson(new { Spec = spec.Name, Rows = rows });
                return CliApp.Success;
            }

            var table = new Table().Title($"Plan for {Markup.Escape(spec.Name)} ({rows.FirstOrDefault()?.Prompts ?? 0} prompts per model)")
                .AddColumns("model", "strategy", "requests", "per prompt", "prompt tokens", "completion tokens", "cost", "note");
            foreach (var r in rows)
            {
                table.AddRow(
                    Markup.Escape(r.Model),
                    r.Strategy + (r.IsAuto ? " (auto)" : string.Empty),
                    r.Requests.ToString("N0", Format.Invariant),
                    r.Prompts > 0 ? (r.Requests / (double)r.Prompts).ToString("0.##", Format.Invariant) : "-",
                    r.PromptTokens.ToString("N0", Format.Invariant),
                    r.CompletionTokens.ToString("N0", Format.Invariant),
                    r.Cost is { } c ? c.ToString("0.####", Format.Invariant) : "-",
                    Markup.Escape(r.Note ?? string.Empty));
            }

            console.Ansi.Write(table);
            return CliApp.Success;
        });
        return command;
    }
}

using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Superposition.Prompts;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Scoring;
using Superposition.Scoring.Models;
using Superposition.Scoring.Planning;

namespace Superposition.Cli.Commands;

/// <summary>
/// <c>superposition score &lt;spec-file&gt; --model &lt;name&gt; [--strategy s] [--tokenization t] [--limit n] [--json]</c>:
/// scores the spec's prompts on one model and prints per-prompt P (with its end, and prefix-inclusive), the
/// paper-comparable KL_raw, KL_raw, KL_norm and valid mass, and the totals of requests and tokens. Reference models need no configuration (an in-process reference server on loopback serves them).
/// A prompt whose scoring failed is listed with its cause and makes the exit code 1; it never gets numbers.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create(CliConsole console, Func<IConfiguration> configuration)
    {
        var specFile = new Argument<string>("spec-file") { Description = "Experiment spec (JSON), e.g. experiments/fig6-numbers.json." };
        var model = new Option<string>("--model", "-m") { Description = "Model name (configured, or a reference model).", Required = true };
        var strategy = new Option<string?>("--strategy", "-s") { Description = "auto, echo, trie, chat, sample, paper-forward, paper-beam or beam (default: the spec's)." };
        var tokenization = new Option<string?>("--tokenization") { Description = "separate, or joint (the authors' tokenisation of prompt + answer; paper-forward only). Default: the spec's." };
        var limit = new Option<int?>("--limit", "-n") { Description = "Prompts per distribution (default: the spec's count)." };
        var json = new Option<bool>("--json") { Description = "Write prompts (per measure: probabilities by task, klRaw, klNormalized, validMass, exact) and totals as JSON." };
        var command = new Command("score", "Score a spec's prompts on a model: P per task (with its end, and prefix-inclusive), KL_raw, KL_norm, valid mass, and what it cost.") { specFile, model, strategy, tokenization, limit, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var spec = SpecFiles.Load(parse.GetValue(specFile)!);
            var name = parse.GetValue(model)!;
            var options = spec.Scoring with
            {
                Strategy = ScoringServices.Strategy(parse.GetValue(strategy) ?? spec.Scoring.Strategy),
                Tokenization = ScoringServices.Tokenization(parse.GetValue(tokenization)) ?? spec.Scoring.Tokenization,
            };
            if (options.Tokenization == Specs.Tokenization.Joint && options.Strategy != Scoring.Strategies.StrategyNames.PaperForward)
            {
                throw new CliInputException($"--tokenization: joint tokenisation is the authors' paper-forward procedure; strategy '{options.Strategy}' tokenises each answer apart from the prompt");
            }

            var prompts = ScoringPlanner.Prompts(spec, ScoringServices.Limit(parse.GetValue(limit)));
            await using var services = ScoringServices.Create(configuration());
            var scorer = services.GetRequiredService<IPromptScorer>();
            ModelDescriptor descriptor;
            try
            {
                descriptor = scorer.Describe(name);
            }
            catch (ModelConfigurationException e)
            {
                throw new CliInputException("--model: " + e.Message);
            }

            if (EngineServices.LoadProblem(services.GetRequiredService<ModelCatalog>(), [name]) is { } problem)
            {
                return console.Failed(problem);
            }

            var outcomes = new (PromptResult? Result, string? Error)[prompts.Count];
            try
            {
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, prompts.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = descriptor.MaxConcurrency, CancellationToken = cancellationToken },
                    async (i, ct) => outcomes[i] = await ScoreOneAsync(scorer, spec.Name, name, prompts[i], options, ct));
            }
            catch (ModelConfigurationException e)
            {
                throw new CliInputException("--model: " + e.Message);
            }

            Report(console, spec.Name, name, prompts, outcomes, parse.GetValue(json));
            return outcomes.Any(o => o.Error is not null) ? CliApp.Failure : CliApp.Success;
        });
        return command;
    }

    private static async Task<(PromptResult?, string?)> ScoreOneAsync(IPromptScorer scorer, string experiment, string model, Prompt prompt, Specs.ScoringSpec options, CancellationToken cancellationToken)
    {
        try
        {
            var score = await scorer.ScoreAsync(model, prompt, options, cancellationToken);
            return (PromptResult.Create(experiment, prompt, score, DateTimeOffset.UtcNow), null);
        }
        catch (ScoringFailedException e)
        {
            return (null, e.Message);
        }
    }

    private static void Report(CliConsole console, string experiment, string model, IReadOnlyList<Prompt> prompts, (PromptResult? Result, string? Error)[] outcomes, bool json)
    {
        var results = outcomes.Where(o => o.Result is not null).Select(o => o.Result!).ToList();
        var total = results.Select(r => r.Cost).Aggregate(ScoringCost.None, (a, b) => a.Add(b));
        var totals = new Totals(results.Count, outcomes.Count(o => o.Error is not null), total.Requests, total.PromptTokens, total.CachedTokens, total.CompletionTokens);
        if (json)
        {
            console.WriteJson(new
            {
                Experiment = experiment,
                Model = model,
                Strategy = results.FirstOrDefault()?.Strategy,
                Prompts = results.Select(r => new PromptJson(r.Distribution, r.PromptIndex, r.Question, Measure(r, AnswerMeasure.Terminated), Measure(r, AnswerMeasure.Prefix))),
                Failures = prompts.Select((p, i) => (p, outcomes[i].Error)).Where(x => x.Error is not null).Select(x => new { x.p.Distribution, Index = x.p.Index, x.Error }),
                Totals = totals,
            });
            WriteErrors(console, prompts, outcomes);
            return;
        }

        var tasks = prompts.Count > 0 ? prompts[0].Tasks : [];
        var table = new Table().Title($"{Markup.Escape(experiment)} on {Markup.Escape(model)} · {results.FirstOrDefault()?.Strategy ?? "-"} · P(answer + \\n) / prefix-inclusive P; paper KL_raw is of the second")
            .AddColumn("prompt");
        foreach (var task in tasks)
        {
            table.AddColumn(Markup.Escape(task));
        }

        table.AddColumns("paper KL_raw", "KL_raw", "KL_norm", "valid mass", "exact");
        foreach (var r in results)
        {
            var t = r.Terminated;
            table.AddRow([
                $"{r.Distribution}/{r.PromptIndex}",
                .. r.Candidates.Select(c => $"{Probability(c.Terminated)} / {Probability(c.Prefix)}"),
                r.Prefix is { } p ? Format.Number(p.KlRaw) : "–",
                t is null ? "–" : Format.Number(t.KlRaw),
                t is null ? "–" : Format.Number(t.KlNormalized),
                t is null ? "–" : Format.Number(t.ValidMass),
                (t ?? r.Prefix)!.Exact ? "yes" : "no"]);
        }

        console.Ansi.Write(table);
        console.Out.WriteLine(string.Create(Format.Invariant, $"{totals.Scored} prompts scored, {totals.Failed} failed; {totals.Requests} requests, {totals.PromptTokens} prompt tokens ({totals.CachedTokens} cached), {totals.CompletionTokens} completion tokens"));
        WriteErrors(console, prompts, outcomes);
    }

    private static string Probability(AnswerProbability? probability) => probability is null ? "–" : Format.Number(probability.Probability);

    private static MeasureJson? Measure(PromptResult result, AnswerMeasure measure) =>
        result.Of(measure) is { } kl
            ? new MeasureJson(result.Tasks.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => result.Candidates[x.i].Of(measure)!.Probability), kl.KlRaw, kl.KlNormalized, kl.ValidMass, kl.Exact)
            : null;

    private static void WriteErrors(CliConsole console, IReadOnlyList<Prompt> prompts, (PromptResult? Result, string? Error)[] outcomes)
    {
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].Error is { } error)
            {
                console.Error.WriteLine($"failed: {prompts[i].Distribution}/{prompts[i].Index}: {error.ReplaceLineEndings(" ")}");
            }
        }
    }

    private sealed record PromptJson(string Distribution, int Index, string Question, MeasureJson? Terminated, MeasureJson? Prefix);

    private sealed record MeasureJson(IReadOnlyDictionary<string, double> Probabilities, double KlRaw, double KlNormalized, double ValidMass, bool Exact);

    private sealed record Totals(int Scored, int Failed, int Requests, long PromptTokens, long CachedTokens, long CompletionTokens);
}

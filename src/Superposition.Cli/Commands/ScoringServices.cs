using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Superposition.LocalModels;
using Superposition.Scoring;
using Superposition.Scoring.Strategies;

namespace Superposition.Cli.Commands;

/// <summary>
/// The scoring services of a command: models and settings from the CLI's configuration
/// (<see cref="Configuration.CliConfiguration"/>); reference models need none. Dispose to stop an in-process
/// reference server.
/// </summary>
internal static class ScoringServices
{
    public static ServiceProvider Create(IConfiguration configuration) =>
        new ServiceCollection().AddSuperpositionScoring(configuration).AddReferenceModels().AddOnnxModels(configuration).BuildServiceProvider();

    public static string Strategy(string? strategy) =>
        strategy is null || StrategyNames.All.Contains(strategy)
            ? strategy ?? StrategyNames.Auto
            : throw new CliInputException($"--strategy: '{strategy}' is not a strategy; expected one of {string.Join(", ", StrategyNames.All)}");

    /// <summary>The tokenisation named on the command line (null: the spec's).</summary>
    public static Specs.Tokenization? Tokenization(string? tokenization) => tokenization switch
    {
        null => null,
        "separate" => Specs.Tokenization.Separate,
        "joint" => Specs.Tokenization.Joint,
        _ => throw new CliInputException($"--tokenization: '{tokenization}' is not a tokenisation; expected separate or joint"),
    };

    public static int? Limit(int? limit) =>
        limit is null or > 0 ? limit : throw new CliInputException($"--limit must be at least 1 (got {limit})");
}

namespace Superposition.Scoring.Planning;

/// <summary>
/// What scoring a spec's prompts on one model by one strategy will send, before anything is sent.
/// </summary>
/// <param name="Model">Model name.</param>
/// <param name="Strategy">Strategy name.</param>
/// <param name="IsAuto">True for the strategy auto is expected to pick.</param>
/// <param name="Prompts">Prompts to score.</param>
/// <param name="Requests">Requests in all (upper bound for trie, chat walks and paper-beam).</param>
/// <param name="PromptTokens">Prompt tokens sent, in all.</param>
/// <param name="CompletionTokens">Completion tokens asked for, in all (an upper bound).</param>
/// <param name="Cost">Price from the model's settings, when it has prices.</param>
/// <param name="Exact">Whether token counts are exact (the model's own tokeniser ran locally) or estimated with o200k_base.</param>
/// <param name="Note">Why a figure is a bound or an estimate, or why the strategy is not available.</param>
public sealed record PlanRow(string Model, string Strategy, bool IsAuto, int Prompts, long Requests, long PromptTokens, long CompletionTokens, double? Cost, bool Exact, string? Note);

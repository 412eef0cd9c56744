namespace Superposition.OnnxModel.Inference;

/// <summary>
/// What a loaded model has computed since it was loaded: the benchmark's measure of wasted work. Computed tokens
/// count every input_ids slot a forward pass ran (padding included); the minimum a request can cost is its prompt
/// plus its distinct candidate tokens, so computed ÷ minimum shows what batching and the key/value cache save.
/// </summary>
/// <param name="ForwardPasses">Session runs.</param>
/// <param name="ComputedTokens">Σ batch × length of input_ids over every run (padding included).</param>
/// <param name="ScoredSequences">Sequences returned by <c>Score</c>.</param>
/// <param name="ReusedTokens">
/// Prompt tokens whose keys, values and logits came from the cross-request prefix cache instead of a forward pass.
/// </param>
public sealed record OnnxModelStats(long ForwardPasses, long ComputedTokens, long ScoredSequences, long ReusedTokens);

namespace Superposition.Scoring.Backends;

/// <summary>
/// One log-likelihood request (lm-evaluation-harness's (context, continuation) pair, in token ids): the model reads
/// <see cref="Context"/> and then <see cref="Tokens"/> by teacher forcing, and the backend returns the
/// log-probability of each continuation token given everything before it.
/// </summary>
/// <param name="Context">The context's ids (with the tokenizer's special tokens, e.g. a BOS, where it adds them).</param>
/// <param name="Tokens">The continuation's ids; may be empty (then no log-probability is returned).</param>
public sealed record Continuation(int[] Context, int[] Tokens);

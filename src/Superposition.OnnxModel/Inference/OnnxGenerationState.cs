using Superposition.LanguageModels;

namespace Superposition.OnnxModel.Inference;

/// <summary>
/// A point in a text of an ONNX model: the tokens so far, the next-token distribution after them and, where the
/// graph has a key/value cache, the cache of the text (materialised on first need), so that advancing runs ONE
/// token with that past. Without a cache graph a step runs the whole text again. Immutable: advancing makes a new
/// state and never changes this one, so several choices branch from one scored prompt and share its cache.
/// </summary>
internal sealed class OnnxGenerationState : IGenerationState
{
    private readonly OnnxLanguageModel _model;
    private readonly int[] _tokens;
    private readonly Lazy<INextTokenDistribution> _distribution;
    private readonly Lazy<KeyValues>? _keyValues;

    private OnnxGenerationState(OnnxLanguageModel model, int[] tokens, Lazy<INextTokenDistribution> distribution, Lazy<KeyValues>? keyValues)
    {
        _model = model;
        _tokens = tokens;
        _distribution = distribution;
        _keyValues = keyValues;
    }

    public INextTokenDistribution Distribution => _distribution.Value;

    /// <summary>A scored text of a graph without a cache: every step reruns the whole text.</summary>
    public static OnnxGenerationState Whole(OnnxLanguageModel model, int[] tokens, SoftmaxDistribution distribution) =>
        new(model, tokens, new Lazy<INextTokenDistribution>(distribution), null);

    /// <summary>A scored text whose cache is at hand.</summary>
    public static OnnxGenerationState Cached(OnnxLanguageModel model, int[] tokens, INextTokenDistribution distribution, KeyValues keyValues) =>
        new(model, tokens, new Lazy<INextTokenDistribution>(distribution), new Lazy<KeyValues>(keyValues));

    /// <summary>
    /// A row of a batch that kept no key/value outputs: its cache is <paramref name="past"/> plus
    /// <paramref name="suffix"/> run again, only if the text is ever continued.
    /// </summary>
    public static OnnxGenerationState Continued(OnnxLanguageModel model, int[] tokens, INextTokenDistribution distribution, KeyValues past, int[] suffix) =>
        new(model, tokens, new Lazy<INextTokenDistribution>(distribution), new Lazy<KeyValues>(() => model.Extend(past, suffix), LazyThreadSafetyMode.ExecutionAndPublication));

    public bool TryAdvance(int token, out IGenerationState next)
    {
        int[] tokens = [.. _tokens, token];
        if (_keyValues is null)
        {
            next = new OnnxGenerationState(_model, tokens, new Lazy<INextTokenDistribution>(() => _model.NextTokenDistribution(tokens), LazyThreadSafetyMode.ExecutionAndPublication), null);
        }
        else
        {
            var parent = _keyValues;
            var step = new Lazy<(SoftmaxDistribution Distribution, KeyValues KeyValues)>(() => _model.Step(parent.Value, token), LazyThreadSafetyMode.ExecutionAndPublication);
            next = new OnnxGenerationState(_model, tokens, new Lazy<INextTokenDistribution>(() => step.Value.Distribution), new Lazy<KeyValues>(() => step.Value.KeyValues));
        }

        return token != _model.Tokenizer.EndOfText;
    }
}

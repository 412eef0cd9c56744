using Superposition.LanguageModels;

namespace Superposition.OnnxModel.Inference;

/// <summary>
/// A point in a text of an ONNX model: the tokens so far and the next-token distribution after them, computed on
/// first read by a forward pass over the whole text (no key/value cache is kept yet). Immutable: advancing makes a
/// new state, so choices branch from one scored prompt.
/// </summary>
internal sealed class OnnxGenerationState : IGenerationState
{
    private readonly OnnxLanguageModel _model;
    private readonly int[] _tokens;
    private readonly Lazy<SoftmaxDistribution> _distribution;

    public OnnxGenerationState(OnnxLanguageModel model, int[] tokens, SoftmaxDistribution? distribution)
    {
        _model = model;
        _tokens = tokens;
        _distribution = distribution is null
            ? new Lazy<SoftmaxDistribution>(() => model.NextTokenDistribution(tokens), LazyThreadSafetyMode.ExecutionAndPublication)
            : new Lazy<SoftmaxDistribution>(distribution);
    }

    public INextTokenDistribution Distribution => _distribution.Value;

    public bool TryAdvance(int token, out IGenerationState next)
    {
        next = new OnnxGenerationState(_model, [.. _tokens, token], null);
        return token != _model.Tokenizer.EndOfText;
    }
}

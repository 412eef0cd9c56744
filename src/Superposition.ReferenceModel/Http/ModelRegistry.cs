using System.Collections.Concurrent;
using Superposition.ReferenceModel.Model;

namespace Superposition.ReferenceModel.Http;

/// <summary>Resolves model names to reference models: 404 model_not_found for unknown names, 400 for bad parameters.</summary>
internal sealed class ModelRegistry(ReferenceTokenizer tokenizer)
{
    private readonly ConcurrentDictionary<string, ReferenceLanguageModel> _models = new(StringComparer.Ordinal);

    public ReferenceLanguageModel Resolve(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw ApiException.BadRequest("You must provide a model parameter.", "model");
        }

        if (_models.TryGetValue(name, out var model))
        {
            return model;
        }

        if (!ReferenceModelParameters.TryResolve(name, out var parameters, out var error))
        {
            throw error is null
                ? new ApiException(404, $"The model `{name}` does not exist. Served models: {string.Join(", ", ReferenceModelParameters.Presets.Select(p => p.Name))}, or {ReferenceModelParameters.ParameterisedPrefix}beta=..,alpha=..,epsilon=..,delta=..,bias=...", "invalid_request_error", "model_not_found", "model")
                : ApiException.BadRequest(error, "model");
        }

        return _models.GetOrAdd(name, _ => new ReferenceLanguageModel(parameters, tokenizer));
    }
}

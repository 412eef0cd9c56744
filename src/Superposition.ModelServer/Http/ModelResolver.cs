using Superposition.LanguageModels;

namespace Superposition.ModelServer.Http;

/// <summary>Resolves the model a request names through the catalog: 404 model_not_found for unknown names, 400 for bad parameters.</summary>
internal sealed class ModelResolver(ILanguageModelCatalog catalog)
{
    public ILanguageModel Resolve(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw ApiException.BadRequest("You must provide a model parameter.", "model");
        }

        if (!catalog.TryResolve(name, out var model, out var error))
        {
            throw error is null
                ? new ApiException(404, $"The model `{name}` does not exist. Served models: {catalog.NamesHint}.", "invalid_request_error", "model_not_found", "model")
                : ApiException.BadRequest(error, "model");
        }

        return model;
    }

    /// <summary>The model of a request that may name none (/tokenize, /detokenize): the first served model.</summary>
    public ILanguageModel ResolveOrFirst(string? name) =>
        Resolve(name ?? (catalog.ServedNames.Count > 0 ? catalog.ServedNames[0] : throw new ApiException(404, "The server serves no model.", "invalid_request_error", "model_not_found", "model")));

    /// <summary>The tokenizer of a request that may name no model: the first served model's.</summary>
    public ITokenizer Tokenizer(string? name) => ResolveOrFirst(name).Tokenizer;
}

using System.Globalization;
using BitFaster.Caching.Lru;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using Superposition.ReferenceModel.Model;
using Superposition.Scoring.Strategies;

namespace Superposition.Scoring.Models;

/// <summary>
/// Resolves model names: those configured under <c>Superposition:Models</c>, plus the reference models
/// (reference-calibrated, -sharp, -flat, -biased, -leaky and <c>reference:beta=..,alpha=..</c>) which need no
/// configuration and then run in-process. A configured entry with a reference name overrides the built-in one
/// (e.g. to point at a running <c>superposition serve-reference</c> or to change its retry settings).
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>The configuration section that holds the models.</summary>
    public const string SectionName = "Superposition:Models";

    private readonly IConfiguration _configuration;

    // Binding a section is reflection over every setting; the scorer resolves its model once per prompt. Emptied
    // whenever the configuration reloads, so an edited setting is seen at the next prompt.
    private readonly FastConcurrentLru<string, ModelDescriptor> _resolved = new(Environment.ProcessorCount, 256, StringComparer.Ordinal);

    public ModelCatalog(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
        ChangeToken.OnChange(configuration.GetReloadToken, _resolved.Clear);
    }

    /// <summary>Configured names, then the reference presets not configured.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var configured = _configuration.GetSection(SectionName).GetChildren().Select(c => c.Key).ToList();
            return [.. configured, .. ReferenceModelParameters.Presets.Select(p => p.Name).Where(n => !configured.Contains(n, StringComparer.OrdinalIgnoreCase))];
        }
    }

    /// <summary>The model with that name; <see cref="ModelConfigurationException"/> names known models when it is unknown.</summary>
    public ModelDescriptor Resolve(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _resolved.GetOrAdd(name, ResolveUncached);
    }

    private ModelDescriptor ResolveUncached(string name)
    {
        var section = _configuration.GetSection(SectionName).GetChildren().FirstOrDefault(c => string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase));
        var isReference = ReferenceModelParameters.TryResolve(name, out _, out var referenceError);
        if (section is null && !isReference)
        {
            if (referenceError is not null)
            {
                throw new ModelConfigurationException($"Model '{name}': {referenceError}");
            }

            throw new ModelConfigurationException(
                $"Unknown model '{name}'. Known models: {string.Join(", ", Names)}, or reference:beta=..,alpha=..,epsilon=..,delta=..,bias=..; configure others under {SectionName}:<name> (Kind, BaseUrl, Model, ...).");
        }

        var options = new ModelOptions();
        section?.Bind(options);
        return Describe(name, options, isReference);
    }

    private static ModelDescriptor Describe(string name, ModelOptions o, bool isReference)
    {
        ModelKind kind;
        if (o.Kind is null)
        {
            kind = isReference ? ModelKind.Reference : throw new ModelConfigurationException($"Model '{name}' has no Kind; set {SectionName}:{name}:Kind to one of {string.Join(", ", ModelKinds.All)}.");
        }
        else if (!ModelKinds.TryParse(o.Kind, out kind))
        {
            throw new ModelConfigurationException($"Model '{name}' has Kind '{o.Kind}'; expected one of {string.Join(", ", ModelKinds.All)}.");
        }

        var baseUrl = BaseUrl(name, kind, o.BaseUrl);
        if (kind == ModelKind.AzureOpenAI && baseUrl is null)
        {
            throw new ModelConfigurationException($"Model '{name}' (azure-openai) needs BaseUrl: the resource endpoint, e.g. https://my-resource.openai.azure.com/.");
        }

        if (baseUrl is null && kind != ModelKind.Reference)
        {
            throw new ModelConfigurationException($"Model '{name}' ({kind.Name()}) needs BaseUrl, e.g. http://localhost:8000/v1.");
        }

        var remote = kind == ModelKind.AzureOpenAI ? o.Deployment ?? o.Model ?? name : o.Model ?? name;
        var strategy = o.DefaultStrategy ?? StrategyNames.Auto;
        if (!StrategyNames.All.Contains(strategy))
        {
            throw new ModelConfigurationException($"Model '{name}' has DefaultStrategy '{strategy}'; expected one of {string.Join(", ", StrategyNames.All)}.");
        }

        return new ModelDescriptor(
            name,
            kind,
            baseUrl,
            remote,
            string.IsNullOrWhiteSpace(o.ApiKeySetting) ? null : o.ApiKeySetting,
            o.UseEntraId,
            Tokenizer(name, kind, o.Tokenizer),
            Positive(name, "MaxConcurrency", o.MaxConcurrency ?? 16),
            o.RequestsPerMinute is { } rpm ? Positive(name, "RequestsPerMinute", rpm) : null,
            o.TokensPerMinute is { } tpm ? Positive(name, "TokensPerMinute", tpm) : null,
            strategy,
            o.ParameterCount,
            Positive(name, "MaxTopLogprobs", o.MaxTopLogprobs ?? 20),
            Positive(name, "EchoBatchSize", o.EchoBatchSize ?? 64),
            new ResilienceSettings(
                TimeSpan.FromSeconds(PositiveDouble(name, "RequestTimeoutSeconds", o.RequestTimeoutSeconds ?? 60)),
                o.MaxRetryAttempts is { } retries && retries >= 0 ? retries : o.MaxRetryAttempts is null ? 6 : throw Bad(name, "MaxRetryAttempts", "must not be negative"),
                TimeSpan.FromMilliseconds(PositiveDouble(name, "RetryBaseDelayMilliseconds", o.RetryBaseDelayMilliseconds ?? 1000)),
                TimeSpan.FromSeconds(PositiveDouble(name, "MaxRetryDelaySeconds", o.MaxRetryDelaySeconds ?? 60)),
                o.CircuitBreakerFailureRatio is { } ratio && !(ratio > 0 && ratio <= 1) ? throw Bad(name, "CircuitBreakerFailureRatio", "must lie in (0, 1]") : o.CircuitBreakerFailureRatio ?? 0.5,
                Math.Max(2, o.CircuitBreakerMinimumThroughput ?? 100),
                TimeSpan.FromSeconds(Math.Max(0.5, o.CircuitBreakerBreakSeconds ?? 5))),
            o.PromptPricePerMillionTokens,
            o.CompletionPricePerMillionTokens);
    }

    private static Uri? BaseUrl(string name, ModelKind kind, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return kind == ModelKind.OpenAI ? new Uri("https://api.openai.com/v1/") : null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ModelConfigurationException($"Model '{name}' has BaseUrl '{text}', which is not an http(s) address.");
        }

        // A trailing slash makes relative routes ("completions") resolve under the base path.
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static TokenizerKind Tokenizer(string name, ModelKind kind, string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => kind switch
        {
            ModelKind.OpenAI or ModelKind.AzureOpenAI => TokenizerKind.O200kBase,
            ModelKind.Ollama => TokenizerKind.None,
            _ => TokenizerKind.Server,
        },
        "server" => TokenizerKind.Server,
        "o200k_base" or "o200k" => TokenizerKind.O200kBase,
        "cl100k_base" or "cl100k" => TokenizerKind.Cl100kBase,
        "none" => TokenizerKind.None,
        _ => throw new ModelConfigurationException($"Model '{name}' has Tokenizer '{text}'; expected server, o200k_base, cl100k_base or none."),
    };

    private static int Positive(string name, string setting, int value) =>
        value > 0 ? value : throw Bad(name, setting, "must be positive");

    private static double PositiveDouble(string name, string setting, double value) =>
        value > 0 && double.IsFinite(value) ? value : throw Bad(name, setting, "must be a positive number");

    private static ModelConfigurationException Bad(string name, string setting, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Model '{name}': {SectionName}:{name}:{setting} {problem}."));
}

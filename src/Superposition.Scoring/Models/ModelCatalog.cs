using System.Globalization;
using BitFaster.Caching.Lru;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using Superposition.Scoring.Strategies;

namespace Superposition.Scoring.Models;

/// <summary>
/// Resolves model names: those configured under <c>Superposition:Models</c> (<see cref="ModelRegistry"/>: an entry's
/// <c>Name</c> field, else its key), plus the names registered
/// <see cref="IModelProvider"/>s serve without configuration (with <c>AddReferenceModels()</c>: reference-calibrated,
/// -sharp, -flat, -biased, -leaky and <c>reference:beta=..,alpha=..</c>), which then run in-process. A configured
/// entry with such a name overrides the built-in one (e.g. to point at a running <c>superposition serve-reference</c>
/// or to change its retry settings); a configured Kind that names a provider (<c>reference</c>) is served by it.
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>The configuration section that holds the models.</summary>
    public const string SectionName = "Superposition:Models";

    private readonly IConfiguration _configuration;
    private readonly IReadOnlyList<IModelProvider> _providers;

    // Binding a section is reflection over every setting; the scorer resolves its model once per prompt. Emptied
    // whenever the configuration reloads, so an edited setting is seen at the next prompt.
    private readonly FastConcurrentLru<string, ModelDescriptor> _resolved = new(Environment.ProcessorCount, 256, StringComparer.Ordinal);

    /// <summary>A catalog of the configured models only (no provider registered).</summary>
    public ModelCatalog(IConfiguration configuration)
        : this(configuration, [])
    {
    }

    /// <summary>A catalog of the configured models and those of <paramref name="providers"/>; their Kinds must be distinct and not a remote kind's.</summary>
    public ModelCatalog(IConfiguration configuration, IEnumerable<IModelProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(providers);
        _configuration = configuration;
        _providers = [.. providers];
        foreach (var group in _providers.GroupBy(p => p.Kind, StringComparer.OrdinalIgnoreCase))
        {
            if (group.Count() > 1 || ModelKinds.TryParse(group.Key, out _) || string.IsNullOrWhiteSpace(group.Key))
            {
                throw new ModelConfigurationException($"Model providers: Kind '{group.Key}' is registered {group.Count()} time(s) or is empty or a remote kind ({string.Join(", ", ModelKinds.All)}); each provider needs a Kind of its own.");
            }
        }

        ChangeToken.OnChange(configuration.GetReloadToken, _resolved.Clear);
    }

    /// <summary>Configured names, then the providers' built-in names not configured.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var configured = ModelRegistry.Entries(_configuration).Select(e => e.Name).ToList();
            return [.. configured, .. _providers.SelectMany(p => p.BuiltInNames).Where(n => !configured.Contains(n, StringComparer.OrdinalIgnoreCase))];
        }
    }

    /// <summary>The provider of a <see cref="ModelKind.Suite"/> model; null for remote kinds.</summary>
    public IModelProvider? ProviderOf(ModelDescriptor model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Provider is { } kind ? ProviderByKind(kind) : null;
    }

    /// <summary>The model with that name; <see cref="ModelConfigurationException"/> names known models when it is unknown.</summary>
    public ModelDescriptor Resolve(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _resolved.GetOrAdd(name, ResolveUncached);
    }

    /// <summary>
    /// Resolves <paramref name="name"/> and loads it where its provider runs it in this process (<see cref="IModelProvider.Load"/>):
    /// a model folder that cannot load fails here, once, with a <see cref="ModelConfigurationException"/>.
    /// </summary>
    public ModelDescriptor Load(string name)
    {
        var model = Resolve(name);
        ProviderOf(model)?.Load(model);
        return model;
    }

    /// <summary>Why <paramref name="name"/> cannot be used (unknown, misconfigured, or an in-process model that cannot load), or null when it can.</summary>
    public string? Problem(string name)
    {
        try
        {
            Load(name);
            return null;
        }
        catch (ModelConfigurationException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// The configured parameter count of <paramref name="name"/>; null when unknown, also for a model no longer
    /// configured (its stored results still aggregate, unordered by size).
    /// </summary>
    public double? ParameterCount(string name)
    {
        try
        {
            return Resolve(name).ParameterCount;
        }
        catch (ModelConfigurationException)
        {
            return null;
        }
    }

    private ModelDescriptor ResolveUncached(string name)
    {
        var entry = ModelRegistry.Find(_configuration, name);
        IModelProvider? builtIn = null;
        string? patternError = null;
        foreach (var provider in _providers)
        {
            if (provider.Serves(name, out var error))
            {
                builtIn = provider;
                break;
            }

            patternError ??= error;
        }

        if (entry is null && builtIn is null)
        {
            if (patternError is not null)
            {
                throw new ModelConfigurationException($"Model '{name}': {patternError}");
            }

            var patterns = string.Concat(_providers.Select(p => p.NamePattern).OfType<string>().Select(p => ", or " + p));
            var none = _providers.Count == 0 ? " No model provider is registered (AddReferenceModels() registers the reference models)." : string.Empty;
            throw new ModelConfigurationException(
                $"Unknown model '{name}'. Known models: {string.Join(", ", Names)}{patterns}; configure others under {SectionName}:<key> (Name when the model's name is not a valid key, Kind, BaseUrl, Model, ...).{none}");
        }

        var options = new ModelOptions();
        entry?.Section.Bind(options);

        // The entry's settings are named by its key, which differs from the name when Name is set.
        return Describe(name, entry?.Key ?? name, options, builtIn);
    }

    private IModelProvider? ProviderByKind(string kind) =>
        _providers.FirstOrDefault(p => string.Equals(p.Kind, kind.Trim(), StringComparison.OrdinalIgnoreCase));

    private string KindsHint() => string.Join(", ", [.. _providers.Select(p => p.Kind), .. ModelKinds.All]);

    private ModelDescriptor Describe(string name, string key, ModelOptions o, IModelProvider? builtIn)
    {
        ModelKind kind;
        var provider = o.Kind is null ? builtIn : ProviderByKind(o.Kind);
        if (provider is not null)
        {
            kind = ModelKind.Suite;
        }
        else if (o.Kind is null)
        {
            throw new ModelConfigurationException($"Model '{name}' has no Kind; set {SectionName}:{key}:Kind to one of {KindsHint()}.");
        }
        else if (!ModelKinds.TryParse(o.Kind, out kind))
        {
            var none = _providers.Count == 0 ? " A Kind served in-process needs its provider registered (AddReferenceModels() registers 'reference')." : string.Empty;
            throw new ModelConfigurationException($"Model '{name}' has Kind '{o.Kind}'; expected one of {KindsHint()}.{none}");
        }

        var baseUrl = BaseUrl(name, kind, o.BaseUrl);
        if (kind == ModelKind.AzureOpenAI && baseUrl is null)
        {
            throw new ModelConfigurationException($"Model '{name}' (azure-openai) needs BaseUrl: the resource endpoint, e.g. https://my-resource.openai.azure.com/.");
        }

        if (baseUrl is null && kind != ModelKind.Suite)
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
            Positive(name, key, "MaxConcurrency", o.MaxConcurrency ?? 16),
            o.RequestsPerMinute is { } rpm ? Positive(name, key, "RequestsPerMinute", rpm) : null,
            o.TokensPerMinute is { } tpm ? Positive(name, key, "TokensPerMinute", tpm) : null,
            strategy,
            o.ParameterCount ?? builtIn?.ParameterCount(name),
            Positive(name, key, "MaxTopLogprobs", o.MaxTopLogprobs ?? 20),
            Positive(name, key, "EchoBatchSize", o.EchoBatchSize ?? 64),
            new ResilienceSettings(
                TimeSpan.FromSeconds(PositiveDouble(name, key, "RequestTimeoutSeconds", o.RequestTimeoutSeconds ?? 60)),
                o.MaxRetryAttempts is { } retries && retries >= 0 ? retries : o.MaxRetryAttempts is null ? 6 : throw Bad(name, key, "MaxRetryAttempts", "must not be negative"),
                TimeSpan.FromMilliseconds(PositiveDouble(name, key, "RetryBaseDelayMilliseconds", o.RetryBaseDelayMilliseconds ?? 1000)),
                TimeSpan.FromSeconds(PositiveDouble(name, key, "MaxRetryDelaySeconds", o.MaxRetryDelaySeconds ?? 60)),
                o.CircuitBreakerFailureRatio is { } ratio && !(ratio > 0 && ratio <= 1) ? throw Bad(name, key, "CircuitBreakerFailureRatio", "must lie in (0, 1]") : o.CircuitBreakerFailureRatio ?? 0.5,
                Math.Max(2, o.CircuitBreakerMinimumThroughput ?? 100),
                TimeSpan.FromSeconds(Math.Max(0.5, o.CircuitBreakerBreakSeconds ?? 5))),
            o.PromptPricePerMillionTokens,
            o.CompletionPricePerMillionTokens)
        {
            Provider = provider?.Kind,
        };
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

    private static int Positive(string name, string key, string setting, int value) =>
        value > 0 ? value : throw Bad(name, key, setting, "must be positive");

    private static double PositiveDouble(string name, string key, string setting, double value) =>
        value > 0 && double.IsFinite(value) ? value : throw Bad(name, key, setting, "must be a positive number");

    private static ModelConfigurationException Bad(string name, string key, string setting, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Model '{name}': {SectionName}:{key}:{setting} {problem}."));
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Superposition.Scoring.Models;

/// <summary>
/// The model entries configured under <c>Superposition:Models</c>: one section per entry, whose key is a setting-name
/// part and whose optional <c>Name</c> field is the model's name when it differs from the key. Azure App Service and
/// Functions accept only letters, digits, periods and underscores in app setting names (and Flex Consumption runs on
/// Linux, where settings become environment variables), so a model such as <c>gpt-4o-mini</c> is configured as
/// <c>Superposition__Models__gpt4omini__Name = gpt-4o-mini</c>. Every reader of the registry (the catalog, the ONNX
/// provider, the Functions app's start-up check) lists entries here, so a name means the same everywhere.
/// </summary>
public static partial class ModelRegistry
{
    /// <summary>The field that gives an entry's model name (default: the section key).</summary>
    public const string NameSetting = "Name";

    /// <summary>
    /// The entries in configuration order. Two entries that give the same name (case-insensitive, as names resolve) are
    /// a <see cref="ModelConfigurationException"/> naming both keys; so is a <c>Name</c> set to blank.
    /// </summary>
    public static IReadOnlyList<ModelEntry> Entries(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var entries = new List<ModelEntry>();
        foreach (var section in configuration.GetSection(ModelCatalog.SectionName).GetChildren())
        {
            var name = section[NameSetting];
            if (name is not null && string.IsNullOrWhiteSpace(name))
            {
                throw new ModelConfigurationException($"{ModelCatalog.SectionName}:{section.Key}:{NameSetting} is blank; remove it to name the model '{section.Key}', or give the model's name.");
            }

            var entry = new ModelEntry(section.Key, name?.Trim() ?? section.Key, section);
            if (entries.FirstOrDefault(e => string.Equals(e.Name, entry.Name, StringComparison.OrdinalIgnoreCase)) is { } other)
            {
                throw new ModelConfigurationException(
                    $"Models '{other.Key}' and '{entry.Key}' under {ModelCatalog.SectionName} both name the model '{entry.Name}' (by key or {NameSetting}); each model needs a name of its own.");
            }

            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>The entry named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ModelEntry? Find(IConfiguration configuration, string name) =>
        Entries(configuration).FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True when <paramref name="key"/> can be part of an app setting name in Azure App Service and Functions: letters,
    /// digits, periods and underscores ("Configure an App Service app", app settings naming rules).
    /// </summary>
    public static bool IsAzureSettingKey(string key) => AzureSettingKey().IsMatch(key);

    [GeneratedRegex("^[A-Za-z0-9_.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AzureSettingKey();
}

/// <summary>One configured model: its section key, its name (the <c>Name</c> field, else the key) and its settings.</summary>
public sealed record ModelEntry(string Key, string Name, IConfigurationSection Section)
{
    /// <summary>The configuration path of one of its settings, e.g. <c>Superposition:Models:gpt4omini:Kind</c>, as errors name it.</summary>
    public string Setting(string field) => $"{ModelCatalog.SectionName}:{Key}:{field}";
}

using System.Reflection;
using System.Text.RegularExpressions;
using Superposition.Functions.Hosting;
using Superposition.Functions.Tests.Hosting;
using Superposition.Scoring.Models;

namespace Superposition.Infrastructure.Tests;

/// <summary>
/// Every setting the Functions app reads is either set by the template or listed in docs/functions.md's settings table as the
/// user's to set: what a deployment leaves unset is then a choice someone documented, not an oversight. The settings
/// are discovered, not listed here, so that a new option class or setting constant is checked without a change.
/// </summary>
[Trait(Needs.Trait, Needs.Bicep)]
public sealed partial class SettingsCoverageTests
{
    // A model's section key, in settings the registry reads per model.
    private const string ModelKey = "<key>";

    // Children of an identity-based storage connection (StorageConnection and the Azure SDK's credential settings).
    private static readonly string[] ConnectionChildren = ["blobServiceUri", "queueServiceUri", "serviceUri", "accountName", "credential", "clientId"];

    [GeneratedRegex(@"(?:[Cc]onfiguration)\[\s*""([^""]+)""\s*\]|GetSection\(\s*""([^""]+)""\s*\)|\.GetValue(?:<[^>]+>)?\(\s*""([^""]+)""")]
    private static partial Regex LiteralRead();

    [GeneratedRegex(@"`([^`\s]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^Superposition__Models__[^_]+(?:_[^_]+)*?__(?<field>[^_].*)$")]
    private static partial Regex ModelSetting();

    [Fact]
    public void Every_setting_the_app_reads_is_set_by_the_template_or_listed_in_the_docs_for_the_user()
    {
        var covered = TemplateSettings().Concat(DocumentedSettings()).Select(Normalize).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = SettingsTheAppReads()
            .Where(read => !read.Names.Any(n => covered.Contains(Normalize(n))))
            .Select(read => $"{string.Join(" or ", read.Names)} (read by {read.Where})")
            .ToList();
        Assert.True(missing.Count == 0, "Settings the app reads that neither infra/ sets nor the \"Settings\" table of docs/functions.md lists:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Discovery_finds_the_settings_of_each_kind_the_app_reads()
    {
        // The net catches each kind, so that an empty discovery cannot pass the test above.
        var names = SettingsTheAppReads().SelectMany(r => r.Names).ToHashSet();
        Assert.Contains(Settings.PlanQueue, names);
        Assert.Contains("Superposition__Limits__MaxPrompts", names);
        Assert.Contains("Superposition__Scoring__SamplesPerRequest", names);
        Assert.Contains("Superposition__Storage__AggregationPrefetch", names);
        Assert.Contains($"Superposition__Models__{ModelKey}__MaxConcurrency", names);
        Assert.Contains("SuperpositionStorage__queueServiceUri", names);
    }

    /// <summary>Each read: the flat names that satisfy it (one, or two readings of a relative constant) and where it is read.</summary>
    private static IEnumerable<(string[] Names, string Where)> SettingsTheAppReads()
    {
        var assemblies = AppAssemblies();
        var types = assemblies.SelectMany(a => a.GetTypes()).ToList();

        // The names the host and the worker both read (Hosting/Settings.cs), and the storage connection's children.
        foreach (var field in typeof(Settings).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && !f.Name.StartsWith("Default", StringComparison.Ordinal)))
        {
            yield return ([(string)field.GetRawConstantValue()!], $"{nameof(Settings)}.{field.Name}");
        }

        foreach (var child in ConnectionChildren)
        {
            yield return ([$"{Settings.StorageConnection}__{child}"], $"StorageConnection ({Settings.StorageConnection})");
        }

        // Options bound to a section: every public settable property. The model registry's section holds one
        // section per model, each bound to ModelOptions.
        foreach (var type in types)
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is not { IsLiteral: true } section)
            {
                continue;
            }

            var path = Flat((string)section.GetRawConstantValue()!);
            var (bound, prefix) = path == Flat(ModelCatalog.SectionName) ? (typeof(ModelOptions), $"{path}__{ModelKey}") : (type, path);
            foreach (var property in bound.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            {
                yield return ([$"{prefix}__{property.Name}"], $"{bound.Name}.{property.Name}");
            }
        }

        // Setting constants (…Setting): a path is read as is; a bare name is a field of a model's section (the
        // in-process providers' settings) or a top-level setting, and either reading covers it.
        foreach (var field in types.SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)).Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("Setting", StringComparison.Ordinal)))
        {
            var value = (string)field.GetRawConstantValue()!;
            string[] names = value.Contains(':', StringComparison.Ordinal) ? [Flat(value)] : [$"{Flat(ModelCatalog.SectionName)}__{ModelKey}__{value}", value];
            yield return (names, $"{field.DeclaringType!.Name}.{field.Name}");
        }

        // A second net: string literals read from configuration in the app's source.
        foreach (var project in assemblies.Select(a => Path.Combine(RepositoryFiles.Root, "src", a.GetName().Name!)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (Match match in LiteralRead().Matches(File.ReadAllText(file)))
                {
                    var literal = match.Groups.Values.Skip(1).First(g => g.Success).Value;
                    yield return ([Flat(literal)], Path.GetRelativePath(RepositoryFiles.Root, file));
                }
            }
        }
    }

    /// <summary>The Functions app's assembly and the suite's assemblies it references, transitively.</summary>
    private static List<Assembly> AppAssemblies()
    {
        var found = new List<Assembly>();
        var pending = new Queue<Assembly>([typeof(Settings).Assembly]);
        while (pending.TryDequeue(out var assembly))
        {
            if (found.Contains(assembly))
            {
                continue;
            }

            found.Add(assembly);
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("Superposition.", StringComparison.Ordinal)))
            {
                pending.Enqueue(Assembly.Load(reference));
            }
        }

        return found;
    }

    /// <summary>Every app setting infra/ makes (the runtime ones and those made from parameters, the hosted model included).</summary>
    private static IEnumerable<string> TemplateSettings() =>
        [.. Template.AppSettings(Template.Main).Keys, .. Template.ParameterSettings(withOpenAiKey: true).Keys];

    /// <summary>Every name in backticks in docs/functions.md's "Settings" section (its table and the text around it).</summary>
    private static IEnumerable<string> DocumentedSettings()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "functions.md"));
        var start = readme.IndexOf("\n## Settings", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/functions.md has no \"## Settings\" section.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        return Backticked().Matches(section).Select(m => m.Groups[1].Value);
    }

    private static string Flat(string path) => path.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>A model's settings with any key read as <c>&lt;key&gt;</c>: the docs' examples and placeholders, and the template's keys.</summary>
    private static string Normalize(string name) =>
        ModelSetting().Match(name) is { Success: true } model ? $"Superposition__Models__{ModelKey}__{model.Groups["field"].Value}" : name;
}

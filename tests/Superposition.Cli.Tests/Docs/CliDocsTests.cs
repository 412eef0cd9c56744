using System.CommandLine;
using System.CommandLine.Help;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Superposition.Cli.Tests.Docs;

/// <summary>
/// docs/cli.md against the command tree the CLI builds: every command has a section headed "## `superposition …`",
/// every option that <c>--help</c> lists (its name and its aliases) and every argument (as <c>&lt;name&gt;</c>) appears
/// in its command's section, and the page documents no command and no usage option that the tree lacks. Options and
/// commands are discovered from the tree, so a new one fails here until it is documented.
/// </summary>
public sealed partial class CliDocsTests
{
    private const string Page = "docs/cli.md";

    [Fact]
    public void Every_command_has_a_section_in_docs_cli()
    {
        var sections = Sections();
        var missing = Commands().Where(c => c.Path != "superposition" && !sections.ContainsKey(c.Path)).Select(c => c.Path).ToList();
        Assert.True(missing.Count == 0, $"{Page} has no section \"## `{{command}}`\" for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_option_and_argument_that_help_lists_is_documented_in_its_commands_section()
    {
        var sections = Sections();
        var problems = new List<string>();
        foreach (var (path, command) in Commands())
        {
            var options = ListedOptions(command).ToList();
            if (!sections.TryGetValue(path, out var section))
            {
                if (path != "superposition" || options.Count > 0 || command.Arguments.Count > 0)
                {
                    problems.Add($"{path}: no section \"## `{path}`\"");
                }

                continue;
            }

            foreach (var option in options)
            {
                foreach (var name in new[] { option.Name }.Concat(option.Aliases.Order(StringComparer.Ordinal)))
                {
                    if (!Mentions(section, name))
                    {
                        problems.Add($"{path}: option {name}{(name == option.Name ? "" : $" (alias of {option.Name})")} is not in its section");
                    }
                }
            }

            foreach (var argument in command.Arguments.Where(a => !a.Hidden))
            {
                if (!section.Contains($"<{argument.Name}>", StringComparison.Ordinal))
                {
                    problems.Add($"{path}: argument <{argument.Name}> is not in its section");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{Page} lacks what --help lists:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Docs_cli_documents_no_command_and_no_usage_option_the_cli_lacks()
    {
        var commands = Commands().ToDictionary(c => c.Path, c => c.Command, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (path, section) in Sections())
        {
            if (!commands.TryGetValue(path, out var command))
            {
                problems.Add($"section \"## `{path}`\": the CLI has no such command");
                continue;
            }

            // The usage block opens the section: every option it shows must be one the command takes.
            var usage = UsageBlock().Match(section);
            if (!usage.Success)
            {
                problems.Add($"section \"## `{path}`\": no usage block (```\\n{path} ...```) at its start");
                continue;
            }

            var known = ListedOptions(command).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
            foreach (var name in OptionName().Matches(usage.Groups[1].Value).Select(m => m.Value).Distinct())
            {
                if (!known.Contains(name))
                {
                    problems.Add($"{path}: usage shows {name}, which the command does not take");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{Page} documents what the CLI lacks:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_check_fails_when_an_option_is_missing_from_its_section()
    {
        var command = new Command("demo") { new Option<string>("--out", "-o"), new Option<int>("--parallel") };
        Assert.Contains(ListedOptions(command), o => o.Name == "--parallel");
        Assert.True(Mentions("`--out`, `-o`: the folder; `--parallel-x`", "--out"));
        Assert.True(Mentions("`--out`, `-o`: the folder", "-o"));
        Assert.False(Mentions("`--out`, `-o`: the folder; `--parallel-x`", "--parallel"));
        Assert.False(Mentions("--output", "--out"));
    }

    /// <summary>Every command of the tree with its path ("superposition run"), the root first.</summary>
    private static IEnumerable<(string Path, Command Command)> Commands()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var root = CliApp.CreateRootCommand(new CliConsole(stdout, stderr), () => new ConfigurationBuilder().Build());
        return Walk("superposition", root);

        static IEnumerable<(string, Command)> Walk(string path, Command command)
        {
            yield return (path, command);
            foreach (var sub in command.Subcommands.Where(s => !s.Hidden))
            {
                foreach (var item in Walk($"{path} {sub.Name}", sub))
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary>The options <c>--help</c> lists for a command, less help and version, which every command has.</summary>
    private static IEnumerable<Option> ListedOptions(Command command) =>
        command.Options.Where(o => !o.Hidden && o is not HelpOption && o is not VersionOption);

    /// <summary>docs/cli.md's sections headed "## `superposition …`", by command path, each up to the next "## ".</summary>
    private static Dictionary<string, string> Sections()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "cli.md")).ReplaceLineEndings("\n");
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var headings = CommandHeading().Matches(text);
        foreach (Match heading in headings)
        {
            var start = heading.Index + heading.Length;
            var next = text.IndexOf("\n## ", start, StringComparison.Ordinal);
            var body = text[start..(next < 0 ? text.Length : next)];
            Assert.True(sections.TryAdd(heading.Groups[1].Value, body), $"{Page} has two sections for `{heading.Groups[1].Value}`");
        }

        return sections;
    }

    /// <summary>True when <paramref name="name"/> stands in the text as a whole option name (not inside --name-x).</summary>
    private static bool Mentions(string text, string name) =>
        Regex.IsMatch(text, $"(?<![\\w-]){Regex.Escape(name)}(?![\\w-])");

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Serverless.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Serverless.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^## `(superposition(?: [a-z][a-z-]*)*)`[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex CommandHeading();

    [GeneratedRegex(@"\A\s*```[a-z]*\n(superposition[^`]*?)```")]
    private static partial Regex UsageBlock();

    [GeneratedRegex(@"(?<![\w-])--?[A-Za-z][\w-]*")]
    private static partial Regex OptionName();
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Superposition.Cli;

/// <summary>Where a command writes: plain text, Spectre tables, JSON, and the one-line error of bad input.</summary>
public sealed class CliConsole
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Answers in Chinese stay readable; this output is for terminals and files, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // KL is +∞ when a task gets probability 0: written as the string "Infinity", never as NaN or null.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public CliConsole(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        Error = stderr;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Wide enough that summary tables (model, distribution and four intervals) keep one line per row in a file.
        Ansi.Profile.Width = 160;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Spectre console for tables and progress, writing to <see cref="Out"/>.</summary>
    public IAnsiConsole Ansi { get; }

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public int BadInput(string message)
    {
        Error.WriteLine("error: " + message.ReplaceLineEndings(" "));
        return CliApp.BadInput;
    }

    /// <summary>A failure that is not the command line's fault (e.g. a model folder that cannot load): exit 1.</summary>
    public int Failed(string message)
    {
        Error.WriteLine("error: " + message.ReplaceLineEndings(" "));
        return CliApp.Failure;
    }
}

namespace Superposition.Cli;

/// <summary>Bad input on the command line: reported as one line and exit code 2.</summary>
public sealed class CliInputException(string message) : Exception(message);

using Superposition.Specs;

namespace Superposition.Cli.Commands;

/// <summary>Loads a spec file for a command, turning every problem into bad input.</summary>
internal static class SpecFiles
{
    public static ExperimentSpec Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"spec file '{path}' does not exist");
        }

        try
        {
            return SpecLoader.LoadFile(path);
        }
        catch (SpecValidationException e)
        {
            throw new CliInputException(e.Message);
        }
    }
}

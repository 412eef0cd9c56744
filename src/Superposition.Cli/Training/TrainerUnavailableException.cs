namespace Superposition.Cli.Training;

/// <summary>Python, PyTorch or the trainer script is missing: reported as one line that says how to install it.</summary>
internal sealed class TrainerUnavailableException(string message) : Exception(message);

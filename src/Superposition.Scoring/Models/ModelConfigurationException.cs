namespace Superposition.Scoring.Models;

/// <summary>A model name that is unknown or configured wrongly; the message names the model and the problem.</summary>
public sealed class ModelConfigurationException : Exception
{
    public ModelConfigurationException(string message)
        : base(message)
    {
    }

    public ModelConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelConfigurationException()
    {
    }
}

namespace Superposition.ModelServer.Hosting;

/// <summary>One request's fault in <see cref="FaultOptions.Script"/>.</summary>
public enum ScriptedFault
{
    /// <summary>Answered normally.</summary>
    None,

    /// <summary>429 with Retry-After (<see cref="FaultOptions.RetryAfterSeconds"/>).</summary>
    RateLimited,

    /// <summary>500 with an error body.</summary>
    ServerError500,

    /// <summary>503 with an error body.</summary>
    ServerError503,

    /// <summary>200 whose JSON body is cut short.</summary>
    Malformed,

    /// <summary>Never answered, until the client gives up or the server stops.</summary>
    Hang,
}

namespace Superposition.Cli.Training;

/// <summary>training/train_gpt.py's exit codes (training/README.md).</summary>
internal static class TrainerExitCodes
{
    public const int Done = 0;
    public const int Internal = 1;
    public const int BadInput = 2;
    public const int CorruptedCheckpoint = 3;
    public const int NoTorch = 4;
    public const int Interrupted = 130;
}

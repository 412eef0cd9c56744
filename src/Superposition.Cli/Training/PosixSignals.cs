using System.ComponentModel;
using System.Diagnostics;

namespace Superposition.Cli.Training;

/// <summary>
/// Sends SIGINT to a child process, as Ctrl+C would, so that the trainer checkpoints before it stops (.NET can only
/// kill a process, and a killed trainer keeps nothing since its last checkpoint). POSIX <c>kill -INT</c> does it
/// without native interop, which would need unsafe code in this project.
/// </summary>
internal static class PosixSignals
{
    /// <summary>True when the signal was sent.</summary>
    public static bool Interrupt(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        var info = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("-INT");
        info.ArgumentList.Add(processId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var kill = Process.Start(info);
            if (kill is null)
            {
                return false;
            }

            // kill returns at once; the bound only guards against a broken system.
            return kill.WaitForExit(TimeSpan.FromSeconds(10)) && kill.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}

using System.Globalization;
using Microsoft.Extensions.Configuration;
using Superposition.OnnxModel.Inference;

namespace Superposition.LocalModels.Onnx;

/// <summary>
/// How a configured ONNX model's session is opened, read from its own section under <c>Superposition:Models</c>:
/// <c>Threads</c> (ONNX Runtime's intra-op threads; default the cores), <c>ExecutionProvider</c> (<c>cpu</c>, the
/// default, or <c>cuda</c> with the GPU build) and <c>DeviceId</c> (the CUDA device, default 0).
/// </summary>
public static class OnnxModelSettings
{
    public const string ThreadsSetting = "Threads";
    public const string ExecutionProviderSetting = "ExecutionProvider";
    public const string DeviceIdSetting = "DeviceId";

    /// <summary>The options of the model in <paramref name="section"/>; false with an error naming the setting for a bad value.</summary>
    public static bool TryRead(IConfigurationSection section, string name, out OnnxModelOptions options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(section);
        options = new OnnxModelOptions(name);
        error = null;
        string Setting(string key) => $"{section.Path}:{key}";

        int? threads = null;
        if (section[ThreadsSetting] is { } threadsText)
        {
            if (!int.TryParse(threadsText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                error = $"{Setting(ThreadsSetting)} is '{threadsText}'; expected a positive whole number of intra-op threads (leave it unset for ONNX Runtime's default, the cores).";
                return false;
            }

            threads = n;
        }

        var provider = OnnxExecutionProvider.Cpu;
        if (section[ExecutionProviderSetting] is { } providerText)
        {
            // Named values only: Enum.TryParse would also take "1".
            switch (providerText.Trim().ToUpperInvariant())
            {
                case "CPU":
                    break;
                case "CUDA":
                    provider = OnnxExecutionProvider.Cuda;
                    break;
                default:
                    error = $"{Setting(ExecutionProviderSetting)} is '{providerText}'; expected cpu (the default) or cuda (with the GPU build).";
                    return false;
            }
        }

        var device = 0;
        if (section[DeviceIdSetting] is { } deviceText
            && !int.TryParse(deviceText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out device))
        {
            error = $"{Setting(DeviceIdSetting)} is '{deviceText}'; expected a CUDA device number (0, 1, ...).";
            return false;
        }

        options = new OnnxModelOptions(name, threads, provider, device);
        return true;
    }
}

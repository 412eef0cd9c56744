using System.Globalization;
using Microsoft.Extensions.Configuration;
using Superposition.OnnxModel.Inference;

namespace Superposition.LocalModels.Onnx;

/// <summary>
/// How a configured ONNX model's session is opened, read from its own section under <c>Superposition:Models</c>:
/// <c>Threads</c> (ONNX Runtime's intra-op threads; default the cores), <c>ExecutionProvider</c> (<c>cpu</c>, the
/// default, or <c>cuda</c> with the GPU build), <c>DeviceId</c> (the CUDA device, default 0), <c>PrefixCacheBytes</c>
/// (the cross-request key/value prefix cache's budget; 0 turns it off), <c>MaxConcurrentRuns</c> and
/// <c>MaxQueuedRuns</c> (the bounded run queue in front of the shared session).
/// </summary>
public static class OnnxModelSettings
{
    public const string ThreadsSetting = "Threads";
    public const string ExecutionProviderSetting = "ExecutionProvider";
    public const string DeviceIdSetting = "DeviceId";
    public const string PrefixCacheBytesSetting = "PrefixCacheBytes";
    public const string MaxConcurrentRunsSetting = "MaxConcurrentRuns";
    public const string MaxQueuedRunsSetting = "MaxQueuedRuns";

    /// <summary>The options of the model in <paramref name="section"/>; false with an error naming the setting for a bad value.</summary>
    public static bool TryRead(IConfigurationSection section, string name, out OnnxModelOptions options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(section);
        options = new OnnxModelOptions(name);
        error = null;
        string Setting(string key) => $"{section.Path}:{key}";

        // A whole number of at least min, or null when unset; false with the error when the text is not one.
        bool Whole(string key, long min, string expected, out long? value, out string? problem)
        {
            value = null;
            problem = null;
            if (section[key] is not { } text)
            {
                return true;
            }

            if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min)
            {
                problem = $"{Setting(key)} is '{text}'; expected {expected}.";
                return false;
            }

            value = n;
            return true;
        }

        if (!Whole(ThreadsSetting, 1, "a positive whole number of intra-op threads (leave it unset for ONNX Runtime's default, the cores)", out var threads, out error)
            || !Whole(DeviceIdSetting, 0, "a CUDA device number (0, 1, ...)", out var device, out error)
            || !Whole(PrefixCacheBytesSetting, 0, "a byte budget (0 turns the prefix cache off)", out var cacheBytes, out error)
            || !Whole(MaxConcurrentRunsSetting, 1, "a positive whole number of forward passes run at once", out var concurrent, out error)
            || !Whole(MaxQueuedRunsSetting, 0, "a whole number of forward passes that may wait (0 or more)", out var queued, out error))
        {
            return false;
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

        if (threads > int.MaxValue || device > int.MaxValue || concurrent > int.MaxValue || queued > int.MaxValue)
        {
            error = $"{section.Path}: a thread, device or run count is larger than {int.MaxValue}.";
            return false;
        }

        options = new OnnxModelOptions(
            name,
            (int?)threads,
            cacheBytes ?? OnnxModelOptions.DefaultPrefixCacheBytes,
            (int?)concurrent ?? 1,
            (int?)queued ?? OnnxModelOptions.DefaultMaxQueuedRuns,
            provider,
            (int?)device ?? 0);
        return true;
    }
}

using System.CommandLine;
using Superposition.LanguageModels;
using Superposition.ModelServer.Hosting;
using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Inference;

namespace Superposition.Cli.Commands;

/// <summary>
/// <c>superposition serve-model --model &lt;folder&gt; [--name n] [--urls ...] [--threads n] [--execution-provider cpu|cuda] [--device-id n] [fault options]</c>: serves one ONNX
/// model folder over the same OpenAI/vLLM protocol as serve-reference until Ctrl+C; a Functions app reaches it as
/// a <c>vllm</c> model.
/// </summary>
internal static class ServeModelCommand
{
    public static Command Create(CliConsole console)
    {
        var folder = new Option<string>("--model") { Description = "The ONNX model folder (model.onnx, config.json, tokenizer files).", Required = true };
        var name = new Option<string?>("--name") { Description = "The served model name (default: the folder's name)." };
        var serving = new ServingOptions("http://127.0.0.1:8090");
        var threads = new Option<int?>("--threads") { Description = "ONNX Runtime's intra-op threads (default: the cores)." };
        var provider = new Option<OnnxExecutionProvider>("--execution-provider") { Description = "cpu (default) or cuda (needs the build with the GPU package, -p:OnnxRuntimeGpu=true)." };
        var device = new Option<int>("--device-id") { Description = "The CUDA device with --execution-provider cuda (default 0)." };
        var command = new Command("serve-model", "Serve an ONNX causal language model folder over the OpenAI/vLLM HTTP protocol until Ctrl+C.")
        {
            folder, name, threads, provider, device,
        };
        serving.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(threads) is <= 0)
            {
                throw new CliInputException($"--threads must be positive (got {parse.GetValue(threads)})");
            }

            if (parse.GetValue(device) < 0)
            {
                throw new CliInputException($"--device-id must be 0 or more (got {parse.GetValue(device)})");
            }

            var options = serving.Read(parse);

            OnnxLanguageModel model;
            try
            {
                model = OnnxLanguageModel.Load(parse.GetValue(folder)!, new OnnxModelOptions(parse.GetValue(name), parse.GetValue(threads), ExecutionProvider: parse.GetValue(provider), DeviceId: parse.GetValue(device)));
            }
            catch (ModelFolderException e)
            {
                throw new CliInputException($"--model: {e.Message}");
            }
            catch (ExecutionProviderUnavailableException e)
            {
                throw new CliInputException($"--execution-provider: {e.Message}");
            }

            using (model)
            {
                await ServingOptions.ServeUntilCancelledAsync(console, () => ProtocolServer.StartAsync(new OneModelCatalog(model), options, cancellationToken), options.Urls, $"Model '{model.Name}'", cancellationToken);
            }

            return CliApp.Success;
        });
        return command;
    }
}

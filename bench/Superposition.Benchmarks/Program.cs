using Superposition.Benchmarks;

try
{
    return args.Length > 0 && args[0] == "reference-server" ? await ReferenceServerBenchmark.RunAsync(args[1..])
        : args.Length > 0 && args[0] == "scoring" ? await ScoringBenchmark.RunAsync(args[1..])
        : args.Length > 0 && args[0] == "functions" ? await FunctionsBenchmark.RunAsync(args[1..])
        : args.Length > 0 && args[0] == "summary" ? await SummaryBenchmark.RunAsync(args[1..])
        : args.Length > 0 && args[0] == "onnx" ? await OnnxBenchmark.RunAsync(args[1..])
        : args.Length > 0 && args[0] == "tokenizer" ? await TokenizerBenchmark.RunAsync(args[1..])
        : args.Length > 0 && args[0] == "in-process" ? await InProcessBenchmark.RunAsync(args[1..])
        : args.Length > 0 && args[0] == "urn" ? await UrnBenchmark.RunAsync(args[1..])
        : Usage();
}
catch (ArgumentException e)
{
    // A bad option value: one line naming it, exit code 2 as the CLI's bad input.
    Console.Error.WriteLine(e.Message);
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Superposition.Benchmarks reference-server [--seconds N] [--concurrency C]");
    Console.Error.WriteLine("       Superposition.Benchmarks scoring [--prompts 32] [--latency-ms 100] [--concurrency 16] [--warmup-seconds 30] [--specs a,b] [--strategies s,t]");
    Console.Error.WriteLine("       Superposition.Benchmarks functions [--connection <azurite>] [--items 2000] [--concurrency 64] [--latency-ms 100] [--results 100000]");
    Console.Error.WriteLine("       Superposition.Benchmarks summary [--prompts 2000] [--models 4] [--repeats 5]");
    Console.Error.WriteLine("       Superposition.Benchmarks onnx [--model <folder>] [--examples 60] [--prompts 8] [--rounds 5] [--requests 10000] [--concurrency 4] [--warmup-seconds 30] [--threads n] [--execution-provider cpu|cuda]");
    Console.Error.WriteLine("       Superposition.Benchmarks tokenizer [--folder <tokenizer folder>] [--examples 60] [--prompts 8] [--rounds 7]");
    Console.Error.WriteLine("       Superposition.Benchmarks in-process [--prompts 16] [--rounds 5] [--concurrency 16] [--strategies echo,trie,paper-forward,sample]");
    Console.Error.WriteLine("       Superposition.Benchmarks urn [--initial 3,3] [--turns 200] [--runs 200000] [--repeats 3] [--old-runs 2000] [--python /usr/bin/python3]");
    return 2;
}

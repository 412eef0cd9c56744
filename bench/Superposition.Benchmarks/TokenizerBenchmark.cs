using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using Superposition.OnnxModel.Tokenization;
using Superposition.Scoring.Planning;
using Superposition.Specs;

namespace Superposition.Benchmarks;

/// <summary>
/// What tokenising a prompt costs: the texts the echo and trie strategies encode for one fig6-numbers prompt (the
/// prompt with and without special tokens, and prompt + answer and prompt + answer + "\n" for every candidate, the
/// in-context answer tokens), through the suite's tokenizer (Hugging Face's tokenizers crate) and, where the folder
/// has GPT-2's vocab.json + merges.txt, through the previous implementation on the same vocabulary (Microsoft.ML.Tokenizers'
/// byte-level BPE with GPT-2's pattern) as the baseline, after checking that both give the same ids. Medians of
/// rounds, alternated, in the same run; load times too.
/// </summary>
internal static class TokenizerBenchmark
{
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public static Task<int> RunAsync(string[] args)
    {
        var folder = Path.GetFullPath(BenchmarkArguments.Text(args, "--folder") ?? FixturePath("gpt2"));
        var perDistribution = BenchmarkArguments.Option(args, "--prompts", 8);
        var rounds = BenchmarkArguments.Option(args, "--rounds", 7);
        var spec = SpecLoader.LoadFile(BenchmarkArguments.SpecPath("fig6-numbers"));
        spec = spec with { Examples = BenchmarkArguments.Option(args, "--examples", spec.Examples) };
        var prompts = ScoringPlanner.Prompts(spec, perDistribution);
        var texts = prompts.Select(p => p.Candidates.SelectMany(c => new[] { p.Text + c.Answer, p.Text + c.Answer + "\n" }).Prepend(p.Text).ToArray()).ToList();

        var clock = Stopwatch.StartNew();
        using var suite = HuggingFaceTokenizer.Load(folder);
        var suiteLoad = clock.Elapsed.TotalMilliseconds;
        var baseline = Baseline(folder, out var baselineLoad);
        var tokens = texts.Sum(t => t.Sum(x => suite.Encode(x).Length));
        if (baseline is not null && texts.SelectMany(t => t).FirstOrDefault(x => !baseline.EncodeToIds(x).SequenceEqual(suite.Encode(x))) is { } differs)
        {
            Console.Error.WriteLine($"the baseline and the suite encode differently: {JsonSerializer.Serialize(differs)}");
            return Task.FromResult(1);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{folder}: vocabulary {suite.VocabularySize}; fig6-numbers ({spec.Examples} examples), {prompts.Count} prompts, {texts[0].Length} texts each, {tokens} tokens in all; {rounds} rounds, {Environment.ProcessorCount} cores"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: suite {suiteLoad:F0} ms{(baseline is null ? string.Empty : $", baseline {baselineLoad:F0} ms")}"));

        var suiteTimes = new List<double>();
        var baselineTimes = new List<double>();
        Time(suite.Encode, texts);
        if (baseline is not null)
        {
            Time(x => [.. baseline.EncodeToIds(x)], texts);
        }

        for (var round = 0; round < rounds; round++)
        {
            suiteTimes.Add(Time(suite.Encode, texts));
            if (baseline is not null)
            {
                baselineTimes.Add(Time(x => [.. baseline.EncodeToIds(x)], texts));
            }
        }

        var perPrompt = BenchmarkArguments.Median(suiteTimes) / prompts.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"suite (tokenizers crate):            {perPrompt * 1e6:F0} µs per prompt, {tokens / BenchmarkArguments.Median(suiteTimes) / 1e6:F2} M tokens/s"));
        if (baseline is not null)
        {
            var basePerPrompt = BenchmarkArguments.Median(baselineTimes) / prompts.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline (Microsoft.ML.Tokenizers):  {basePerPrompt * 1e6:F0} µs per prompt, {tokens / BenchmarkArguments.Median(baselineTimes) / 1e6:F2} M tokens/s; suite ÷ baseline {perPrompt / basePerPrompt:F2}"));
        }
        else
        {
            Console.WriteLine("baseline: none (the folder has no vocab.json + merges.txt of GPT-2's kind)");
        }

        return Task.FromResult(0);
    }

    // Seconds to encode every text once.
    private static double Time(Func<string, int[]> encode, List<string[]> texts)
    {
        var clock = Stopwatch.StartNew();
        foreach (var prompt in texts)
        {
            foreach (var text in prompt)
            {
                encode(text);
            }
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static BpeTokenizer? Baseline(string folder, out double milliseconds)
    {
        milliseconds = 0;
        var vocabularyFile = Path.Combine(folder, "vocab.json");
        var mergesFile = Path.Combine(folder, "merges.txt");
        if (!File.Exists(vocabularyFile) || !File.Exists(mergesFile))
        {
            return null;
        }

        var clock = Stopwatch.StartNew();
        var vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocabularyFile))!;
        var merges = File.ReadAllLines(mergesFile).Where(l => l.Length > 0 && !l.StartsWith("#version", StringComparison.Ordinal)).ToList();
        var specials = vocabulary.Where(p => p.Key.StartsWith("<|", StringComparison.Ordinal) && p.Key.EndsWith("|>", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var bpe = BpeTokenizer.Create(new BpeOptions(vocabulary)
        {
            Merges = merges,
            ByteLevel = true,
            SpecialTokens = specials,
            PreTokenizer = new RegexPreTokenizer(new Regex(Gpt2Pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant), specials),
        });
        milliseconds = clock.Elapsed.TotalMilliseconds;
        return bpe;
    }

    private static string FixturePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "fixtures", "tokenizers", name);
            if (Directory.Exists(path))
            {
                return path;
            }
        }

        throw new DirectoryNotFoundException($"tests/fixtures/tokenizers/{name} not found above {AppContext.BaseDirectory}");
    }
}

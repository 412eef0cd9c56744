using System.Diagnostics;
using System.Text.Json;
using Superposition.ReferenceModel.Hosting;
using Superposition.ReferenceModel.Http;
using Superposition.ReferenceModel.Model;
using Superposition.Scoring.Planning;
using Superposition.Specs;

namespace Superposition.Benchmarks;

internal static class ServerEchoProbe
{
    public static int Run(string[] args)
    {
        var spec = SpecLoader.LoadFile(args[0]);
        var prompts = ScoringPlanner.Prompts(spec, 100);
        var api = new ReferenceApi(new ReferenceServerOptions(), new ServerStats());
        var tok = ReferenceTokenizer.Shared;
        var bodies = prompts.Select(p =>
        {
            var ctx = tok.Encode(p.Text);
            var ids = p.Candidates.Select(c => (int[])[.. ctx, .. tok.Encode(c.Answer), .. tok.Encode("\n")]).ToArray();
            return JsonSerializer.SerializeToElement(ids);
        }).ToList();
        var model = new ReferenceLanguageModel(ReferenceModelParameters.Calibrated, tok);
        for (var round = 0; round < 6; round++)
        {
            var (tApi, tJson, tScore, tScore2) = (0.0, 0.0, 0.0, 0.0);
            long bytes = 0;
            foreach (var b in bodies)
            {
                var sw = Stopwatch.StartNew();
                var r = api.Completions(new CompletionRequest("reference-calibrated", b, 0, null, null, null, null, 1, true, null, null, null));
                tApi += sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                bytes += JsonSerializer.SerializeToUtf8Bytes(r, ReferenceJson.Options).Length;
                tJson += sw.Elapsed.TotalMilliseconds;
                var ids = b[0].Deserialize<int[]>()!;
                ids[^3] = ids[^3]; // same prompt
                sw.Restart();
                var fresh = new ReferenceLanguageModel(ReferenceModelParameters.Calibrated, tok);
                fresh.Score(ids);
                tScore += sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                fresh.Score(ids);
                tScore2 += sw.Elapsed.TotalMilliseconds;
            }

            var n = bodies.Count;
            Console.WriteLine($"round {round}: api {tApi / n:0.000} ms, json {tJson / n:0.000} ms ({bytes / n / 1024} KiB), full score {tScore / n:0.000} ms, checkpointed score {tScore2 / n:0.000} ms");
        }

        return 0;
    }
}

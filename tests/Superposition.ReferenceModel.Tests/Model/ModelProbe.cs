using Superposition.ReferenceModel.Model;

namespace Superposition.ReferenceModel.Tests.Model;

/// <summary>Probabilities a reference model gives to continuations, read two ways: teacher forcing and the trie walk.</summary>
internal static class ModelProbe
{
    public static ReferenceLanguageModel Model(string name)
    {
        Assert.True(ReferenceModelParameters.TryResolve(name, out var p, out var error), error);
        return new ReferenceLanguageModel(p, ReferenceTokenizer.Shared);
    }

    /// <summary>Σ of teacher-forced logprobs of the tokens after the prompt, from scoring prompt + continuation as one sequence.</summary>
    public static double TeacherForced(ReferenceLanguageModel model, string prompt, string continuation)
    {
        var tokenizer = model.Tokenizer;
        var context = tokenizer.Encode(prompt).Length;
        var scored = model.Score(tokenizer.Encode(prompt + continuation)).Tokens;
        return scored.Skip(context).Sum(t => t.Logprob!.Value);
    }

    /// <summary>Π of the served next-token probabilities along the continuation's tokens, walking from the prompt's end.</summary>
    public static double Walk(ReferenceLanguageModel model, string prompt, string continuation, bool newline)
    {
        var node = model.Score(model.Tokenizer.Encode(prompt)).Continue;
        var tokens = model.Tokenizer.Encode(continuation).ToList();
        if (newline)
        {
            tokens.Add(model.Tokenizer.Newline);
        }

        var product = 1.0;
        foreach (var token in tokens)
        {
            product *= node.ProbabilityOf(token);
            if (!node.TryAdvance(token, out node))
            {
                break;
            }
        }

        return product;
    }
}

using Superposition.LocalModels.Onnx;
using Superposition.Scoring.Models;
using Superposition.Specs;

namespace Superposition.Engine.Validation;

/// <summary>
/// Refuses an experiment that asks a trained model what it never learnt: a task outside its training spec, or a final
/// question outside its training pool (<see cref="OnnxModelProvider.EvaluationProblem"/>). A model that never saw a
/// question cannot know its answers, so scoring it would measure nothing; the error names the model and the question.
/// </summary>
public sealed class TrainedModelCheck(IEnumerable<IModelProvider> providers) : IExperimentCheck
{
    public IEnumerable<SpecError> Check(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var onnx = providers.OfType<OnnxModelProvider>().ToList();
        for (var i = 0; i < spec.Models.Count; i++)
        {
            // One model at a time, so that each problem carries the path of the model it concerns.
            var one = spec with { Models = [spec.Models[i]] };
            if (onnx.Select(p => p.EvaluationProblem(one)).FirstOrDefault(p => p is not null) is { } problem)
            {
                yield return new SpecError($"$.models[{i}]", problem);
            }
        }
    }
}

using Superposition.Training;

namespace Superposition.Cli.Tests.Training;

/// <summary>
/// The GPU preset is the dirichlet sweep's regime at sizes a GPU trains in minutes: it must load, ask for CUDA with a
/// time budget, span the two orders of magnitude of parameters issue 22 asks of a GPU sweep, and share the committed
/// sweep's tasks, sequences and held-out set, so that its models are measured against the same Bayes floor.
/// </summary>
public sealed class GpuPresetTests
{
    private static TrainingSpec Preset(string name) =>
        TrainingSpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "experiments", "training", name + ".json"));

    [Fact]
    public void The_gpu_preset_asks_for_cuda_with_a_budget_over_two_orders_of_magnitude_of_parameters()
    {
        var gpu = Preset("train-numbers-dirichlet-gpu");

        Assert.Equal("cuda", gpu.Training.Device);
        Assert.Null(gpu.Training.Steps);
        Assert.True(gpu.Training.BudgetMinutes > 0);
        var parameters = gpu.ResolveSizes().Select(s => s.Parameters).ToList();
        Assert.True(parameters.Max() >= 100 * parameters.Min(), string.Join(", ", parameters));
    }

    [Fact]
    public void The_gpu_preset_trains_the_committed_dirichlet_sweeps_regime_and_is_measured_on_its_heldout_set()
    {
        var gpu = Preset("train-numbers-dirichlet-gpu");
        var cpu = Preset("train-numbers-dirichlet");

        Assert.Equal(cpu.Tasks, gpu.Tasks);
        Assert.Equal(cpu.Regime, gpu.Regime);
        Assert.Equal(cpu.Examples, gpu.Examples);
        Assert.Equal((cpu.Heldout, cpu.Seed), (gpu.Heldout, gpu.Seed));
        Assert.Equal(
            new TrainingSequences(cpu).Heldout().Select(s => string.Join(",", s.Ids)),
            new TrainingSequences(gpu).Heldout().Select(s => string.Join(",", s.Ids)));
    }
}

using Superposition.LanguageModels;
using Superposition.OnnxModel.Inference;

namespace Superposition.OnnxModel.Tests.Inference;

/// <summary>The bounded run queue, driven by hand: the test holds the slot, so nothing depends on timing.</summary>
public sealed class RunGateTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task With_one_run_and_one_queued_a_third_caller_is_refused_naming_the_model_and_the_bound_and_the_queued_one_runs_after_the_holder()
    {
        using var gate = new RunGate("tiny", maxConcurrentRuns: 1, maxQueuedRuns: 1);
        var holder = gate.Enter();
        using var queuedEntered = new ManualResetEventSlim();
        var queued = Task.Run(() =>
        {
            using var slot = gate.Enter();
            queuedEntered.Set();
        });
        Assert.True(SpinWait.SpinUntil(() => gate.Admitted == 2, Bound), "the second caller never queued");

        var refused = Assert.Throws<ModelBusyException>(() => gate.Enter());

        Assert.Equal("tiny", refused.Model);
        Assert.Contains("Model 'tiny' is busy", refused.Message, StringComparison.Ordinal);
        Assert.Contains("MaxQueuedRuns = 1", refused.Message, StringComparison.Ordinal);
        Assert.False(queuedEntered.IsSet);
        holder.Dispose();
        await queued.WaitAsync(Bound);
        Assert.True(queuedEntered.IsSet);
        Assert.Equal(0, gate.Admitted);
        gate.Enter().Dispose(); // room again
    }

    [Fact]
    public void Disposing_a_slot_twice_frees_it_once()
    {
        using var gate = new RunGate("tiny", maxConcurrentRuns: 1, maxQueuedRuns: 0);
        var slot = gate.Enter();
        var other = Assert.Throws<ModelBusyException>(gate.Enter);
        Assert.Contains("MaxQueuedRuns = 0", other.Message, StringComparison.Ordinal);

        slot.Dispose();
        slot.Dispose();
        using var next = gate.Enter();

        Assert.Equal(1, gate.Admitted);
        Assert.Throws<ModelBusyException>(gate.Enter);
    }

    [Fact]
    public void A_model_whose_queue_is_full_refuses_Score_with_its_name()
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached), new OnnxModelOptions(MaxConcurrentRuns: 1, MaxQueuedRuns: 0));
        using (model.Gate.Enter())
        {
            var error = Assert.Throws<ModelBusyException>(() => model.Score([[1, 2, 3]]));
            Assert.Equal(model.Name, error.Model);
            Assert.Equal(0, model.Stats.ForwardPasses);
        }

        Assert.Equal(3, model.Score([[1, 2, 3]])[0].Tokens.Count);
    }

    [Fact]
    public void Zero_concurrent_runs_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Plain), new OnnxModelOptions(MaxConcurrentRuns: 0)));

        Assert.Contains("MaxConcurrentRuns is 0", error.Message, StringComparison.Ordinal);
    }
}

using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.Definitions;

namespace ConsultFlow.Engine.Tests.Runtime;

/// <summary>A test activity that fails while <see cref="Broken"/> is set, and counts how often each id ran.</summary>
public sealed class FlakyActivity : Activity<FlakyActivity.Inputs>
{
    public sealed record Inputs;

    public volatile bool Broken = true;
    private readonly Dictionary<string, int> runs = [];

    public int RunsOf(string activityId)
    {
        lock (runs) return runs.GetValueOrDefault(activityId);
    }

    public override ActivityDescriptor Descriptor { get; } = new(
        "Flaky", new LocalizedText("不稳定", "Flaky"), new LocalizedText("测试用", "For tests"), "test", [], [Outcomes.Done]);

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs)
    {
        lock (runs) runs[context.ActivityId] = runs.GetValueOrDefault(context.ActivityId) + 1;
        if (Broken && context.ActivityId == "flaky")
            throw new InvalidOperationException("the downstream system is unreachable");
        return new(ActivityResult.Done());
    }
}

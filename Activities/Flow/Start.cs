using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Runtime;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Flow;

/// <summary>Where every instance begins.</summary>
public sealed class Start : Activity<Start.Inputs>
{
    public sealed record Inputs;

    public override ActivityDescriptor Descriptor { get; } = new(
        BuiltInActivityTypes.Start, T("开始", "Start"), T("流程从这里开始。", "The workflow begins here."), Categories.Flow, [], [Outcomes.Done]);

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs) => new(ActivityResult.Done());
}

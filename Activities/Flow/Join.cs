using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Runtime;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Flow;

/// <summary>
/// Where branches meet. Wait all: continues once no branch leading here is still running. Wait any: continues on the
/// first arrival and cancels the other branches leading here (their tasks are closed as cancelled).
/// </summary>
public sealed class Join : Activity<Join.Inputs>, IJoinActivity
{
    public sealed record Inputs(JoinMode Mode);

    public override ActivityDescriptor Descriptor { get; } = new(
        "Join", T("汇合", "Join"), T("等待各分支汇合后继续。", "Continues when the branches have met."), Categories.Flow,
        [new("mode", InputKind.Choice, T("汇合方式", "Mode")) { Default = "waitAll", Choices = ["waitAll", "waitAny"] }],
        [Outcomes.Done])
    { IsJoin = true };

    public JoinMode ModeOf(ActivityNode node) =>
        node.Inputs.TryGetValue("mode", out var value) && value.Literal?.GetValue<string>() == "waitAny" ? JoinMode.WaitAny : JoinMode.WaitAll;

    public override IEnumerable<string> Validate(ActivityNode node)
    {
        if (node.Inputs.TryGetValue("mode", out var value) && value.IsExpression)
            yield return "A join's mode must be fixed, not an expression.";
    }

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs) => new(ActivityResult.Done());
}

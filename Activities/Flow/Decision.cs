using ConsultFlow.Engine.Expressions;
using ConsultFlow.Engine.Runtime;
using System.Text.Json.Nodes;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Flow;

/// <summary>Follows True or False by a JSON Logic condition.</summary>
public sealed class Decision : Activity<Decision.Inputs>
{
    public sealed record Inputs(JsonNode? Condition);

    public override ActivityDescriptor Descriptor { get; } = new(
        "Decision", T("条件判断", "Decision"), T("按条件走“是”或“否”分支。", "Follows True or False by a condition."), Categories.Flow,
        [new("condition", InputKind.Condition, T("条件", "Condition")) { Required = true }], [Outcomes.True, Outcomes.False]);

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs) =>
        new(ActivityResult.Done(JsonLogicEvaluator.IsTruthy(inputs.Condition) ? Outcomes.True : Outcomes.False));
}

using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Flow;

/// <summary>Sets a declared workflow variable to a value or the result of an expression.</summary>
public sealed class SetVariable : Activity<SetVariable.Inputs>
{
    public sealed record Inputs(string Variable, JsonNode? Value);

    public override ActivityDescriptor Descriptor { get; } = new(
        "SetVariable", T("设置变量", "Set variable"), T("给流程变量赋值。", "Sets a workflow variable."), Categories.Flow,
        [
            new("variable", InputKind.Variable, T("变量", "Variable")) { Required = true },
            new("value", InputKind.Json, T("值", "Value")),
        ],
        [Outcomes.Done]);

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs)
    {
        context.SetVariable(inputs.Variable, inputs.Value);
        return new(ActivityResult.Done());
    }
}

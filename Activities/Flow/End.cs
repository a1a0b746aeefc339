using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Flow;

/// <summary>Ends a path, optionally setting the instance's output. The instance completes when no path is left.</summary>
public sealed class End : Activity<End.Inputs>
{
    public sealed record Inputs(JsonNode? Output);

    public override ActivityDescriptor Descriptor { get; } = new(
        "End", T("结束", "End"), T("结束此路径，可设置流程的输出。", "Ends this path and may set the workflow's output."), Categories.Flow,
        [new("output", InputKind.Json, T("输出", "Output"))], []);

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs)
    {
        if (inputs.Output is not null) context.SetWorkflowOutput(inputs.Output);
        return new(new ActivityResult.Completed([], inputs.Output));
    }
}

using System.Text.Json;
using ConsultFlow.Engine.Definitions;
using ConsultFlow.Engine.Runtime;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Flow;

/// <summary>Starts every named branch at once.</summary>
public sealed class Fork : Activity<Fork.Inputs>
{
    public sealed record Inputs(IReadOnlyList<string> Branches);

    public override ActivityDescriptor Descriptor { get; } = new(
        "Fork", T("并行分支", "Fork"), T("同时启动所有分支。", "Starts all branches at once."), Categories.Flow,
        [new("branches", InputKind.StringList, T("分支", "Branches")) { Required = true }], [])
    { OutcomesFromInput = "branches" };

    public override IReadOnlyList<string> OutcomesOf(ActivityNode node) =>
        node.Inputs.TryGetValue("branches", out var value) && !value.IsExpression && value.Literal is not null
            ? TryRead(value) : [];

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs) =>
        new(new ActivityResult.Completed(inputs.Branches, null));

    private static IReadOnlyList<string> TryRead(InputValue value)
    {
        try
        {
            return value.Literal.Deserialize<List<string>>(WorkflowJson.Options) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

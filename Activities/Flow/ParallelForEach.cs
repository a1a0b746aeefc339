using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Flow;

/// <summary>
/// Runs its body once per item, all at the same time (e.g. one opinion task per participating agency). Completes when
/// every item is done, or earlier when the completion condition holds; the items still running are then cancelled.
/// Its output is <c>{"results": [{"index", "item", "completed", "outputs": {activityId: output}}]}</c>.
/// </summary>
public sealed class ParallelForEach : Activity<ParallelForEach.Inputs>, IContainerActivity
{
    public sealed record Inputs(JsonNode? Items, JsonNode? CompletionCondition);

    public override ActivityDescriptor Descriptor { get; } = new(
        "ParallelForEach", T("并行逐项处理", "Parallel for each"),
        T("对每一项并行执行内部流程，例如向每个参会单位征求意见。", "Runs the body once per item in parallel, e.g. one opinion task per agency."),
        Categories.Flow,
        [
            new("items", InputKind.Json, T("项目列表", "Items")) { Required = true },
            new("completionCondition", InputKind.Condition, T("提前完成条件", "Completion condition"))
            {
                Deferred = true,
                Help = T("可使用 results、completedCount、total。", "May use results, completedCount and total."),
            },
        ],
        [Outcomes.Done])
    { Container = true };

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs) => inputs.Items switch
    {
        JsonArray items => new(new ActivityResult.RunBody(items.ToList())),
        null => new(new ActivityResult.RunBody([])),
        _ => throw new InvalidOperationException($"'items' of '{context.ActivityId}' must be a list, not {inputs.Items.ToJsonString()}."),
    };

    public bool IsDoneEarly(ActivityContext context, object inputs, IReadOnlyList<ScopeResult> results)
    {
        var condition = ((Inputs)inputs).CompletionCondition;
        if (condition is null) return false;
        var extra = new JsonObject
        {
            ["results"] = new JsonArray(results.Select(r => (JsonNode?)new JsonObject
            {
                ["index"] = r.Index,
                ["item"] = r.Item?.DeepClone(),
                ["completed"] = r.Completed,
                ["outputs"] = r.Outputs.DeepClone(),
            }).ToArray()),
            ["completedCount"] = results.Count(r => r.Completed),
            ["total"] = results.Count,
        };
        return context.IsTrue(condition, extra);
    }
}

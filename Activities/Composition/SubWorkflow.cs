using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Composition;

/// <summary>Starts a published workflow as a child; optionally waits for it and takes its output.</summary>
public sealed class SubWorkflow : Activity<SubWorkflow.Inputs>
{
    public sealed record Inputs(string DefinitionId, int? Version, JsonObject? Input, bool WaitForCompletion);

    public override ActivityDescriptor Descriptor { get; } = new(
        "SubWorkflow", T("子流程", "Sub-workflow"), T("启动另一个已发布的流程，可等待其完成。", "Starts another published workflow and may wait for it."),
        Categories.Composition,
        [
            new("definitionId", InputKind.Definition, T("流程", "Workflow")) { Required = true },
            new("version", InputKind.Integer, T("版本", "Version")) { Help = T("留空则用最新发布版本。", "Empty: the newest published version.") },
            new("input", InputKind.Json, T("输入", "Input")),
            new("waitForCompletion", InputKind.Boolean, T("等待完成", "Wait for completion")) { Default = true },
        ],
        [Outcomes.Done])
    { Blocking = true };

    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs)
    {
        var start = new ChildStart(inputs.DefinitionId, inputs.Version, inputs.Input ?? []);
        if (!inputs.WaitForCompletion)
        {
            var detached = await context.StartChildAsync(start, null);
            return ActivityResult.Done(output: new JsonObject { ["childInstanceId"] = detached.ToString() });
        }
        var bookmarkId = Guid.NewGuid();
        var child = await context.StartChildAsync(start, bookmarkId);
        return ActivityResult.Block(new BookmarkRequest(BookmarkKind.SubWorkflow) { Id = bookmarkId, ChildInstanceId = child });
    }

    protected override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Inputs inputs, ResumeContext resume) =>
        new(ActivityResult.Done(output: resume.Data?.DeepClone()));
}

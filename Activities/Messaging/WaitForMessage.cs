using ConsultFlow.Engine.Runtime;
using ConsultFlow.Engine.State;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Messaging;

/// <summary>Waits for a message of a given name carrying a correlation key (by default the instance's case key).</summary>
public sealed class WaitForMessage : Activity<WaitForMessage.Inputs>
{
    public sealed record Inputs(string MessageName, string? CorrelationKey, string? ReplyTo);

    /// <summary>The key an answer to step <paramref name="step"/> of an instance is delivered under.</summary>
    public static string KeyForStep(Guid instanceId, string step) => $"{instanceId:N}/{step}";

    public override ActivityDescriptor Descriptor { get; } = new(
        "WaitForMessage", T("等待消息", "Wait for message"), T("等待外部系统发来的消息（按关联键匹配）。", "Waits for a message correlated by key."),
        Categories.Messaging,
        [
            new("messageName", InputKind.Text, T("消息名称", "Message name")) { Required = true },
            new("correlationKey", InputKind.Text, T("关联键", "Correlation key")) { Help = T("默认为案件编号。", "Defaults to the case key.") },
            new("replyTo", InputKind.Text, T("答复的步骤", "Step answered")) { Help = T("等待对本实例该步骤（如发送消息的步骤）的答复：按实例和步骤关联。", "Waits for the answer to that step of this instance: correlated by instance and step.") },
        ],
        [Outcomes.Done])
    { Blocking = true };

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs)
    {
        var key = inputs.ReplyTo is { } step ? KeyForStep(context.InstanceId, step) : inputs.CorrelationKey ?? context.CorrelationKey
            ?? throw new InvalidOperationException($"'{context.ActivityId}' has no correlation key and the instance has none either.");
        return new(ActivityResult.Block(new BookmarkRequest(BookmarkKind.Message) { MessageName = inputs.MessageName, CorrelationKey = key }));
    }

    protected override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Inputs inputs, ResumeContext resume) =>
        new(ActivityResult.Done(output: resume.Data?.DeepClone()));
}

using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Messaging;

/// <summary>
/// Sends a message to one agency's own system through the transactional outbox: it leaves only if this step commits,
/// and at most once in effect (receivers deduplicate by message id). The answer names <c>step</c>: the task or
/// WaitForMessage there takes it. An agency without a system of its own gets nothing (the deployment's configuration
/// says which have one), and its staff do that step in the web UI instead.
/// </summary>
public sealed class SendMessage : Activity<SendMessage.Inputs>
{
    public sealed record Inputs(string MessageType, string To, JsonNode? Data, string? ReplyStep, string? From);

    public override ActivityDescriptor Descriptor { get; } = new(
        "SendMessage", T("发送消息", "Send message"),
        T("通过事务性发件箱向某机关自己的系统发送消息（如移送书），答复回到指定步骤。", "Sends a message to an agency's own system through the transactional outbox; its answer goes to the named step."),
        Categories.Messaging,
        [
            new("messageType", InputKind.Text, T("消息类型", "Message type")) { Required = true, Help = T("如 CaseReferred。", "e.g. CaseReferred.") },
            new("to", InputKind.Agency, T("接收机关", "Receiving agency")) { Required = true },
            new("data", InputKind.Json, T("消息内容", "Message data")),
            new("replyStep", InputKind.Text, T("答复步骤", "Step that takes the answer")) { Help = T("默认为本步骤。", "Defaults to this step.") },
            new("from", InputKind.Agency, T("发送机关", "Sending agency")) { Help = T("默认为当前操作人的机关。", "Defaults to the acting user's agency.") },
        ],
        [Outcomes.Done]);

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs)
    {
        var payload = MessagePayload.Build(context, inputs.Data, inputs.ReplyStep ?? context.ActivityId, inputs.From, inputs.To);
        var id = context.SendMessage(inputs.MessageType, inputs.To, payload);
        return new(ActivityResult.Done(output: new JsonObject { ["messageId"] = id.ToString(), ["to"] = inputs.To }));
    }
}

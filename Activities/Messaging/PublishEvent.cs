using System.Text.Json.Nodes;
using ConsultFlow.Engine.Runtime;
using static ConsultFlow.Activities.Text;

namespace ConsultFlow.Activities.Messaging;

/// <summary>
/// Publishes an event (e.g. CaseFiled) to every system that subscribes to its type, through the transactional outbox.
/// Nobody answers an event; use SendMessage for a request.
/// </summary>
public sealed class PublishEvent : Activity<PublishEvent.Inputs>
{
    public sealed record Inputs(string MessageType, JsonNode? Data, string? From);

    public override ActivityDescriptor Descriptor { get; } = new(
        "PublishEvent", T("发布事件", "Publish event"),
        T("通过事务性发件箱向所有订阅该类型的系统发布事件。", "Publishes an event to every subscriber through the transactional outbox."),
        Categories.Messaging,
        [
            new("messageType", InputKind.Text, T("事件类型", "Event type")) { Required = true, Help = T("如 CaseFiled。", "e.g. CaseFiled.") },
            new("data", InputKind.Json, T("事件内容", "Event data")),
            new("from", InputKind.Agency, T("发布机关", "Publishing agency")),
        ],
        [Outcomes.Done]);

    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, Inputs inputs)
    {
        var payload = MessagePayload.Build(context, inputs.Data, context.ActivityId, inputs.From, to: null);
        var id = context.SendMessage(inputs.MessageType, destination: null, payload);
        return new(ActivityResult.Done(output: new JsonObject { ["messageId"] = id.ToString() }));
    }
}
